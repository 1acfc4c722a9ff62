import type { JsonSchema } from '../core/json-schema.ts';
import { booleanCodec, dateCodec, datetimeCodec, decimalCodec, integerCodec, textCodec, type ColumnCodec } from './column-codecs.ts';
import { normalizeCommon, textOptions } from './common-options.ts';
import { noOperators, orderedOperators } from './filter-operators.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition, type Field, type FieldLinkContext } from './field-type.ts';

export type ComputedAggregate = 'sum' | 'count' | 'min' | 'max';
export type ComputedResult = 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';

/** A record as a computed function or hook sees it: field names to wire values. */
export type RecordValues = Readonly<Record<string, unknown>>;

export interface ComputedDefinition extends Pick<CommonFieldDefinition, 'label' | 'help'> {
  type: 'computed';
  /** `children.field`: the sum of a numeric field over the record's children, e.g. `deliveries.net_weight`. */
  sum?: string;
  /** `children`: how many child rows the record has, e.g. `deliveries`. */
  count?: string;
  /** `children.field`: the smallest number or earliest date among the children. */
  min?: string;
  /** `children.field`: the largest number or latest date among the children. */
  max?: string;
  /** TypeScript definitions only: computes the value from the record. */
  compute?: (record: RecordValues) => unknown;
  /** The kind of value `compute` returns (required with `compute`). */
  returns?: ComputedResult;
  /** Decimal places when `returns: decimal` (default 2). */
  scale?: number;
  /** Shown after the value, e.g. `t` or `%`; a sum, min or max of a decimal takes the summed field's unit. */
  unit?: string;
}

export interface ComputedField extends CommonField {
  type: 'computed';
  aggregate: ComputedAggregate | null;
  /** The children field aggregated over. */
  over: string | null;
  /** The field of the child entity aggregated (null for count). */
  of: string | null;
  /** Computed by the entity's TypeScript function of the same name. */
  function: boolean;
  returns: ComputedResult;
  scale: number | null;
  unit: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    computed: { definition: ComputedDefinition; field: ComputedField };
  }
}

const resultCodecs: Record<ComputedResult, (scale: number) => ColumnCodec> = {
  string: () => textCodec(null),
  integer: () => integerCodec,
  decimal: (scale) => decimalCodec(38, scale),
  boolean: () => booleanCodec,
  date: () => dateCodec,
  datetime: () => datetimeCodec,
};

