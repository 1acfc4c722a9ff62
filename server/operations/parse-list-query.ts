import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../../generators/core/json-schema.ts';
import { suggest } from '../../generators/core/suggest.ts';
import type { Field, FilterOperator } from '../../generators/fields/field-type.ts';
import { addKontorKeywords } from '../../generators/model/create-ajv.ts';
import { SYSTEM_FIELD_FILTERS, splitFilterKey, stemOfFilterKey } from '../../generators/model/filter-keys.ts';
import type { SqlColumn } from '../../generators/sql/entity-columns.ts';
import { referenceTitleSql, type Condition, type SearchTarget } from '../../generators/sql/list-sql.ts';
import { httpError } from '../errors/http-errors.ts';
import type { EntityAccess } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';

/** A list request once checked: conditions with database values, a sort expression and a page. */
export interface ListQuery {
  conditions: Condition[];
  sort: { expression: string; order: 'ASC' | 'DESC' };
  limit: number;
  offset: number;
}

export interface RawListQuery {
  sort?: unknown;
  range?: unknown;
  filter?: unknown;
}

/** Without a range a list answers at most this many records (getMany sends ids and no range). */
export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 5000;
/** Ids and offsets are 32-bit on PostgreSQL: no list is longer. */
const MAX_OFFSET = 2_147_483_647;

const bad = (errors: Record<string, string>) =>
  httpError('KONTOR_HTTP_BAD_QUERY', Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; '), errors);

/** Checks ra-data-simple-rest's sort, range and filter against the entity; every mistake is a 400 that names it. */
export function parseListQuery(context: OperationContext, entityName: string, raw: RawListQuery, access: EntityAccess): ListQuery {
  const { limit, offset } = parseRange(raw.range);
  return { conditions: parseFilter(context, entityName, raw.filter, access), sort: parseSort(context, entityName, raw.sort, access), limit, offset };
}

/**
 * Sorting or filtering by a value answers questions about it ("whose salary is above 80,000?"): allowed only
 * on fields the actor may read on every row it can see.
 */
function refuseUnreadable(access: EntityAccess, name: string, what: string): void {
  if (access.entity.fields.some((f) => f.name === name) && access.visibility(name) !== 'all') {
    throw new Error(`you may not read "${name}" of ${access.entity.plural.en.toLowerCase()}${access.visibility(name) === 'some' ? ' on every record' : ''}, so you cannot ${what} by it`);
  }
}

function parseRange(range: unknown): { limit: number; offset: number } {
  if (range === undefined) return { limit: DEFAULT_PAGE, offset: 0 };
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_OFFSET)) {
    throw bad({ range: `must be [start, end] with whole numbers from 0 to ${MAX_OFFSET}, e.g. [0,24]` });
  }
  const [start, end] = range as [number, number];
  if (end < start) throw bad({ range: `end ${end} is before start ${start}` });
  if (end - start + 1 > MAX_PAGE) throw bad({ range: `at most ${MAX_PAGE} records per request` });
  return { limit: end - start + 1, offset: start };
}

function parseSort(context: OperationContext, entityName: string, sort: unknown, access: EntityAccess): ListQuery['sort'] {
  const entity = context.entity(entityName);
  const plan = context.plan(entityName);
  const [name, order] = sort === undefined ? [entity.sort.field, entity.sort.order] : Array.isArray(sort) && sort.length === 2 ? sort : [undefined, undefined];
  if (typeof name !== 'string' || typeof order !== 'string' || !['ASC', 'DESC'].includes(order.toUpperCase())) {
    throw bad({ sort: 'must be ["field", "ASC" or "DESC"]' });
  }
  const field = entity.fields.find((f) => f.name === name);
  const column = plan.byName.get(name);
  if (!column || (field && !context.registry.of(field).sortable(field))) {
    const sortable = [...plan.byName.keys()].filter((n) => {
      const f = entity.fields.find((x) => x.name === n);
      return !f || context.registry.of(f).sortable(f);
    });
    throw bad({ sort: `cannot sort ${entity.resource} by "${name}"${hint(name, sortable)}` });
  }
  try {
    refuseUnreadable(access, name, 'sort');
    // A reference sorts by the target's title, which must be readable too.
    if (field?.type === 'reference') {
      const target = access.related(field.to);
      if (!target.can('read')) throw new Error(`you may not read ${target.entity.plural.en.toLowerCase()}, so you cannot sort by "${name}"`);
      refuseUnreadable(target, target.entity.title, 'sort');
    }
  } catch (error) {
    throw bad({ sort: (error as Error).message });
  }
  const expression = field?.type === 'reference' ? referenceTitleSql(field, context.entity(field.to)) : column.expression;
  return { expression, order: order.toUpperCase() as 'ASC' | 'DESC' };
}

function parseFilter(context: OperationContext, entityName: string, filter: unknown, access: EntityAccess): Condition[] {
  if (filter === undefined || filter === null) return [];
  if (typeof filter !== 'object' || Array.isArray(filter)) throw bad({ filter: 'must be an object, e.g. {"status":"active"}' });
  const conditions: Condition[] = [];
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    // PostgreSQL cannot compare text with NUL in it, and no stored value holds one (writes refuse it).
    if (`${JSON.stringify(key)}${JSON.stringify(value)}`.includes('\\u0000')) {
      errors[`filter.${key.replace(/\u0000/g, '')}`] = 'must not contain the NUL character (\\u0000)';
      continue;
    }
    try {
      const condition = key === 'q' ? searchCondition(context, entityName, value, access) : fieldCondition(context, entityName, key, value, access);
      if (condition) conditions.push(condition);
    } catch (error) {
      errors[`filter.${key}`] = (error as Error).message;
    }
  }
  if (Object.keys(errors).length > 0) throw bad(errors);
  return conditions;
}

