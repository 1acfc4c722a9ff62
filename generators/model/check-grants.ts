import type { SourcePath } from '../core/config-issue.ts';
import { suggest } from '../core/suggest.ts';
import { entityActionNames, STANDARD_ACTIONS, USER_ATTRIBUTES, type Entity, type Grant, type Role, type ScopeRule, type ScopeValue } from './app-model.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { IssueCollector } from './issue-collector.ts';
import type { ProjectConfig, RawGrant, RawGrantObject } from './read-config.ts';

type Literal = string | number | boolean | null;

/**
 * Checks every grant in config/roles.yaml against the entities (targets, actions, fields, scope paths and
 * placeholders), reports each mistake at its place in the file, and returns the roles with their grants.
 */
export function checkGrants(config: ProjectConfig, entities: readonly Entity[], issues: IssueCollector): Role[] {
  const source = config.rolesSource;
  if (!source) return config.roles;
  const drafts: ConfigIssueDraft[] = [];
  const byName = new Map(entities.map((e) => [e.name, e]));
  const departments = new Set(config.departments.map((d) => d.name));
  const roles = config.roles.map((role) => {
    const grants: Grant[] = [];
    for (const [target, raw] of Object.entries(config.rawGrants.get(role.name) ?? {})) {
      const base: SourcePath = ['roles', role.name, 'grants', target];
      if (target === AUDIT_TARGET) {
        const grant = checkAuditGrant(config.rawGrants.get(role.name)?.[target], base, drafts);
        if (grant) {
          const position = source.locate(base, true);
          grants.push({ ...grant, at: `${source.path}:${position.line}:${position.column}` });
        }
        continue;
      }
      const covered = coveredEntities(target, entities, departments, byName, base, drafts);
      if (!covered) continue;
      // A list of objects is several grants for one target, e.g. read every contract, change only one's own.
      const several = Array.isArray(raw) && raw.some((item) => typeof item === 'object');
      const items: Array<[Exclude<RawGrant, RawGrantObject[]>, SourcePath]> = several ? (raw as RawGrantObject[]).map((item, index) => [item, [...base, index]]) : [[raw as Exclude<RawGrant, RawGrantObject[]>, base]];
      for (const [item, path] of items) {
        const grant = checkGrant(target, item, covered, byName, path, drafts);
        if (!grant) continue;
        const position = source.locate(path, path === base);
        grants.push({ ...grant, at: `${source.path}:${position.line}:${position.column}` });
      }
    }
    return { ...role, grants };
  });
  issues.add(source, drafts);
  return roles;
}

/** The grant target for the audit trail (`audit: [read]`); not an entity, and `*` does not cover it. */
export const AUDIT_TARGET = 'audit';

function checkAuditGrant(raw: RawGrant | undefined, base: SourcePath, drafts: ConfigIssueDraft[]): Omit<Grant, 'at'> | null {
  const actions = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((a) => typeof a === 'string') ? (raw as string[]) : null;
  if (!actions) {
    drafts.push({ code: 'KONTOR_CFG_WRONG_TYPE', message: 'grant "audit" takes a list of actions: `audit: [read]` (the audit trail has no fields or scopes to grant)', path: base });
    return null;
  }
  const wrong = actions.findIndex((a) => a !== 'read' && a !== '*');
  if (wrong >= 0) {
    drafts.push({ code: 'KONTOR_CFG_UNKNOWN_ACTION', message: `grant "audit": "${String(actions[wrong])}" is not an action of the audit trail (it can only be read: \`audit: [read]\`)`, path: [...base, wrong], suggestion: suggest(String(actions[wrong]), ['read']) });
    return null;
  }
  return { target: AUDIT_TARGET, actions: ['read'], hide: [], readonly: [], scope: null };
}

