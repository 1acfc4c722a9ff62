import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Row, SqlReader } from './sql-reader.ts';

const READ_POOL_SIZE = 10;
const SHAPES_KEPT = 2000;

/**
 * The read path on PostgreSQL: a pool of its own (reads never queue behind the ORM's write transactions)
 * and named prepared statements, so each query shape is planned once per connection. The SQL uses `?`
 * placeholders on both engines; they become `$1..$n` here, once per shape.
 */
export function openPostgresReader(url: string): SqlReader {
  const pool = new pg.Pool({ connectionString: url, max: READ_POOL_SIZE });
  // An idle client that loses its connection must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const shapes = new Map<string, { name: string; text: string }>();
  const shape = (sql: string) => {
    let known = shapes.get(sql);
    if (!known) {
      if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value as string);
      let index = 0;
      known = { name: `k_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      shapes.set(sql, known);
    }
    return known;
  };
  return {
    dialect: 'postgresql',
    all: async (sql, params) => (await pool.query<Row>({ ...shape(sql), values: params as unknown[] })).rows,
    close: async () => {
      await pool.end();
    },
  };
}