const resultSchemas: Record<ComputedResult, JsonSchema> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  decimal: { type: 'string' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

const aggregates: readonly ComputedAggregate[] = ['sum', 'count', 'min', 'max'];
const pathSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$' };
const results: readonly ComputedResult[] = ['string', 'integer', 'decimal', 'boolean', 'date', 'datetime'];

export const computedType = defineFieldType<ComputedDefinition, ComputedField>({
  name: 'computed',
  summary: 'A read-only value derived on read: sum, count, min or max over children, or (in TypeScript) a function of the record.',
  options: {
    ...textOptions,
    sum: pathSchema,
    count: pathSchema,
    min: pathSchema,
    max: pathSchema,
    compute: { 'x-kontor-function': true },
    returns: { enum: results },
    scale: { type: 'integer', minimum: 0, maximum: 38 },
    unit: { type: 'string', minLength: 1 },
  },
  storage: 'virtual',
  codec: (field) => resultCodecs[field.returns](field.scale ?? 0),
  // Aggregates are SQL subqueries, so lists can filter and sort by them; functions run after the query.
  filterOperators: (field) => (field.aggregate ? orderedOperators : noOperators),
  sortable: (field) => field.aggregate !== null,
  searchable: false,
  numeric: true,
  example: { delivered: { type: 'computed', sum: 'deliveries.net_weight', label: { en: 'Delivered', de: 'Geliefert' } } },
  checkDefinition(definition, report) {
    const formulas = [...aggregates.filter((a) => definition[a] !== undefined), ...(definition.compute ? ['compute'] : [])];
    if (formulas.length !== 1) {
      report('KONTOR_CFG_INVALID_COMPUTED', `needs exactly one of sum, count, min, max or compute, found ${formulas.length === 0 ? 'none' : formulas.join(', ')}`);
    }
    if (definition.compute && !definition.returns) {
      report('KONTOR_CFG_INVALID_COMPUTED', 'a compute function needs `returns:` (string, integer, decimal, boolean, date or datetime)');
    }
    if (!definition.compute && (definition.returns || definition.scale !== undefined)) {
      report('KONTOR_CFG_INVALID_COMPUTED', '`returns` and `scale` belong to a compute function; an aggregate takes its kind from the field it aggregates', { at: [definition.returns ? 'returns' : 'scale'], key: true });
    }
  },
  normalize(definition, name) {
    const aggregate = aggregates.find((a) => definition[a] !== undefined) ?? null;
    const [over = null, of = null] = aggregate ? (definition[aggregate] ?? '').split('.') : [];
    const returns = definition.returns ?? (aggregate === 'count' ? 'integer' : 'decimal');
    return {
      ...normalizeCommon(definition, name),
      type: 'computed',
      readonly: true,
      aggregate,
      over,
      of: aggregate === 'count' ? null : of,
      function: aggregate === null,
      returns,
      scale: returns === 'decimal' && aggregate === null ? (definition.scale ?? 2) : null,
      unit: definition.unit ?? null,
    };
  },
  link: linkAggregate,
  outputSchema: (field) => resultSchemas[field.returns],
  filterSchema: (field) => (field.returns === 'decimal' ? { type: ['string', 'number'], 'x-kontor-decimal': { precision: 38, scale: field.scale ?? 2 } } : resultSchemas[field.returns]),
  valueSchema: () => null,
});

/** Resolves what an aggregate runs over and takes its result kind from the aggregated field. */
function linkAggregate(field: ComputedField, context: FieldLinkContext): ComputedField {
  if (field.aggregate === null || field.over === null) return field;
  const at = [field.aggregate];
  const over = context.entity.fields.find((f) => f.name === field.over);
  if (!over || over.type !== 'children') {
    const children = context.entity.fields.filter((f) => f.type === 'children').map((f) => f.name);
    context.report('KONTOR_CFG_UNKNOWN_FIELD', `field "${field.name}": "${field.over}" is not a children field of "${context.entity.name}"`, { at, suggestion: children[0] });
    return field;
  }
  if (field.aggregate === 'count') return { ...field, returns: 'integer' };
  const child = context.entities.get(over.entity);
  if (!child) return field;
  const target = child.fields.find((f) => f.name === field.of);
  if (field.of !== null && !target && child.declared.has(field.of)) return field;
  if (field.of === null || !target) {
    context.report('KONTOR_CFG_UNKNOWN_FIELD', `field "${field.name}": ${field.aggregate} needs "${field.over}.<field>" naming a field of "${child.name}"${field.of ? `, which has no "${field.of}"` : ''}`, { at });
    return field;
  }
  if (target.type === 'computed') {
    // Computed values are not stored: the aggregate's SQL would name a column that does not exist.
    context.report('KONTOR_CFG_INVALID_COMPUTED', `field "${field.name}": cannot ${field.aggregate} "${child.name}.${target.name}", a computed field (its values are not stored); aggregate the stored fields it is made of, or compute the total in a function`, { at });
    return field;
  }
  const typed = context.typeOf(target).aggregateAs?.(target);
  const result = typed ? { ...typed, unit: field.unit ?? typed.unit } : aggregateResult(field.aggregate, target, field.unit);
  if (!result) {
    context.report('KONTOR_CFG_INVALID_COMPUTED', `field "${field.name}": cannot ${field.aggregate} "${child.name}.${target.name}" of type ${target.type}`, { at });
    return field;
  }
  return { ...field, ...result };
}

function aggregateResult(aggregate: ComputedAggregate, target: Field, unit: string | null): Pick<ComputedField, 'returns' | 'scale' | 'unit'> | null {
  if (target.type === 'decimal') return { returns: 'decimal', scale: target.scale, unit: unit ?? target.unit };
  if (target.type === 'money') return { returns: 'decimal', scale: target.scale, unit };
  if (target.type === 'integer') return { returns: 'integer', scale: null, unit: unit ?? target.unit };
  if (aggregate !== 'sum' && (target.type === 'date' || target.type === 'datetime')) return { returns: target.type, scale: null, unit: null };
  return null;
}
