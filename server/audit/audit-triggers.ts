import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import type { KontorDatabase } from '../db/open-database.ts';

/**
 * The database itself refuses to change or remove an audit entry, whatever client connects (a second
 * line after the hash chain, which detects what a database owner does around the triggers). Idempotent:
 * every start installs them again.
 */
export async function installAuditTriggers(db: KontorDatabase): Promise<void> {
  const connection = db.orm.em.getConnection();
  if (db.target.dialect === 'sqlite') {
    for (const event of ['UPDATE', 'DELETE']) {
      await connection.execute(
        `CREATE TRIGGER IF NOT EXISTS "${AUDIT_TABLE}_no_${event.toLowerCase()}" BEFORE ${event} ON "${AUDIT_TABLE}" BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed or deleted (${AUDIT_TABLE} is append-only)'); END`,
      );
    }
    return;
  }
  await connection.execute(
    `CREATE OR REPLACE FUNCTION "${AUDIT_TABLE}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries cannot be changed or deleted (${AUDIT_TABLE} is append-only)'; END $$`,
  );
  await connection.execute(`CREATE OR REPLACE TRIGGER "${AUDIT_TABLE}_no_change" BEFORE UPDATE OR DELETE ON "${AUDIT_TABLE}" FOR EACH ROW EXECUTE FUNCTION "${AUDIT_TABLE}_append_only"()`);
  await connection.execute(`CREATE OR REPLACE TRIGGER "${AUDIT_TABLE}_no_truncate" BEFORE TRUNCATE ON "${AUDIT_TABLE}" FOR EACH STATEMENT EXECUTE FUNCTION "${AUDIT_TABLE}_append_only"()`);
}