function searchCondition(context: OperationContext, entityName: string, value: unknown, access: EntityAccess): Condition | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error('the search text must be a string');
  const entity = context.entity(entityName);
  if (entity.search.length === 0) throw new Error(`${entity.resource} has no search fields`);
  const plan = context.plan(entityName);
  const targets: SearchTarget[] = entity.search.flatMap((path): SearchTarget[] => {
    const [head = '', tail] = path.split('.');
    const column = plan.byName.get(head);
    // Search looks only where the actor may read on every row: a match must never reveal a hidden value.
    if (!column || access.visibility(head) !== 'all') return [];
    if (tail === undefined) return [{ column }];
    const field = entity.fields.find((f) => f.name === head);
    if (field?.type !== 'reference') return [];
    const target = access.related(field.to);
    return target.can('read') && target.visibility(tail) === 'all' ? [{ via: column, entity: field.to, column: tail }] : [];
  });
  return { kind: 'search', term: String(value), targets };
}

function fieldCondition(context: OperationContext, entityName: string, key: string, value: unknown, access: EntityAccess): Condition {
  const { name, operator } = splitKey(context, entityName, key);
  refuseUnreadable(access, name, 'filter');
  const entity = context.entity(entityName);
  const field = entity.fields.find((f) => f.name === name) ?? null;
  const allowed = field ? context.registry.of(field).filterOperators(field) : SYSTEM_FIELD_FILTERS[name]?.operators;
  if (!allowed || allowed.length === 0) throw new Error(`${entity.resource} cannot be filtered by "${name}"`);
  const op: FilterOperator = Array.isArray(value) && operator === 'eq' ? 'in' : operator;
  if (!allowed.includes(op)) throw new Error(`"${name}" does not support ${op === 'in' ? 'a list of values' : `_${op}`} (it supports ${allowed.join(', ')})`);
  if (field?.type === 'many') {
    const ids = (Array.isArray(value) ? value : [value]).map((v) => filterValue(context, entityName, field, v));
    return { kind: 'many', field: field as Field & { type: 'many' }, negate: op === 'neq', values: ids };
  }
  const column = context.plan(entityName).byName.get(name) as SqlColumn;
  if (op === 'like') {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error('_like needs a text');
    return { kind: 'contains', column, term: String(value) };
  }
  if (op === 'in') return { kind: 'in', column, values: (value as unknown[]).map((v) => toDb(context, column, filterValue(context, entityName, field, v, name))) };
  if (value === null && (op === 'eq' || op === 'neq')) return { kind: 'null', column, negate: op === 'neq' };
  return { kind: 'compare', column, op: op as 'eq', value: toDb(context, column, filterValue(context, entityName, field, value, name)) };
}

/** `quantity_gte` → quantity and gte; an exact field name always wins over a suffix. */
function splitKey(context: OperationContext, entityName: string, key: string): { name: string; operator: FilterOperator } {
  const entity = context.entity(entityName);
  const known = new Set([...context.plan(entityName).byName.keys(), ...entity.fields.map((f) => f.name)]);
  const split = splitFilterKey(key, known);
  if (split) return split;
  throw new Error(`${entity.resource} has no field "${key}"${hint(stemOfFilterKey(key).stem, [...known])}`);
}

function toDb(context: OperationContext, column: SqlColumn, value: unknown): unknown {
  return column.codec.toDb(value, context.dialect);
}

const coercing = addKontorKeywords(new Ajv({ coerceTypes: true, allowUnionTypes: true, strict: false }));
(addFormatsModule as unknown as typeof addFormatsModule.default)(coercing);
/** Per model (one context per model): two projects in one process may give one field name two types. */
const validatorsByContext = new WeakMap<OperationContext, Map<string, ValidateFunction>>();

/** Checks one filter value by the field's output type (no length or pattern rules: a filter only compares). */
function filterValue(context: OperationContext, entityName: string, field: Field | null, value: unknown, name = field?.name ?? ''): unknown {
  const key = `${entityName}.${name}`;
  let validators = validatorsByContext.get(context);
  if (!validators) {
    validators = new Map();
    validatorsByContext.set(context, validators);
  }
  let validate = validators.get(key);
  if (!validate) {
    validate = coercing.compile(filterSchema(context, field, name));
    validators.set(key, validate);
  }
  const holder = { value };
  if (!validate(holder)) throw new Error(`${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is not a valid value'}`);
  return holder.value;
}

function filterSchema(context: OperationContext, field: Field | null, name: string): JsonSchema {
  let schema: JsonSchema = SYSTEM_FIELD_FILTERS[name]?.schema ?? {};
  if (field) {
    const type = context.registry.of(field);
    if (type.filterSchema) schema = type.filterSchema(field);
    else {
      const { pattern: _pattern, minLength: _min, maxLength: _max, ...kind } = type.outputSchema(field);
      schema = kind;
    }
  }
  return { type: 'object', properties: { value: schema } };
}

function hint(name: string, candidates: string[]): string {
  const match = suggest(name, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}