/** The entities a grant's key covers: `*`, `<department>.*` or one entity; null (and an issue) if unknown. */
function coveredEntities(target: string, entities: readonly Entity[], departments: ReadonlySet<string>, byName: ReadonlyMap<string, Entity>, base: SourcePath, drafts: ConfigIssueDraft[]): Entity[] | null {
  if (target === '*') return [...entities];
  const department = /^([a-z][a-z0-9_]*)\.\*$/.exec(target)?.[1];
  if (department !== undefined) {
    if (departments.has(department)) return entities.filter((e) => e.department === department);
    drafts.push({ code: 'KONTOR_CFG_UNKNOWN_DEPARTMENT', message: `grant "${target}": there is no department "${department}" in config/departments.yaml`, path: base, key: true, suggestion: withStar(suggest(department, departments)) });
    return null;
  }
  const entity = byName.get(target);
  if (entity) return [entity];
  const candidates = [...byName.keys(), ...[...departments].map((d) => `${d}.*`)];
  drafts.push({ code: 'KONTOR_CFG_UNKNOWN_ENTITY', message: `grant "${target}": no entity is named "${target}" (a grant names an entity, <department>.* or *)`, path: base, key: true, suggestion: suggest(target, candidates) });
  return null;
}

const withStar = (name: string | undefined) => (name === undefined ? undefined : `${name}.*`);

function checkGrant(target: string, raw: Exclude<RawGrant, RawGrantObject[]>, covered: Entity[], byName: ReadonlyMap<string, Entity>, base: SourcePath, drafts: ConfigIssueDraft[]): Omit<Grant, 'at'> | null {
  const long = typeof raw === 'object' && !Array.isArray(raw);
  const rawActions = long ? raw.actions : raw;
  const actionsPath: SourcePath = long ? [...base, 'actions'] : base;
  const known = [...new Set(covered.flatMap((e) => entityActionNames(e)))];
  const actions = new Set<string>();
  const list = typeof rawActions === 'string' ? [rawActions] : (rawActions as string[]);
  let ok = true;
  list.forEach((action, index) => {
    if (action === '*') for (const a of known) actions.add(a);
    else if (known.includes(action)) actions.add(action);
    else {
      ok = false;
      const where = `${covered.length === 1 ? `entity "${target}"` : `"${target}"`}`;
      drafts.push({
        code: 'KONTOR_CFG_UNKNOWN_ACTION',
        message: `grant "${target}": "${action}" is neither an action (${STANDARD_ACTIONS.join(', ')}, *) nor a workflow transition or custom action of ${where}`,
        path: typeof rawActions === 'string' ? actionsPath : [...actionsPath, index],
        suggestion: suggest(action, known),
      });
    }
  });
  const hide = long ? checkFields(target, raw.hide ?? [], 'hide', covered, [...base, 'hide'], drafts) : [];
  const readonly = long ? checkFields(target, raw.readonly ?? [], 'readonly', covered, [...base, 'readonly'], drafts) : [];
  const scope = long && raw.scope ? checkScope(target, raw.scope, covered, byName, [...base, 'scope'], drafts) : null;
  if (!ok || !hide || !readonly || scope === undefined) return null;
  return { target, actions: [...actions], hide, readonly, scope };
}

function checkFields(target: string, names: string[], key: string, covered: Entity[], path: SourcePath, drafts: ConfigIssueDraft[]): string[] | null {
  let ok = true;
  names.forEach((name, index) => {
    if (covered.some((e) => e.fields.some((f) => f.name === name))) return;
    ok = false;
    const candidates = new Set(covered.flatMap((e) => e.fields.map((f) => f.name)));
    drafts.push({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `grant "${target}": ${key} names "${name}", which ${covered.length === 1 ? `entity "${target}" does not have` : 'none of its entities has'}`, path: [...path, index], suggestion: suggest(name, candidates) });
  });
  return ok ? names : null;
}

