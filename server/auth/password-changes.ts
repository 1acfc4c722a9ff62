import { TOKEN_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { recordAuditEvent } from '../audit/audit-events.ts';
import { forbidden, httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { getRecord } from '../operations/read-records.ts';
import { requireAction } from '../operations/require-action.ts';
import { idsInScope } from '../operations/ids-in-scope.ts';
import { scopeCondition } from '../operations/scope-conditions.ts';
import type { Actor } from '../permissions/actor.ts';
import { findLoginCandidate, setPassword } from './credentials.ts';
import { passwordProblem, verifyPassword } from './password.ts';
import { execute } from './sql-writer.ts';

function refuseWeak(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw httpError('KONTOR_HTTP_VALIDATION', `new_password: ${problem}`, { password: problem });
}

/** Ends every session of a user except, optionally, the one in use (a password change locks out a thief). */
async function endSessions(context: OperationContext, userId: number, keepTokenId: number | null): Promise<void> {
  await execute(context.db, `DELETE FROM ${quote(TOKEN_TABLE)} WHERE ${quote('user_id')} = ? AND ${quote('kind')} = 'session' AND ${quote('id')} <> ?`, [userId, keepTokenId ?? 0]);
}

/** A user changes their own password: the current one must be right; their other sessions end. */
export async function changeOwnPassword(context: OperationContext, actor: Actor, current: string, next: string): Promise<void> {
  if (actor.kind !== 'user') throw httpError('KONTOR_HTTP_UNAUTHENTICATED', 'Log in first');
  const candidate = await findLoginCandidate(context, actor.username);
  if (!candidate?.passwordHash || !(await verifyPassword(current, candidate.passwordHash))) {
    throw forbidden('The current password is wrong', { entity: 'user', action: 'update', field: 'password' }, { current_password: 'is wrong' });
  }
  refuseWeak(next);
  await setPassword(context, actor.id, next);
  await endSessions(context, actor.id, actor.tokenId);
  await recordAuditEvent(context, 'password_changed', { entity: 'user', recordId: actor.id });
}

/**
 * Someone with `update` on a user record (in their scope) sets its password, e.g. IT after a forgotten one;
 * every session of that user ends. API tokens stay: they are revoked by disabling the user.
 */
export async function setPasswordOf(context: OperationContext, actor: Actor, userId: number, password: string): Promise<void> {
  requireAction(context, actor, 'user', 'update');
  await getRecord(context, actor, 'user', userId); // 404 outside the read scope
  if (!(await inUpdateScope(context, actor, userId))) throw forbidden(`You may not change user ${userId}: it lies outside the users your roles may update`, { entity: 'user', action: 'update', field: 'password' });
  refuseWeak(password);
  await setPassword(context, userId, password);
  await endSessions(context, userId, null);
  await recordAuditEvent(context, 'password_changed', { entity: 'user', recordId: userId });
}

async function inUpdateScope(context: OperationContext, actor: Actor, userId: number): Promise<boolean> {
  const scope = scopeCondition(context, actor, 'user', context.policy.access(actor, 'user').grantsFor('update'));
  return (await idsInScope(context, 'user', [userId], scope)).has(userId);
}
