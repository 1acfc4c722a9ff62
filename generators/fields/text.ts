import { compact, lengthOptions, normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { textOperators } from './filter-operators.ts';

export interface TextDefinition extends CommonFieldDefinition {
  type: 'text';
  default?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface TextField extends CommonField {
  type: 'text';
  minLength: number | null;
  maxLength: number | null;
  pattern: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    text: { definition: TextDefinition; field: TextField };
  }
}

export const textType = defineFieldType<TextDefinition, TextField>({
  name: 'text',
  summary: 'Multi-line text without a length limit, such as notes or a description.',
  options: { ...storedOptions, ...lengthOptions, default: { type: 'string' } },
  storage: 'column',
  codec: () => textCodec(null),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { notes: { type: 'text', maxLength: 4000, help: { en: 'Internal remarks', de: 'Interne Bemerkungen' } } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'text',
    minLength: definition.minLength ?? null,
    maxLength: definition.maxLength ?? null,
    pattern: definition.pattern ?? null,
  }),
  link(field, context) {
    if (field.minLength !== null && field.maxLength !== null && field.minLength > field.maxLength) {
      context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": minLength ${field.minLength} is above maxLength ${field.maxLength}`, { at: ['minLength'] });
    }
    return field;
  },
  outputSchema: () => ({ type: 'string' }),
  valueSchema: (field) =>
    compact({
      type: 'string',
      minLength: field.minLength ?? (field.required ? 1 : undefined),
      maxLength: field.maxLength ?? undefined,
      pattern: field.pattern ?? undefined,
    }),
});
