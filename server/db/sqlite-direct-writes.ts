import { EventType, type Transaction, type TransactionEventBroadcaster } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache.ts';

const STATEMENT_CACHE_SIZE = 500;

/** A write transaction on the one SQLite connection; nested ones are savepoints of it. */
interface DirectTransaction {
  direct: true;
  depth: number;
  savepoint: string | null;
  release: () => void;
}

type Execute = AbstractSqlConnection['execute'];
type Query = Parameters<Execute>[0];
type KnexQuery = { toSQL(): { sql: string; bindings?: readonly unknown[] } };

/**
 * Speeds up the write path on SQLite without leaving MikroORM's unit of work (which the audit trail needs):
 * statements run with bound parameters on cached prepared statements, and transactions are BEGIN IMMEDIATE
 * and COMMIT on the connection itself. Measured: knex re-prepared every statement (MikroORM inlines the
 * parameters into the SQL text) and built a transaction object per write, about half of a create's cost.
 * Writes are serialized in a queue, as SQLite serializes writers anyway; nothing runs inside another
 * request's open transaction.
 */
export async function useDirectSqliteWrites(connection: AbstractSqlConnection): Promise<void> {
  const client = connection.getKnex().client as { acquireConnection(): Promise<Database>; releaseConnection(db: Database): Promise<void> };
  // knex's pool for SQLite holds exactly one connection for the life of the ORM: this is it.
  const db = await client.acquireConnection();
  await client.releaseConnection(db);
  const statements = new StatementCache(db, STATEMENT_CACHE_SIZE);
  const queue = new WriteQueue();
  const self = connection as unknown as { transformRawResult(result: unknown, method: string): unknown };

  const run = (query: Query, params: readonly unknown[], method: string): unknown => {
    let sql = query as string;
    let values = params;
    if (typeof query !== 'string') {
      const compiled = (query as unknown as KnexQuery).toSQL();
      sql = compiled.sql;
      values = compiled.bindings ?? [];
    }
    const statement = statements.prepare(sql);
    const bound = values.map(bindable);
    const result = statement.reader ? statement.all(...bound) : statement.run(...bound);
    return self.transformRawResult(result, method);
  };

  Object.assign(connection, {
    async begin(options: { ctx?: Transaction; eventBroadcaster?: TransactionEventBroadcaster } = {}): Promise<DirectTransaction> {
      const parent = options.ctx as unknown as DirectTransaction | undefined;
      if (parent?.direct) {
        const savepoint = `trx${parent.depth + 1}`;
        db.exec(`SAVEPOINT ${savepoint}`);
        return { direct: true, depth: parent.depth + 1, savepoint, release: () => {} };
      }
      await options.eventBroadcaster?.dispatchEvent(EventType.beforeTransactionStart);
      const release = await queue.acquire();
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        release();
        throw error;
      }
      const transaction: DirectTransaction = { direct: true, depth: 0, savepoint: null, release };
      await options.eventBroadcaster?.dispatchEvent(EventType.afterTransactionStart, transaction as unknown as Transaction);
      return transaction;
    },
    async commit(transaction: DirectTransaction, broadcaster?: TransactionEventBroadcaster): Promise<void> {
      if (transaction.savepoint) {
        db.exec(`RELEASE ${transaction.savepoint}`);
        return;
      }
      try {
        await broadcaster?.dispatchEvent(EventType.beforeTransactionCommit, transaction as unknown as Transaction);
        db.exec('COMMIT');
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
        transaction.release();
      }
      await broadcaster?.dispatchEvent(EventType.afterTransactionCommit, transaction as unknown as Transaction);
    },
    async rollback(transaction: DirectTransaction, broadcaster?: TransactionEventBroadcaster): Promise<void> {
      if (transaction.savepoint) {
        db.exec(`ROLLBACK TO ${transaction.savepoint}`);
        db.exec(`RELEASE ${transaction.savepoint}`);
        return;
      }
      try {
        await broadcaster?.dispatchEvent(EventType.beforeTransactionRollback, transaction as unknown as Transaction);
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
        transaction.release();
      }
      await broadcaster?.dispatchEvent(EventType.afterTransactionRollback, transaction as unknown as Transaction);
    },
    async execute(query: Query, params: readonly unknown[] = [], method = 'all', context?: Transaction): Promise<unknown> {
      if ((context as unknown as DirectTransaction | undefined)?.direct) return run(query, params, method);
      const release = await queue.acquire();
      try {
        return run(query, params, method);
      } finally {
        release();
      }
    },
  });
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans and dates need a form. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

/** One write at a time, first come first served. */
class WriteQueue {
  #tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return release;
  }
}
