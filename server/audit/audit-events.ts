import type { EntityManager } from '@mikro-orm/knex';
import type { OperationContext } from '../operations/operation-context.ts';
import { appendAuditEntries } from './audit-chain.ts';
import { currentAuditContext, type AuditContext } from '../operations/request-context.ts';

/** Events that are not a record's change: logins, logouts, tokens, passwords, permission denials, exports, seeds, custom actions run, models reloaded. */
export type AuditEvent = 'login' | 'login_failed' | 'logout' | 'token_created' | 'password_changed' | 'denied' | 'export' | 'seed' | 'action' | 'model_change';

/**
 * Appends one event in a transaction of its own (serialized with every other append), so it is recorded
 * even when the request that caused it failed and rolled back.
 */
export async function recordAuditEvent(
  context: OperationContext,
  action: AuditEvent,
  details: { entity?: string | null; recordId?: number | null; changes?: Record<string, unknown> },
  who: Partial<AuditContext> = {},
): Promise<void> {
  const audit = { ...currentAuditContext(), ...who };
  await context.db.fork().transactional(async (em) => {
    await appendAuditEntries(em as unknown as EntityManager, context.dialect, [{ action, entity: details.entity ?? null, recordId: details.recordId ?? null, changes: details.changes ?? {}, retentionYears: null }], audit);
  });
}
