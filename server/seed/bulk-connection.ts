import Database from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from '../../generators/fields/column-codecs.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { DatabaseTarget } from '../db/database-url.ts';

type Row = Record<string, unknown>;

/**
 * A connection of its own for bulk inserts, beside the ORM's: multi-row INSERTs on prepared statements, in
 * transactions the caller opens. SQL uses `?` placeholders on both engines.
 */
export interface BulkConnection {
  readonly dialect: Dialect;
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Inserts the rows (each one value per column) with as few statements as the engine's limits allow. */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  transaction(work: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Rows per statement: SQLite binds at most 32,766 parameters, PostgreSQL 65,535; more rows gain little. */
const MAX_ROWS = { sqlite: 200, postgresql: 1000 } as const;
const MAX_PARAMS = { sqlite: 32_000, postgresql: 65_000 } as const;

export async function openBulkConnection(target: DatabaseTarget): Promise<BulkConnection> {
  return target.dialect === 'sqlite' ? openSqlite(target.path) : openPostgres(target.url);
}

function insertSql(dialect: Dialect, table: string, columns: readonly string[], rows: number): string {
  let index = 0;
  const one = () => `(${columns.map(() => (dialect === 'postgresql' ? `$${++index}` : '?')).join(', ')})`;
  return `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array.from({ length: rows }, one).join(', ')}`;
}

function rowsPerStatement(dialect: Dialect, columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS[dialect], Math.floor(MAX_PARAMS[dialect] / columns)));
}

function openSqlite(path: string): BulkConnection {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = normal');
  db.pragma('foreign_keys = on');
  const statements = new Map<string, Database.Statement>();
  const prepared = (table: string, columns: readonly string[], rows: number) => {
    const key = `${table}|${columns.join(',')}|${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(insertSql('sqlite', table, columns, rows));
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    dialect: 'sqlite',
    query: async (sql, params = []) => {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
    },
    insert: async (table, columns, rows) => {
      const size = rowsPerStatement('sqlite', columns.length);
      for (let start = 0; start < rows.length; start += size) {
        const chunk = rows.slice(start, start + size);
        prepared(table, columns, chunk.length).run(...chunk.flat());
      }
    },
    transaction: async (work) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        await work();
        db.exec('COMMIT');
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    },
    close: async () => {
      db.close();
    },
  };
}

async function openPostgres(url: string): Promise<BulkConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names = new Map<string, string>();
  const numbered = (sql: string) => {
    let index = 0;
    return sql.replace(/\?/g, () => `$${++index}`);
  };
  return {
    dialect: 'postgresql',
    query: async (sql, params = []) => (await client.query<Row>(numbered(sql), params as unknown[])).rows,
    insert: async (table, columns, rows) => {
      const size = rowsPerStatement('postgresql', columns.length);
      for (let start = 0; start < rows.length; start += size) {
        const chunk = rows.slice(start, start + size);
        const key = `${table}|${columns.join(',')}|${chunk.length}`;
        let name = names.get(key);
        if (!name) {
          name = `kontor_seed_${names.size + 1}`;
          names.set(key, name);
        }
        await client.query({ name, text: insertSql('postgresql', table, columns, chunk.length), values: chunk.flat() as unknown[] });
      }
    },
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        await work();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close: () => client.end(),
  };
}
