import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { SourcePath } from '../core/config-issue.ts';
import type { JsonSchema } from '../core/json-schema.ts';
import { suggest } from '../core/suggest.ts';
import type { Field, FilterOperator, JsonValue } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { Entity } from './app-model.ts';
import { addKontorKeywords } from './create-ajv.ts';
import { CURRENT_USER, RELATIVE_DAY_PATTERN, SYSTEM_FIELD_FILTERS, splitFilterKey, stemOfFilterKey } from './filter-keys.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';

export interface ListFilterContext {
  registry: FieldRegistry;
  /** Where the filter map sits in its file. */
  base: SourcePath;
  /** Says whose filter it is in a message, e.g. `department "hr", dashboard item 2`. */
  subject: string;
}

/**
 * Checks a list filter written in a config file as the list API will read it: every key a field of the entity
 * (or a system column) with an operator its type offers, every value one the field can hold. Values that
 * read as a day relative to today (`today+7d`) are allowed only where the field holds days, `$user` only
 * for a reference to users.
 */
export function checkListFilter(entity: Entity, filter: Readonly<Record<string, JsonValue>>, context: ListFilterContext): ConfigIssueDraft[] {
  const drafts: ConfigIssueDraft[] = [];
  const known = new Set([...Object.keys(SYSTEM_FIELD_FILTERS), ...entity.fields.map((f) => f.name)]);
  for (const [key, value] of Object.entries(filter)) {
    const at: SourcePath = [...context.base, key];
    const where = `${context.subject}: filter "${key}"`;
    const split = splitFilterKey(key, known);
    if (!split) {
      const { stem, suffix } = stemOfFilterKey(key);
      const match = suggest(stem, known);
      drafts.push({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${where}: entity "${entity.name}" has no field "${stem}"`, path: at, key: true, suggestion: match === undefined ? undefined : `${match}${suffix}` });
      continue;
    }
    const { name } = split;
    const field = entity.fields.find((f) => f.name === name) ?? null;
    const kind = field ? `field "${name}" (${field.type})` : `"${name}"`;
    const allowed = field ? context.registry.of(field).filterOperators(field) : (SYSTEM_FIELD_FILTERS[name]?.operators ?? []);
    if (allowed.length === 0) {
      drafts.push({ code: 'KONTOR_CFG_UNSUPPORTED_OPERATOR', message: `${where}: ${kind} cannot be filtered by`, path: at, key: true });
      continue;
    }
    const list = Array.isArray(value);
    if (list && split.operator !== 'eq') {
      drafts.push({ code: 'KONTOR_CFG_INVALID_VALUE', message: `${where}: a list of values (any of them) goes with the plain field name, "${name}: [...]"`, path: at });
      continue;
    }
    const operator: FilterOperator = list ? 'in' : split.operator;
    if (!allowed.includes(operator)) {
      const what = operator === 'in' ? 'a list of values' : operator === 'eq' ? 'equality' : `_${operator}`;
      drafts.push({ code: 'KONTOR_CFG_UNSUPPORTED_OPERATOR', message: `${where}: ${kind} does not support ${what} (use ${allowed.map((op) => keyForm(name, op)).join(', ')})`, path: at, key: true });
      continue;
    }
    const schema = field ? filterSchemaOf(field, context.registry) : (SYSTEM_FIELD_FILTERS[name]?.schema ?? {});
    const values = list ? (value as JsonValue[]) : [value];
    values.forEach((item, index) => {
      const problem = valueProblem(item, { name, kind, operator, schema, inList: list, userReference: field?.type === 'reference' && field.to === 'user' });
      if (problem) drafts.push({ code: 'KONTOR_CFG_INVALID_VALUE', message: `${where}: ${problem.message}`, path: list ? [...at, index] : at, suggestion: problem.suggestion });
    });
  }
  return drafts;
}

interface ValueContext {
  name: string;
  kind: string;
  operator: FilterOperator;
  schema: JsonSchema;
  inList: boolean;
  /** A reference to users: `$user` stands for whoever looks (the admin puts in their id). */
  userReference: boolean;
}

function valueProblem(value: JsonValue, context: ValueContext): { message: string; suggestion?: string | undefined } | null {
  const { name, kind, operator, schema } = context;
  if (value === null) {
    if (context.inList) return { message: `a list holds values only; for records without a value write "${name}: null"` };
    return operator === 'eq' || operator === 'neq' ? null : { message: `empty (null) finds records without a value, so it goes with "${name}" or "${name}_neq" only` };
  }
  if (value === CURRENT_USER) {
    return context.userReference && (operator === 'eq' || operator === 'neq' || operator === 'in') ? null : { message: `"$user" (whoever looks) goes only with a reference to user, compared for equality` };
  }
  const days = holdsDays(schema);
  if (typeof value === 'string' && RELATIVE_DAY_PATTERN.test(value)) {
    return days ? null : { message: `"${value}" is a day counted from today, but ${kind} does not hold days (date and datetime fields do)` };
  }
  if (typeof value === 'string' && days && /^today/i.test(value)) {
    return { message: `"${value}" is not a day: write a date (2026-03-31) or a day counted from today in days: today, today+7d, today-30d` };
  }
  if (operator === 'like') return typeof value === 'string' || typeof value === 'number' ? null : { message: `_like needs a text, not ${JSON.stringify(value)}` };
  const choices = enumOf(schema);
  if (choices) {
    return choices.includes(String(value)) ? null : { message: `"${String(value)}" is not a value of "${name}" (${choices.join(', ')})`, suggestion: suggest(String(value), choices) };
  }
  const validate = validatorFor(schema);
  const holder = { value };
  return validate(holder) ? null : { message: `${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is not a value of this field'}` };
}

/** `status`, `status_neq`, `status: [...]`: how a key with that operator is written. */
function keyForm(name: string, operator: FilterOperator): string {
  if (operator === 'eq') return name;
  if (operator === 'in') return `${name}: [...]`;
  return `${name}_${operator}`;
}

/** The schema a filter value is checked with, as the list API does: the type's filter schema or its output without length and pattern rules. */
function filterSchemaOf(field: Field, registry: FieldRegistry): JsonSchema {
  const type = registry.of(field);
  if (type.filterSchema) return type.filterSchema(field);
  const { pattern: _pattern, minLength: _min, maxLength: _max, ...kind } = type.outputSchema(field);
  return kind;
}

/** Whether the field's filter takes a day (`2026-03-31`): date fields, datetimes, and aggregates of days. */
function holdsDays(schema: JsonSchema): boolean {
  const formats = (s: JsonSchema): unknown[] => [s.format, ...(Array.isArray(s.anyOf) ? (s.anyOf as JsonSchema[]).flatMap(formats) : [])];
  return formats(schema).includes('date');
}

function enumOf(schema: JsonSchema): string[] | null {
  return Array.isArray(schema.enum) ? schema.enum.map(String) : null;
}

// As the list API reads filter values: query-string texts coerced to the field's kind ("100" for a number).
const coercing = addKontorKeywords(new Ajv({ coerceTypes: true, allowUnionTypes: true, strict: false }));
(addFormatsModule as unknown as typeof addFormatsModule.default)(coercing);
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = coercing.compile({ type: 'object', properties: { value: schema } });
    validators.set(key, validate);
  }
  return validate;
}
