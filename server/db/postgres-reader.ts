import type { Knex } from '@mikro-orm/knex';
import type { Row, SqlReader } from './sql-reader.ts';

/** On PostgreSQL the read path shares the ORM's pool; knex only swaps `?` for `$n`. */
export function openPostgresReader(knex: Knex): SqlReader {
  return {
    dialect: 'postgresql',
    all: async (sql, params) => ((await knex.raw(sql, params as Knex.RawBinding[])) as { rows: Row[] }).rows,
    close: async () => {},
  };
}