/** undefined when the scope is broken (issues pushed). */
function checkScope(target: string, raw: Record<string, unknown>, covered: Entity[], byName: ReadonlyMap<string, Entity>, path: SourcePath, drafts: ConfigIssueDraft[]): ScopeRule[] | undefined {
  const rules: ScopeRule[] = [];
  let ok = true;
  for (const [text, rawValue] of Object.entries(raw)) {
    const segments = text.split('.');
    const value = scopeValue(rawValue);
    if (typeof value === 'string') {
      ok = false;
      drafts.push({ code: 'KONTOR_CFG_INVALID_SCOPE', message: `grant "${target}": scope ${text}: ${value}`, path: [...path, text], suggestion: undefined });
      continue;
    }
    for (const entity of covered) {
      const problem = resolvePath(entity, segments, value, byName);
      if (problem) {
        ok = false;
        drafts.push({ code: 'KONTOR_CFG_INVALID_SCOPE', message: `grant "${target}": scope "${text}"${covered.length > 1 ? ` on entity "${entity.name}"` : ''}: ${problem.message}`, path: [...path, text], key: true, suggestion: problem.suggestion });
        break;
      }
    }
    rules.push({ path: segments, value });
  }
  return ok ? rules : undefined;
}

/** `$user`, `$user.department` or literals; a string when the value is not usable, saying why. */
function scopeValue(raw: unknown): ScopeValue | string {
  if (Array.isArray(raw)) {
    if (raw.some((v) => typeof v === 'string' && v.startsWith('$'))) return 'a list holds plain values only; $user stands alone';
    return { kind: 'literal', values: raw as Literal[] };
  }
  if (typeof raw === 'string' && raw.startsWith('$')) {
    const match = /^\$user(?:\.([a-z_]+))?$/.exec(raw);
    const attribute = match ? (match[1] ?? 'id') : undefined;
    if (!attribute || !(USER_ATTRIBUTES as readonly string[]).includes(attribute)) {
      // `$user.dept` is too far from `$user.department` for an edit distance; an abbreviation (its letters
      // in order, same first letter) says it.
      const prefixed = USER_ATTRIBUTES.find((a) => match?.[1] && a !== match[1] && abbreviates(match[1], a));
      const hint = prefixed ? `$user.${prefixed}` : suggest(raw, ['$user', ...USER_ATTRIBUTES.map((a) => `$user.${a}`)]);
      return `"${raw}" is not a placeholder; use $user (the user's id) or $user.${USER_ATTRIBUTES.filter((a) => a !== 'id').join(', $user.')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    return { kind: 'user', attribute: attribute as ScopeValue & { kind: 'user' } extends { attribute: infer A } ? A : never };
  }
  return { kind: 'literal', values: [raw as Literal] };
}

function abbreviates(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

/** Walks `employee.user` through references; null when the path ends on a field the value can be compared with. */
function resolvePath(entity: Entity, segments: string[], value: ScopeValue, byName: ReadonlyMap<string, Entity>): { message: string; suggestion?: string | undefined } | null {
  let current = entity;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === 'id' && last) return value.kind === 'user' && value.attribute === 'id' && current.name !== 'user' ? { message: `$user is a user's id; "${current.name}.id" is not a user` } : null;
    const field = current.fields.find((f) => f.name === segment);
    if (!field) return { message: `entity "${current.name}" has no field "${segment}"`, suggestion: suggest(segment, current.fields.map((f) => f.name)) };
    if (!last) {
      if (field.type !== 'reference') return { message: `"${segment}" is not a reference, so the path cannot go on through it` };
      const next = byName.get(field.to);
      if (!next) return { message: `"${segment}" points to an unknown entity` };
      current = next;
      continue;
    }
    if (['children', 'many', 'computed'].includes(field.type)) return { message: `"${segment}" is a ${field.type} field; a scope compares a stored value` };
    if (value.kind === 'user' && value.attribute === 'id' && !(field.type === 'reference' && field.to === 'user')) {
      return { message: `$user is a user's id, but "${segment}" is ${field.type === 'reference' ? `a reference to ${field.to}` : `a ${field.type} field`} (compare a reference to user, or use $user.department / $user.username)` };
    }
  }
  return null;
}
