import { LOGIN_FAILURE_TABLE } from '../../generators/core/naming.ts';
import type { AuthSettings } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { execute } from './sql-writer.ts';

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
 * Counts a failure: one statement per key (an upsert), so concurrent failures in several processes all
 * count. A window that has passed starts again at one; reaching the key's maximum locks it.
 */
export async function recordFailure(context: OperationContext, settings: AuthSettings, keys: readonly ThrottleKey[]): Promise<void> {
  const now = Date.now();
  const windowStart = now - settings.login.windowSeconds * 1000;
  const lockedUntil = now + settings.login.lockoutSeconds * 1000;
  const table = quote(LOGIN_FAILURE_TABLE);
  const col = (name: string) => `${table}.${quote(name)}`;
  const failures = `CASE WHEN ${col('window_start')} < ? THEN 1 ELSE ${col('failures')} + 1 END`;
  for (const { key, max } of keys) {
    await execute(
      context.db,
      `INSERT INTO ${table} (${['key', 'failures', 'window_start', 'locked_until'].map(quote).join(', ')}) VALUES (?, 1, ?, ?) ` +
        `ON CONFLICT (${quote('key')}) DO UPDATE SET ${quote('failures')} = ${failures}, ` +
        `${quote('window_start')} = CASE WHEN ${col('window_start')} < ? THEN ? ELSE ${col('window_start')} END, ` +
        `${quote('locked_until')} = CASE WHEN ${failures} >= ? THEN ? ELSE ${col('locked_until')} END`,
      [key, now, max <= 1 ? lockedUntil : 0, windowStart, windowStart, now, windowStart, max, lockedUntil],
    );
  }
}

/** A successful login clears the username's count (not the address's: one good account must not reset it). */
export async function clearFailures(context: OperationContext, keys: readonly ThrottleKey[]): Promise<void> {
  const [user] = keys;
  if (user) await execute(context.db, `DELETE FROM ${quote(LOGIN_FAILURE_TABLE)} WHERE ${quote('key')} = ?`, [user.key]);
}
