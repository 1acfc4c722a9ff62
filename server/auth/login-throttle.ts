import { LOGIN_FAILURE_TABLE } from '../../generators/core/naming.ts';
import type { AuthSettings } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { execute, executeReturning } from './sql-writer.ts';

/** An address may fail this many times more than one username: an office behind one NAT shares it. */
export const ADDRESS_FACTOR = 4;

export interface ThrottleKey {
  key: string;
  max: number;
}

/** Failed logins are counted per username and per client address, in the database (shared by every process). */
export function throttleKeys(settings: AuthSettings, username: string, address: string): ThrottleKey[] {
  return [
    { key: `user:${username.toLowerCase()}`, max: settings.login.maxFailures },
    { key: `addr:${address}`, max: settings.login.maxFailures * ADDRESS_FACTOR },
  ];
}

/** Seconds until the next login may be tried, 0 when none of the keys is locked. */
export async function lockedFor(context: OperationContext, keys: readonly ThrottleKey[]): Promise<number> {
  const rows = await context.db.reader.all(
    `SELECT ${quote('locked_until')} AS ${quote('locked_until')} FROM ${quote(LOGIN_FAILURE_TABLE)} WHERE ${quote('key')} IN (${keys.map(() => '?').join(', ')})`,
    keys.map((k) => k.key),
  );
  const until = Math.max(0, ...rows.map((r) => Number(r.locked_until)));
  const now = Date.now();
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/**
 * Counts this attempt before the password is checked, in one statement per key (an upsert that returns the
 * new count), so a burst of simultaneous attempts in one or several processes cannot all slip through while
 * each one's slow password check runs: only the first `max` in a window go ahead. An attempt beyond that
 * locks the key for the lockout. Returns the seconds to wait, 0 to go ahead; a successful login gives its
 * attempt back (`releaseAttempt`).
 */
export async function reserveAttempt(context: OperationContext, settings: AuthSettings, keys: readonly ThrottleKey[]): Promise<number> {
  const now = Date.now();
  const windowStart = now - settings.login.windowSeconds * 1000;
  const lockUntil = now + settings.login.lockoutSeconds * 1000;
  const table = quote(LOGIN_FAILURE_TABLE);
  const col = (name: string) => `${table}.${quote(name)}`;
  // A count starts again when its window has passed or its lock has run out (the user may try again).
  const fresh = `(${col('window_start')} < ${windowStart} OR (${col('locked_until')} > 0 AND ${col('locked_until')} <= ${now}))`;
  const attempts = `CASE WHEN ${fresh} THEN 1 ELSE ${col('failures')} + 1 END`;
  let wait = 0;
  for (const { key, max } of keys) {
    // The numbers are this process's clock readings, inlined: the statement has one parameter, the key.
    const [row] = await executeReturning(
      context.db,
      `INSERT INTO ${table} (${['key', 'failures', 'window_start', 'locked_until'].map(quote).join(', ')}) VALUES (?, 1, ${now}, ${max < 1 ? lockUntil : 0}) ` +
        `ON CONFLICT (${quote('key')}) DO UPDATE SET ${quote('failures')} = ${attempts}, ` +
        `${quote('window_start')} = CASE WHEN ${fresh} THEN ${now} ELSE ${col('window_start')} END, ` +
        `${quote('locked_until')} = CASE WHEN ${attempts} > ${max} THEN (CASE WHEN ${col('locked_until')} > ${now} THEN ${col('locked_until')} ELSE ${lockUntil} END) ` +
        `WHEN ${fresh} THEN 0 ELSE ${col('locked_until')} END ` +
        `RETURNING ${quote('failures')} AS ${quote('failures')}, ${quote('locked_until')} AS ${quote('locked_until')}`,
      [key],
    );
    if (row && Number(row.failures) > max) wait = Math.max(wait, Math.max(1, Math.ceil((Number(row.locked_until) - now) / 1000)));
  }
  return wait;
}

/**
 * A successful login: the username's count starts again; the address gives back this one attempt only (one
 * good account must not reset the count of an address that guesses at others).
 */
export async function releaseAttempt(context: OperationContext, keys: readonly ThrottleKey[]): Promise<void> {
  const [user, address] = keys;
  if (user) await execute(context.db, `DELETE FROM ${quote(LOGIN_FAILURE_TABLE)} WHERE ${quote('key')} = ?`, [user.key]);
  if (address) {
    await execute(context.db, `UPDATE ${quote(LOGIN_FAILURE_TABLE)} SET ${quote('failures')} = ${quote('failures')} - 1 WHERE ${quote('key')} = ? AND ${quote('failures')} > 0`, [address.key]);
  }
}
