import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import type { UserActor } from '../permissions/actor.ts';
import { execute } from './sql-writer.ts';

export type TokenKind = 'session' | 'api';

/** Only the SHA-256 of a token is stored: a copy of the database holds no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export async function issueToken(context: OperationContext, userId: number, kind: TokenKind, ttlSeconds: number, label: string | null = null): Promise<IssuedToken> {
  const token = `kt_${randomBytes(32).toString('base64url')}`;
  const now = Date.now();
  const expiresAt = now + ttlSeconds * 1000;
  await execute(context.db, `INSERT INTO ${quote(TOKEN_TABLE)} (${['token_hash', 'user_id', 'kind', 'label', 'created_at', 'expires_at'].map(quote).join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`, [
    hashToken(token),
    userId,
    kind,
    label,
    now,
    expiresAt,
  ]);
  return { token, expiresAt: new Date(expiresAt) };
}

export async function revokeToken(context: OperationContext, tokenId: number): Promise<void> {
  await execute(context.db, `DELETE FROM ${quote(TOKEN_TABLE)} WHERE ${quote('id')} = ?`, [tokenId]);
}

/** Expired tokens are useless; dropping them keeps the table small. */
export async function purgeExpiredTokens(context: OperationContext): Promise<void> {
  await execute(context.db, `DELETE FROM ${quote(TOKEN_TABLE)} WHERE ${quote('expires_at')} < ?`, [Date.now()]);
}

/**
 * The user a token belongs to, if the token exists, has not expired and the user is active; read on every
 * request through the prepared-statement reader (one indexed lookup), so a logout or a disabled user takes
 * effect at once in every server process.
 */
export async function actorForToken(context: OperationContext, token: string): Promise<UserActor | null> {
  const rows = await context.db.reader.all(actorSql(context), [hashToken(token)]);
  const row = rows[0];
  if (!row || Number(row.expires_at) <= Date.now()) return null;
  const plan = context.plan('user');
  const decode = (name: string) => {
    const column = plan.byName.get(name);
    return column ? column.codec.fromDb(row[name], context.dialect) : null;
  };
  if (decode('active') !== true) return null;
  return {
    kind: 'user',
    id: Number(row.id),
    username: String(row.username),
    displayName: (decode('display_name') as string | null) ?? null,
    email: (decode('email') as string | null) ?? null,
    department: (decode('department') as string | null) ?? null,
    roles: (decode('roles') as string[] | null) ?? [],
    tokenId: Number(row.token_id),
  };
}

const actorSqlByContext = new WeakMap<OperationContext, string>();

function actorSql(context: OperationContext): string {
  let sql = actorSqlByContext.get(context);
  if (!sql) {
    const plan = context.plan('user');
    const columns = ['id', 'username', 'display_name', 'email', 'department', 'roles', 'active'].map((name) => {
      const column = plan.byName.get(name);
      return column ? `${column.selected} AS ${quote(name)}` : `NULL AS ${quote(name)}`;
    });
    // The user table takes the alias `t` that the read plan's column expressions are written for.
    sql = `SELECT k.${quote('id')} AS ${quote('token_id')}, k.${quote('expires_at')} AS ${quote('expires_at')}, ${columns.join(', ')} FROM ${quote(TOKEN_TABLE)} k JOIN ${quote('user')} t ON t.${quote('id')} = k.${quote('user_id')} WHERE k.${quote('token_hash')} = ?`;
    actorSqlByContext.set(context, sql);
  }
  return sql;
}
