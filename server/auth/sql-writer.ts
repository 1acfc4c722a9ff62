import type { KontorDatabase } from '../db/open-database.ts';

/**
 * Plain statements on Kontor's own auth tables, through the ORM's connection: on SQLite that is the one
 * writer connection (serialized with entity writes), on PostgreSQL a pooled connection. Auth tables are
 * not model entities, so no unit of work is involved.
 */
export async function execute(db: KontorDatabase, sql: string, params: unknown[]): Promise<void> {
  await db.orm.em.getConnection().execute(sql, params, 'run');
}

/** A writing statement that returns rows (`... RETURNING`), on the same connection as `execute`. */
export async function executeReturning(db: KontorDatabase, sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
  return (await db.orm.em.getConnection().execute(sql, params, 'all')) as Array<Record<string, unknown>>;
}
