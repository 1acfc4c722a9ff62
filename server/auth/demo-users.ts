import { randomBytes } from 'node:crypto';
import type { OperationContext } from '../operations/operation-context.ts';
import { systemActor } from '../permissions/actor.ts';
import { listRecords } from '../operations/read-records.ts';
import { addUser } from './users.ts';

export interface DemoLogin {
  username: string;
  role: string;
}

/**
 * On a database without any user, one demo user per role (named after the role) so a first start can be
 * tried at once. The password is random per installation and printed, unless KONTOR_DEMO_PASSWORD sets it:
 * no fixed secret ships with Kontor. Returns null when users exist (nothing is created).
 */
export async function ensureDemoUsers(context: OperationContext, password = process.env.KONTOR_DEMO_PASSWORD): Promise<{ logins: DemoLogin[]; password: string } | null> {
  const { total } = await listRecords(context, systemActor('seed'), 'user', { range: [0, 0] });
  if (total > 0) return null;
  const secret = password ?? randomBytes(9).toString('base64url');
  const logins: DemoLogin[] = [];
  for (const role of context.model.roles) {
    await addUser(context, { username: role.name, password: secret, roles: [role.name], displayName: `${role.label.de} (Demo)` }, systemActor('seed'));
    logins.push({ username: role.name, role: role.label.en });
  }
  return { logins, password: secret };
}
