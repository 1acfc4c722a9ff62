import { entityActionNames, type Grant, type ScopeRule } from '../../generators/model/app-model.ts';
import { suggest } from '../../generators/core/suggest.ts';
import { actorForUser } from '../auth/users.ts';
import { userAttribute, type UserActor } from '../permissions/actor.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor explain --user <username> --entity <entity> [--action <action>] [--field <field>] [--dir <dir>]

Shows how config/roles.yaml decides for one user: each role's grants that apply to the entity (with their
place in the file), the actions they allow, hidden and read-only fields, and the row scope with the user's
values filled in. With --action, ends with ALLOWED (exit 0) or DENIED (exit 1); with --field, says whether
the user may read and write that field.`;

export async function explainCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('explain', args, { dir: { type: 'string' }, user: { type: 'string' }, entity: { type: 'string' }, action: { type: 'string' }, field: { type: 'string' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; user?: string; entity?: string; action?: string; field?: string };
  if (!values.user || !values.entity) {
    console.error(`kontor explain: --user and --entity are required\n\n${help}`);
    return 2;
  }
  const context = await openProject(values.dir);
  if (!context) return 1;
  try {
    const entity = context.model.entities.find((e) => e.name === values.entity);
    if (!entity) {
      const hint = suggest(values.entity, context.model.entities.map((e) => e.name));
      console.error(`kontor explain: no entity "${values.entity}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      return 1;
    }
    const actions = entityActionNames(entity);
    if (values.action && !actions.includes(values.action)) {
      console.error(`kontor explain: "${values.action}" is not an action of ${entity.name} (${actions.join(', ')})`);
      return 1;
    }
    if (values.field && !entity.fields.some((f) => f.name === values.field)) {
      const hint = suggest(values.field, entity.fields.map((f) => f.name));
      console.error(`kontor explain: ${entity.name} has no field "${values.field}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      return 1;
    }
    const actor = await actorForUser(context, values.user);
    const lines: string[] = [`User ${actor.username}${actor.department ? ` (department ${actor.department})` : ''}: roles ${actor.roles.join(', ') || '(none)'}`, `Entity ${entity.name} (department ${entity.department})`, ''];
    for (const role of actor.roles) {
      const grants = context.policy.grantsOf(role, entity);
      if (grants.length === 0) {
        lines.push(`${role}: no grant for ${entity.name}, ${entity.department}.* or * (default deny)`);
        continue;
      }
      const shadowed = (context.model.roles.find((r) => r.name === role)?.grants ?? []).filter((g) => [entity.name, `${entity.department}.*`, '*'].includes(g.target) && !grants.some((e) => e.grant === g));
      for (const { grant } of grants) lines.push(...describeGrant(role, grant, actor));
      for (const grant of shadowed) lines.push(`  (${grant.target} at ${grant.at} does not apply: ${grants[0]?.grant.target} is more specific)`);
    }
    const access = context.policy.access(actor, entity.name);
    lines.push('', `Allowed actions: ${access.actions().join(', ') || 'none'}`);
    let exit = 0;
    if (values.action) {
      const grants = access.grantsFor(values.action);
      const allowed = grants.length > 0;
      const scopes = grants.map((g) => (g.grant.scope ? scopeText(g.grant.scope, actor) : 'every row'));
      const limited = entity.workflow?.transitions.find((t) => t.name === values.action && access.grantsOutsideRoles(t.name).length > 0);
      const denied = limited ? `DENIED: ${entity.source} allows "${limited.name}" only to the roles ${limited.roles.join(', ')}` : `DENIED: no role grants "${values.action}" on ${entity.name}`;
      lines.push(allowed ? `ALLOWED: ${values.action} on ${scopes.includes('every row') ? 'every row' : scopes.join('  OR  ')}` : denied);
      exit = allowed ? 0 : 1;
    }
    if (values.field) {
      const visibility = access.visibility(values.field);
      const writable = access.writingGrants('create', values.field).length > 0 || access.writingGrants('update', values.field).length > 0;
      lines.push(`Field ${values.field}: ${visibility === 'all' ? 'readable on every row it can see' : visibility === 'some' ? 'readable only on the rows of the grants that do not hide it' : 'hidden (absent from every answer)'}; ${writable ? 'writable' : 'not writable'}`);
      if (!values.action) exit = visibility === 'none' ? 1 : 0;
    }
    console.log(lines.join('\n'));
    return exit;
  } finally {
    await context.db.close();
  }
}

function describeGrant(role: string, grant: Grant, actor: UserActor): string[] {
  return [
    `${role}: ${grant.target} at ${grant.at}`,
    `  actions:  ${grant.actions.join(', ')}`,
    ...(grant.hide.length > 0 ? [`  hidden:   ${grant.hide.join(', ')}`] : []),
    ...(grant.readonly.length > 0 ? [`  readonly: ${grant.readonly.join(', ')}`] : []),
    `  rows:     ${grant.scope ? scopeText(grant.scope, actor) : 'every row'}`,
  ];
}

function scopeText(scope: ScopeRule[], actor: UserActor): string {
  return scope
    .map((rule) => {
      const path = rule.path.join('.');
      if (rule.value.kind === 'literal') return `${path} ${rule.value.values.length > 1 ? `in [${rule.value.values.join(', ')}]` : `= ${String(rule.value.values[0])}`}`;
      const placeholder = rule.value.attribute === 'id' ? '$user' : `$user.${rule.value.attribute}`;
      const value = userAttribute(actor, rule.value.attribute);
      return `${path} = ${placeholder} (${value === null ? 'not set: matches nothing' : String(value)})`;
    })
    .join(' AND ');
}
