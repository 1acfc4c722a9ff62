import { recordAuditEvent } from '../audit/audit-events.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { findLoginCandidate } from './credentials.ts';
import { lockedFor, releaseAttempt, reserveAttempt, throttleKeys } from './login-throttle.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { issueToken, purgeExpiredTokens, type IssuedToken } from './token-store.ts';

export interface LoginResult extends IssuedToken {
  userId: number;
}

/**
 * Checks a username and password and issues a session token. Locked, or over the number of attempts (per
 * username, per address): 429 with the seconds to wait, before the password is even looked at. Unknown user, wrong
 * password and disabled account answer alike (401), in about the same time.
 */
export async function login(context: OperationContext, username: string, password: string, address: string): Promise<LoginResult> {
  const settings = context.model.app.auth;
  const keys = throttleKeys(settings, username, address);
  const wait = (await lockedFor(context, keys)) || (await reserveAttempt(context, settings, keys));
  if (wait > 0) {
    await recordAuditEvent(context, 'login_failed', { entity: 'user', changes: { username, locked_for_seconds: wait } }, { actorId: null, actor: username.slice(0, 120) });
    const error = httpError('KONTOR_HTTP_TOO_MANY_LOGINS', String(wait));
    error.retryAfter = wait;
    throw error;
  }
  const candidate = await findLoginCandidate(context, username);
  const matches = await verifyPassword(password, candidate?.passwordHash ?? (await decoyHash()));
  // The attempt was counted before the check: a failure simply keeps it.
  if (!candidate || !matches || !candidate.active || candidate.passwordHash === null) {
    await recordAuditEvent(context, 'login_failed', { entity: 'user', recordId: candidate?.id ?? null, changes: { username } }, { actorId: null, actor: username.slice(0, 120) });
    throw httpError('KONTOR_HTTP_LOGIN_FAILED', 'Wrong username or password');
  }
  await releaseAttempt(context, keys);
  await recordAuditEvent(context, 'login', { entity: 'user', recordId: candidate.id }, { actorId: candidate.id, actor: candidate.username });
  await purgeExpiredTokens(context);
  const token = await issueToken(context, candidate.id, 'session', settings.sessionTtlSeconds);
  return { ...token, userId: candidate.id };
}
