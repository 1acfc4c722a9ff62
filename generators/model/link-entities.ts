import type { Ajv } from 'ajv';
import type { SourcePath } from '../core/config-issue.ts';
import { suggest } from '../core/suggest.ts';
import type { Field, FieldLinkContext, LinkedEntity } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import { SYSTEM_FIELDS, type Entity } from './app-model.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import { checkWorkflow } from './check-workflow.ts';
import { schemaIssues } from './schema-issues.ts';

export interface EntityToLink {
  entity: Entity;
  /** Every field name the file declares, including ones that failed their checks. */
  declaredFields: ReadonlySet<string>;
}

export interface LinkContext {
  registry: FieldRegistry;
  ajv: Ajv;
  /** Null when config/departments.yaml (or roles.yaml) is unusable: its own error says so, no cascade here. */
  departments: ReadonlySet<string> | null;
  roles: ReadonlySet<string> | null;
  /** Entities whose files are broken: references to them are not reported again. */
  brokenEntities: ReadonlySet<string>;
  report(entity: string, draft: ConfigIssueDraft): void;
}

/** Checks everything that needs the whole model and returns the entities with their links filled. */
export function linkEntities(items: readonly EntityToLink[], context: LinkContext): Entity[] {
  const byName = new Map<string, LinkedEntity>(items.map(({ entity, declaredFields }) => [entity.name, { ...entity, declared: declaredFields }]));
  const known = new Set([...byName.keys(), ...context.brokenEntities]);
  const linked = items.map((item) => ({ ...item, entity: { ...item.entity, fields: linkFields(item.entity, byName, known, context) } }));
  const owners = assignOwners(linked.map((item) => item.entity), context);
  const linkedByName = new Map<string, LinkedEntity>(linked.map((i) => [i.entity.name, { ...i.entity, declared: i.declaredFields }]));
  return linked.map(({ entity, declaredFields }) => {
    const result = { ...entity, ownedBy: owners.get(entity.name) ?? null };
    checkEntity(result, declaredFields, linkedByName, context);
    return result;
  });
}

function linkFields(entity: Entity, entities: ReadonlyMap<string, LinkedEntity>, known: ReadonlySet<string>, context: LinkContext): Field[] {
  const self = entities.get(entity.name) as LinkedEntity;
  return entity.fields.map((field) => {
    const type = context.registry.of(field);
    const fieldContext: FieldLinkContext = {
      entity: self,
      entities,
      entityExists: (name) => known.has(name),
      typeOf: (other) => context.registry.of(other),
      report(code, message, options = {}) {
        context.report(entity.name, { code, message, path: ['fields', field.name, ...(options.at ?? [])], key: options.key ?? false, suggestion: options.suggestion });
      },
    };
    const result = type.link ? type.link(field, fieldContext) : field;
    checkDefault(entity, result, context);
    return result;
  });
}

function checkDefault(entity: Entity, field: Field, context: LinkContext): void {
  if (field.default === null) return;
  const type = context.registry.of(field);
  if (typeof field.default === 'string' && type.defaultTokens?.includes(field.default)) return;
  const schema = type.valueSchema(field);
  if (!schema) return;
  const validate = context.ajv.compile(schema);
  if (validate(field.default)) return;
  const drafts = schemaIssues(validate.errors ?? [], { base: ['fields', field.name, 'default'], subject: `field "${field.name}": default`, unknownCode: 'KONTOR_CFG_UNKNOWN_KEY' });
  for (const draft of drafts) context.report(entity.name, { ...draft, code: 'KONTOR_CFG_INVALID_DEFAULT' });
}

