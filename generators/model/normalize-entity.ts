import { normalizeAction } from './entity-action.ts';
import pluralize from 'pluralize';
import { humanize, localize, localizeOptional } from '../core/localized-text.ts';
import type { Field, FieldDefinition } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AuditSettings, Entity, SortOrder, TransitionValue, Workflow } from './app-model.ts';
import type { EntityDefinition } from './entity-definition.ts';

const DEFAULT_LIST_COLUMNS = 5;
const DEFAULT_RETENTION_YEARS = 10;

/**
 * Fills an entity's defaults. Links to other entities (ownership, aggregate kinds) are made later, when all
 * entities are known.
 */
export function normalizeEntity(
  definition: EntityDefinition,
  fields: ReadonlyMap<string, FieldDefinition>,
  context: { folder: string; source: string; registry: FieldRegistry },
): Entity {
  const name = definition.entity;
  const normalizedFields: Field[] = [...fields].map(([fieldName, field]) => context.registry.of(field).normalize(field, fieldName));
  const label = localize(definition.label, humanize(name));
  const title = definition.title ?? defaultTitle(normalizedFields, context.registry);
  const list = definition.list ?? defaultList(title, normalizedFields, context.registry);
  return {
    name,
    resource: definition.resource ?? pluralize(name),
    department: definition.department ?? context.folder,
    label,
    plural: definition.plural === undefined ? { en: pluralize(label.en), de: label.de } : localize(definition.plural, label.en),
    description: localizeOptional(definition.description),
    title,
    list,
    search: definition.search ?? list.filter((column) => isSearchable(column, normalizedFields, context.registry)),
    sort: normalizeSort(definition.sort),
    fields: normalizedFields,
    ownedBy: null,
    workflow: normalizeWorkflow(definition.workflow, normalizedFields, context.registry),
    audit: normalizeAudit(definition.audit),
    hooks: Object.keys(definition.hooks ?? {}),
    actions: Object.entries(definition.actions ?? {}).map(([actionName, action]) => normalizeAction(actionName, action, 'entity')),
    source: context.source,
  };
}

function defaultTitle(fields: Field[], registry: FieldRegistry): string {
  return fields.find((f) => registry.of(f).searchable && f.type !== 'text')?.name ?? 'id';
}

/** The title first, then simple columns: long text, JSON and relations make poor list columns. */
function defaultList(title: string, fields: Field[], registry: FieldRegistry): string[] {
  const simple = fields.filter((f) => f.name !== title && f.type !== 'text' && f.type !== 'json' && !['children', 'many'].includes(registry.of(f).storage));
  const titleColumn = fields.some((f) => f.name === title) || title === 'id' ? [title] : [];
  return [...titleColumn, ...simple.map((f) => f.name)].slice(0, DEFAULT_LIST_COLUMNS);
}

function isSearchable(column: string, fields: Field[], registry: FieldRegistry): boolean {
  const field = fields.find((f) => f.name === column);
  return field !== undefined && registry.of(field).searchable;
}

function normalizeSort(sort: EntityDefinition['sort']): Entity['sort'] {
  if (sort === undefined) return { field: 'id', order: 'DESC' };
  if (typeof sort === 'string') {
    return sort.startsWith('-') ? { field: sort.slice(1), order: 'DESC' } : { field: sort, order: 'ASC' };
  }
  return { field: sort.field, order: sort.order ?? ('ASC' as SortOrder) };
}

/** The initial state is the state field's default; `set` values become tokens where the field's type takes them. */
function normalizeWorkflow(workflow: EntityDefinition['workflow'], fields: Field[], registry: FieldRegistry): Workflow | null {
  if (!workflow) return null;
  const state = fields.find((f) => f.name === workflow.field);
  return {
    field: workflow.field,
    initial: typeof state?.default === 'string' ? state.default : '',
    lock: workflow.lock ?? [],
    transitions: Object.entries(workflow.transitions).map(([name, transition]) => ({
      name,
      label: localize(transition.label, humanize(name)),
      from: Array.isArray(transition.from) ? transition.from : [transition.from],
      to: transition.to,
      roles: transition.roles ?? [],
      fourEyes: transition.fourEyes ?? false,
      requires: transition.requires ?? [],
      set: Object.entries(transition.set ?? {}).map(([field, value]) => ({ field, value: transitionValue(value, fields.find((f) => f.name === field), registry) })),
    })),
  };
}

/** `now` and `today` are tokens where the field's type takes them as a default (datetime, date); `$user` always is. */
function transitionValue(value: string | number | boolean | null, field: Field | undefined, registry: FieldRegistry): TransitionValue {
  if (value === '$user') return { kind: 'user' };
  if ((value === 'now' || value === 'today') && field && registry.of(field).defaultTokens?.includes(value)) return { kind: value };
  return { kind: 'literal', value };
}

function normalizeAudit(audit: EntityDefinition['audit']): AuditSettings {
  if (audit === false) return { enabled: false, retentionYears: DEFAULT_RETENTION_YEARS, reason: 'optional' };
  return {
    enabled: true,
    retentionYears: audit?.retention ? Number.parseInt(audit.retention, 10) : DEFAULT_RETENTION_YEARS,
    reason: audit?.reason ?? 'optional',
  };
}
