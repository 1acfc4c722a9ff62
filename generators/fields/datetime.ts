import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { linkTemporalRules, temporalOptions, temporalValueSchema } from './temporal-options.ts';
import { datetimeCodec } from './column-codecs.ts';
import { orderedOperators } from './filter-operators.ts';

export interface DatetimeDefinition extends CommonFieldDefinition {
  type: 'datetime';
  /** An ISO 8601 timestamp with offset, or `now` for the moment the record is created. */
  default?: string;
  min?: string;
  max?: string;
}

export interface DatetimeField extends CommonField {
  type: 'datetime';
  min: string | null;
  max: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    datetime: { definition: DatetimeDefinition; field: DatetimeField };
  }
}

export const datetimeType = defineFieldType<DatetimeDefinition, DatetimeField>({
  name: 'datetime',
  summary: 'A point in time with time zone (ISO 8601, `2026-03-31T14:05:00Z`), such as when a truck was weighed.',
  options: { ...storedOptions, ...temporalOptions('date-time', 'now') },
  storage: 'column',
  defaultTokens: ['now'],
  codec: () => datetimeCodec,
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: false,
  example: { weighed_at: { type: 'datetime', default: 'now', readonly: true } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'datetime',
    min: definition.min ?? null,
    max: definition.max ?? null,
  }),
  link(field, context) {
    linkTemporalRules(field, context);
    return field;
  },
  outputSchema: () => ({ type: 'string', format: 'date-time' }),
  // A day is enough to filter by (`weighed_at_gte: 2026-03-01`).
  filterSchema: () => ({ type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] }),
  valueSchema: (field) => temporalValueSchema(field, 'date-time'),
});