/** Children fields make their entity's rows owned by the parent; one owner each, and no circles. */
function assignOwners(entities: readonly Entity[], context: LinkContext): Map<string, NonNullable<Entity['ownedBy']>> {
  const owners = new Map<string, NonNullable<Entity['ownedBy']>>();
  for (const entity of entities) {
    for (const field of entity.fields) {
      if (field.type !== 'children') continue;
      const existing = owners.get(field.entity);
      if (existing && existing.entity !== entity.name) {
        context.report(entity.name, {
          code: 'KONTOR_CFG_INVALID_VIA',
          message: `field "${field.name}": "${field.entity}" already belongs to "${existing.entity}.${existing.field}"; rows can have one owner`,
          path: ['fields', field.name, 'entity'],
        });
        continue;
      }
      owners.set(field.entity, { entity: entity.name, field: field.name, via: field.via });
    }
  }
  for (const [child, owner] of owners) {
    const seen = new Set([child]);
    for (let current = owners.get(child); current; current = owners.get(current.entity)) {
      if (seen.has(current.entity)) {
        context.report(owner.entity, {
          code: 'KONTOR_CFG_OWNERSHIP_CYCLE',
          message: `field "${owner.field}": ownership goes round in a circle (${[...seen, current.entity].join(' → ')})`,
          path: ['fields', owner.field],
        });
        break;
      }
      seen.add(current.entity);
    }
  }
  return owners;
}

function checkEntity(entity: Entity, declared: ReadonlySet<string>, entities: ReadonlyMap<string, LinkedEntity>, context: LinkContext): void {
  const report = (draft: ConfigIssueDraft) => context.report(entity.name, draft);
  if (context.departments && !context.departments.has(entity.department)) {
    report({
      code: 'KONTOR_CFG_UNKNOWN_DEPARTMENT',
      message: `entity "${entity.name}": department "${entity.department}" is not in config/departments.yaml`,
      path: ['department'],
      suggestion: suggest(entity.department, context.departments),
    });
  }
  const columns = new Set([...declared, ...SYSTEM_FIELDS]);
  const checkName = (name: string, at: SourcePath, what: string) => {
    if (!columns.has(name)) {
      report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${what}: entity "${entity.name}" has no field "${name}"`, path: at, suggestion: suggest(name, columns) });
    }
  };
  checkName(entity.title, ['title'], 'title');
  checkName(entity.sort.field, ['sort'], 'sort');
  entity.list.forEach((column, index) => checkPath(entity, column, ['list', index], 'list', declared, entities, context, false));
  entity.search.forEach((column, index) => checkPath(entity, column, ['search', index], 'search', declared, entities, context, true));
  if (entity.workflow) checkWorkflow(entity, entity.workflow, { declared, roles: context.roles, registry: context.registry, ajv: context.ajv, report });
}

/** A list or search column: a field, a system field, or one hop `reference.field`. */
function checkPath(
  entity: Entity,
  path: string,
  at: SourcePath,
  what: string,
  declared: ReadonlySet<string>,
  entities: ReadonlyMap<string, LinkedEntity>,
  context: LinkContext,
  mustSearch: boolean,
): void {
  const report = (draft: ConfigIssueDraft) => context.report(entity.name, draft);
  const [head = '', tail] = path.split('.');
  const columns = new Set([...declared, ...SYSTEM_FIELDS]);
  if (!columns.has(head)) {
    report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${what}: entity "${entity.name}" has no field "${head}"`, path: at, suggestion: suggest(head, columns) });
    return;
  }
  const field = entity.fields.find((f) => f.name === head);
  if (!field) return;
  let target: Field | undefined = field;
  let owner = entity.name;
  if (tail !== undefined) {
    if (field.type !== 'reference') {
      report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${what}: "${path}" goes through "${head}", which is not a reference`, path: at });
      return;
    }
    const referenced = entities.get(field.to);
    if (!referenced) return;
    owner = referenced.name;
    target = referenced.fields.find((f) => f.name === tail);
    if (!target && referenced.declared.has(tail)) return;
    if (!target && !(SYSTEM_FIELDS as readonly string[]).includes(tail)) {
      report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${what}: entity "${referenced.name}" has no field "${tail}"`, path: at, suggestion: suggest(tail, referenced.fields.map((f) => f.name)) });
      return;
    }
  }
  if (mustSearch && (!target || !context.registry.of(target).searchable)) {
    report({ code: 'KONTOR_CFG_NOT_SEARCHABLE', message: `search: "${owner}.${target?.name ?? tail}" is ${target?.type ?? 'a system field'}, not text`, path: at });
  }
}
