import { parseDuration } from '../../generators/core/duration.ts';
import { recordAuditEvent } from '../audit/audit-events.ts';
import { issueToken } from '../auth/token-store.ts';
import { requireUser } from '../auth/users.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor token create --user <username> [--expires <duration>] [--label <text>] [--dir <project dir>]

Creates a long-lived API token for a machine client (an ERP export, a script). It acts as that user, with
that user's roles; it stops working when it expires or the user is disabled. The token is printed once and
only its hash is stored. --expires takes 30m, 12h, 90d... (default: auth.apiTokenTtl in config/app.yaml, 90d).`;

export async function tokenCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('token', args, { dir: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' }, label: { type: 'string' } }, help, true);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; user?: string; expires?: string; label?: string };
  if (parsed.positionals.join(' ') !== 'create' || !values.user) {
    console.error(`kontor token: ${parsed.positionals[0] === 'create' ? '--user is required' : 'the only action is `create`'}\n\n${help}`);
    return 2;
  }
  const seconds = values.expires === undefined ? undefined : parseDuration(values.expires);
  if (values.expires !== undefined && seconds === undefined) {
    console.error(`kontor token create: --expires "${values.expires}" is not a duration (e.g. 30m, 12h, 90d)`);
    return 2;
  }
  const context = await openProject(values.dir);
  if (!context) return 1;
  try {
    const user = await requireUser(context, values.user);
    if (user.active !== true) {
      console.error(`kontor token create: user ${values.user} is disabled`);
      return 1;
    }
    const issued = await issueToken(context, user.id as number, 'api', seconds ?? context.model.app.auth.apiTokenTtlSeconds, values.label ?? null);
    await recordAuditEvent(context, 'token_created', { entity: 'user', recordId: user.id as number, changes: { kind: 'api', expires_at: issued.expiresAt.toISOString(), label: values.label ?? null } });
    console.log(issued.token);
    console.error(`Token for ${values.user}, valid until ${issued.expiresAt.toISOString()}. Send it as: Authorization: Bearer <token>`);
    return 0;
  } finally {
    await context.db.close();
  }
}
