import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import type { KontorDatabase } from '../db/open-database.ts';

/**
 * The database itself refuses to change or remove an audit entry, whatever client connects (a second
 * line after the hash chain, which detects what a database owner does around the triggers). Idempotent:
 * every start installs them again.
 */
export async function installAuditTriggers(db: KontorDatabase): Promise<void> {
  if (db.target.dialect === 'sqlite') {
    const connection = db.orm.em.getConnection();
    for (const event of ['UPDATE', 'DELETE']) {
      await connection.execute(
        `CREATE TRIGGER IF NOT EXISTS "${AUDIT_TABLE}_no_${event.toLowerCase()}" BEFORE ${event} ON "${AUDIT_TABLE}" BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed or deleted (${AUDIT_TABLE} is append-only)'); END`,
      );
    }
    return;
  }
  // Two processes starting at once would race on the catalog ("tuple concurrently updated"): one at a time.
  await db.orm.em.fork().transactional(async (em) => {
    const trx = em.getTransactionContext();
    const run = (sql: string) => em.getConnection().execute(sql, [], 'run', trx);
    await em.getConnection().execute(`SELECT pg_advisory_xact_lock(${TRIGGER_LOCK})`, [], 'all', trx);
    await run(`CREATE OR REPLACE FUNCTION "${AUDIT_TABLE}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries cannot be changed or deleted (${AUDIT_TABLE} is append-only)'; END $$`);
    await run(`CREATE OR REPLACE TRIGGER "${AUDIT_TABLE}_no_change" BEFORE UPDATE OR DELETE ON "${AUDIT_TABLE}" FOR EACH ROW EXECUTE FUNCTION "${AUDIT_TABLE}_append_only"()`);
    await run(`CREATE OR REPLACE TRIGGER "${AUDIT_TABLE}_no_truncate" BEFORE TRUNCATE ON "${AUDIT_TABLE}" FOR EACH STATEMENT EXECUTE FUNCTION "${AUDIT_TABLE}_append_only"()`);
  });
}

const TRIGGER_LOCK = 4_915_000_002;
