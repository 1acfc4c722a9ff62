import { addUser, changePassword, listUsers, setUserActive } from '../auth/users.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor user <add|passwd|disable|enable|list> [options]

  kontor user add <username> --password <pw> --roles <role>[,<role>...] [--name <display name>]
                  [--email <address>] [--department <department>]
  kontor user passwd <username> --password <pw>
  kontor user disable <username>     (cannot log in; every token of the user stops working at once)
  kontor user enable <username>
  kontor user list

Options for all: --dir <project dir>. Works on the database of DATABASE_URL, else config/app.yaml,
whether or not the server has run before. Passwords need at least 10 characters.`;

export async function userCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    'user',
    args,
    { dir: { type: 'string' }, password: { type: 'string' }, roles: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, department: { type: 'string' } },
    help,
    true,
  );
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; password?: string; roles?: string; name?: string; email?: string; department?: string };
  const [action, username, ...rest] = parsed.positionals;
  const needsUser = action === 'add' || action === 'passwd' || action === 'disable' || action === 'enable';
  if (!action || !['add', 'passwd', 'disable', 'enable', 'list'].includes(action) || (needsUser && !username) || rest.length > 0) {
    console.error(`kontor user: ${action ? `unexpected arguments` : 'say what to do'}\n\n${help}`);
    return 2;
  }
  if ((action === 'add' || action === 'passwd') && !values.password) {
    console.error(`kontor user ${action}: --password is required\n\n${help}`);
    return 2;
  }
  if (action === 'add' && !values.roles) {
    console.error(`kontor user add: --roles is required (e.g. --roles trader or --roles hr,employee)\n\n${help}`);
    return 2;
  }
  const context = await openProject(values.dir);
  if (!context) return 1;
  try {
    switch (action) {
      case 'add': {
        const roles = (values.roles as string).split(',').map((r) => r.trim()).filter(Boolean);
        const known = context.model.roles.map((r) => r.name);
        const unknown = roles.filter((r) => !known.includes(r));
        if (unknown.length > 0) {
          console.error(`kontor user add: unknown role ${unknown.map((r) => `"${r}"`).join(', ')}; config/roles.yaml has ${known.join(', ')}`);
          return 1;
        }
        const user = await addUser(context, { username: username as string, password: values.password as string, roles, displayName: values.name ?? null, email: values.email ?? null, department: values.department ?? null });
        console.log(`Added user ${String(user.username)} (id ${String(user.id)}) with roles ${roles.join(', ')}`);
        return 0;
      }
      case 'passwd':
        await changePassword(context, username as string, values.password as string);
        console.log(`Changed the password of ${username}`);
        return 0;
      case 'disable':
      case 'enable':
        await setUserActive(context, username as string, action === 'enable');
        console.log(`${action === 'enable' ? 'Enabled' : 'Disabled'} user ${username}`);
        return 0;
      default: {
        const users = await listUsers(context);
        const rows = users.map((u) => [String(u.username), (u.roles as string[]).join(','), u.active ? 'active' : 'disabled', String(u.display_name ?? ''), String(u.department ?? '')]);
        const header = ['USERNAME', 'ROLES', 'STATUS', 'NAME', 'DEPARTMENT'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
        for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd());
        if (users.length === 0) console.log('(no users yet: `kontor user add <username> --password <pw> --roles admin`)');
        return 0;
      }
    }
  } finally {
    await context.db.close();
  }
}
