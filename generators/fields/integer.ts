import { compact, normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { integerCodec } from './column-codecs.ts';
import { orderedOperators } from './filter-operators.ts';

export interface IntegerDefinition extends CommonFieldDefinition {
  type: 'integer';
  default?: number;
  min?: number;
  max?: number;
  /** Unit shown after the value, e.g. `days` or `pcs`. */
  unit?: string;
}

export interface IntegerField extends CommonField {
  type: 'integer';
  min: number | null;
  max: number | null;
  unit: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    integer: { definition: IntegerDefinition; field: IntegerField };
  }
}

/** PostgreSQL INTEGER: values outside would fail in the database instead of at validation. */
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const int32: Record<string, unknown> = { type: 'integer', minimum: INT32_MIN, maximum: INT32_MAX };

export const integerType = defineFieldType<IntegerDefinition, IntegerField>({
  name: 'integer',
  summary: 'A whole number (32-bit), such as days, pieces or a year.',
  options: { ...storedOptions, default: int32, min: int32, max: int32, unit: { type: 'string', minLength: 1 } },
  storage: 'column',
  codec: () => integerCodec,
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: true,
  example: { shelf_life_days: { type: 'integer', min: 0, max: 3650, unit: 'days', default: 365 } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'integer',
    min: definition.min ?? null,
    max: definition.max ?? null,
    unit: definition.unit ?? null,
  }),
  link(field, context) {
    if (field.min !== null && field.max !== null && field.min > field.max) {
      context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": min ${field.min} is above max ${field.max}`, { at: ['min'] });
    }
    return field;
  },
  outputSchema: () => ({ type: 'integer' }),
  filterSchema: () => int32,
  valueSchema: (field) =>
    compact({ type: 'integer', minimum: field.min ?? INT32_MIN, maximum: field.max ?? INT32_MAX }),
});
