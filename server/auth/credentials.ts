import { CREDENTIAL_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { hashPassword } from './password.ts';
import { execute } from './sql-writer.ts';

/** Sets (or replaces) a user's password; only its scrypt hash is stored. */
export async function setPassword(context: OperationContext, userId: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await execute(
    context.db,
    `INSERT INTO ${quote(CREDENTIAL_TABLE)} (${['user_id', 'password_hash', 'changed_at'].map(quote).join(', ')}) VALUES (?, ?, ?) ` +
      `ON CONFLICT (${quote('user_id')}) DO UPDATE SET ${quote('password_hash')} = ?, ${quote('changed_at')} = ?`,
    [userId, hash, Date.now(), hash, Date.now()],
  );
}

export interface LoginCandidate {
  id: number;
  username: string;
  active: boolean;
  passwordHash: string | null;
}

/** The account a login names (usernames are stored lowercase), with its password hash. */
export async function findLoginCandidate(context: OperationContext, username: string): Promise<LoginCandidate | null> {
  const active = context.plan('user').byName.get('active');
  const rows = await context.db.reader.all(
    `SELECT u.${quote('id')} AS ${quote('id')}, u.${quote('username')} AS ${quote('username')}, u.${quote('active')} AS ${quote('active')}, c.${quote('password_hash')} AS ${quote('password_hash')} ` +
      `FROM ${quote('user')} u LEFT JOIN ${quote(CREDENTIAL_TABLE)} c ON c.${quote('user_id')} = u.${quote('id')} WHERE u.${quote('username')} = ?`,
    [username.toLowerCase()],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    username: String(row.username),
    active: active ? active.codec.fromDb(row.active, context.dialect) === true : false,
    passwordHash: typeof row.password_hash === 'string' ? row.password_hash : null,
  };
}
