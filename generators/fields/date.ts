import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { linkTemporalRules, temporalOptions, temporalValueSchema } from './temporal-options.ts';
import { dateCodec } from './column-codecs.ts';
import { orderedOperators } from './filter-operators.ts';

export interface DateDefinition extends CommonFieldDefinition {
  type: 'date';
  /** An ISO date (`2026-01-31`), or `today` for the day the record is created. */
  default?: string;
  min?: string;
  max?: string;
}

export interface DateField extends CommonField {
  type: 'date';
  min: string | null;
  max: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    date: { definition: DateDefinition; field: DateField };
  }
}

export const dateType = defineFieldType<DateDefinition, DateField>({
  name: 'date',
  summary: 'A calendar day without time (ISO 8601, `2026-03-31`), such as a delivery date; `default: today` is allowed.',
  options: { ...storedOptions, ...temporalOptions('date', 'today') },
  storage: 'column',
  defaultTokens: ['today'],
  codec: () => dateCodec,
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: false,
  example: { delivery_from: { type: 'date', min: '2000-01-01', default: 'today' } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'date',
    min: definition.min ?? null,
    max: definition.max ?? null,
  }),
  link(field, context) {
    linkTemporalRules(field, context);
    return field;
  },
  outputSchema: () => ({ type: 'string', format: 'date' }),
  valueSchema: (field) => temporalValueSchema(field, 'date'),
});
