import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { textOperators } from './filter-operators.ts';

export interface EmailDefinition extends CommonFieldDefinition {
  type: 'email';
  default?: string;
}

export interface EmailField extends CommonField {
  type: 'email';
  maxLength: number;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    email: { definition: EmailDefinition; field: EmailField };
  }
}

export const emailType = defineFieldType<EmailDefinition, EmailField>({
  name: 'email',
  summary: 'An e-mail address, checked for its form; shown as a mailto link.',
  options: { ...storedOptions, default: { type: 'string', format: 'email' } },
  storage: 'column',
  codec: (field) => textCodec(field.maxLength),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { email: { type: 'email', required: true, label: { en: 'E-mail', de: 'E-Mail' } } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'email', maxLength: 254 }),
  outputSchema: () => ({ type: 'string', format: 'email' }),
  valueSchema: (field) => ({ type: 'string', format: 'email', maxLength: field.maxLength }),
});
