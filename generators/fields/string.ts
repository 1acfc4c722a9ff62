import { compact, lengthOptions, normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { textOperators } from './filter-operators.ts';

export interface StringDefinition extends CommonFieldDefinition {
  type: 'string';
  default?: string;
  minLength?: number;
  /** At most this many characters (default 255). */
  maxLength?: number;
  /** A regular expression the whole value must match, e.g. `^DE[0-9]{9}$`. */
  pattern?: string;
}

export interface StringField extends CommonField {
  type: 'string';
  minLength: number | null;
  maxLength: number;
  pattern: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    string: { definition: StringDefinition; field: StringField };
  }
}

export const stringType = defineFieldType<StringDefinition, StringField>({
  name: 'string',
  summary: 'A single line of text, such as a name, a number printed on a ticket or a VAT ID.',
  options: { ...storedOptions, ...lengthOptions, default: { type: 'string' } },
  storage: 'column',
  codec: (field) => textCodec(field.maxLength),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { vat_id: { type: 'string', maxLength: 20, pattern: '^[A-Z]{2}[0-9A-Z]{2,13}$', unique: true } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'string',
    minLength: definition.minLength ?? null,
    maxLength: definition.maxLength ?? 255,
    pattern: definition.pattern ?? null,
  }),
  link(field, context) {
    if (field.minLength !== null && field.minLength > field.maxLength) {
      context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": minLength ${field.minLength} is above maxLength ${field.maxLength}`, { at: ['minLength'] });
    }
    return field;
  },
  outputSchema: () => ({ type: 'string' }),
  valueSchema: (field) =>
    compact({
      type: 'string',
      minLength: field.minLength ?? (field.required ? 1 : undefined),
      maxLength: field.maxLength,
      pattern: field.pattern ?? undefined,
    }),
});
