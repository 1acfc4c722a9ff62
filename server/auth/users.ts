import { recordAuditEvent } from '../audit/audit-events.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { listRecords, type WireRecord } from '../operations/read-records.ts';
import { createRecord, updateRecord } from '../operations/write-records.ts';
import { systemActor, type Actor, type UserActor } from '../permissions/actor.ts';
import { setPassword } from './credentials.ts';
import { passwordProblem } from './password.ts';

export interface NewUser {
  username: string;
  password: string;
  roles: string[];
  displayName?: string | null;
  email?: string | null;
  department?: string | null;
}

/**
 * User accounts are managed through the same operations as every entity (validation, uniqueness, and the
 * audit trail later); only the password goes to its own table.
 */
export async function addUser(context: OperationContext, user: NewUser, actor: Actor = systemActor('cli')): Promise<WireRecord> {
  const problem = passwordProblem(user.password);
  if (problem) throw new Error(`the password is too weak: ${problem}`);
  const body: Record<string, unknown> = { username: user.username.toLowerCase(), roles: user.roles, active: true };
  if (user.displayName) body.display_name = user.displayName;
  if (user.email) body.email = user.email;
  if (user.department) body.department = user.department;
  const record = await createRecord(context, actor, 'user', body);
  await setPassword(context, record.id as number, user.password);
  return record;
}

export async function findUser(context: OperationContext, username: string): Promise<WireRecord | null> {
  const { records } = await listRecords(context, systemActor('cli'), 'user', { filter: { username: username.toLowerCase() } });
  return records[0] ?? null;
}

export async function requireUser(context: OperationContext, username: string): Promise<WireRecord> {
  const user = await findUser(context, username);
  if (!user) throw httpError('KONTOR_HTTP_NOT_FOUND', `there is no user "${username}" (see \`kontor user list\`)`);
  return user;
}

export async function changePassword(context: OperationContext, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(`the password is too weak: ${problem}`);
  const user = await requireUser(context, username);
  await setPassword(context, user.id as number, password);
  await recordAuditEvent(context, 'password_changed', { entity: 'user', recordId: user.id as number });
}

/** A disabled user cannot log in, and every token they hold stops working at once (the token check reads `active`). */
export async function setUserActive(context: OperationContext, username: string, active: boolean, actor: Actor = systemActor('cli')): Promise<void> {
  const user = await requireUser(context, username);
  await updateRecord(context, actor, 'user', user.id as number, { active });
}

export async function listUsers(context: OperationContext): Promise<WireRecord[]> {
  return (await listRecords(context, systemActor('cli'), 'user', { sort: ['username', 'ASC'], range: [0, 4999] })).records;
}

/** The actor a user would be when logged in (for `kontor explain`): same roles, same attributes. */
export async function actorForUser(context: OperationContext, username: string): Promise<UserActor> {
  const user = await requireUser(context, username);
  return {
    kind: 'user',
    id: user.id as number,
    username: String(user.username),
    displayName: (user.display_name as string | null) ?? null,
    email: (user.email as string | null) ?? null,
    department: (user.department as string | null) ?? null,
    roles: (user.roles as string[]) ?? [],
    tokenId: 0,
  };
}
