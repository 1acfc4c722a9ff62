import Database from 'better-sqlite3';
import { StatementCache } from './statement-cache.ts';
import type { Row, SqlReader } from './sql-reader.ts';

const STATEMENT_CACHE_SIZE = 2000;

/**
 * A second, read-only connection with prepared statements cached by SQL text. With WAL it reads the last
 * committed state while the writer holds a transaction, so no request sees another's uncommitted rows.
 */
export function openSqliteReader(path: string): SqlReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.function('kontor_lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  const statements = new StatementCache(db, STATEMENT_CACHE_SIZE);
  return {
    dialect: 'sqlite',
    all: async (sql, params) => statements.prepare(sql).all(...params) as Row[],
    close: async () => {
      statements.clear();
      db.close();
    },
  };
}
