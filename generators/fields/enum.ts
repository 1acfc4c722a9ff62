import { humanize, localize, localizedTextSchema, type LocalizedText, type LocalizedTextDefinition } from '../core/localized-text.ts';
import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { equalityOperators } from './filter-operators.ts';

/** A choice: its stored value alone, or with labels (`{ value: sale, label: { en: Sale, de: Verkauf } }`). */
export type EnumValueDefinition = string | { value: string; label?: LocalizedTextDefinition };

export interface EnumDefinition extends CommonFieldDefinition {
  type: 'enum';
  values: EnumValueDefinition[];
  default?: string;
}

export interface EnumValue {
  value: string;
  label: LocalizedText;
}

export interface EnumField extends CommonField {
  type: 'enum';
  values: EnumValue[];
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    enum: { definition: EnumDefinition; field: EnumField };
  }
}

const valueName = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.+-]*$', description: 'a value name without spaces (letters, digits, _ . + -)' };

export const enumType = defineFieldType<EnumDefinition, EnumField>({
  name: 'enum',
  summary: 'One of a fixed list of values, each with an English and a German label; shown as a select.',
  options: {
    ...storedOptions,
    values: {
      type: 'array',
      minItems: 1,
      items: {
        description: 'a value name, or { value: ..., label: { en: ..., de: ... } }',
        anyOf: [
          valueName,
          { type: 'object', properties: { value: valueName, label: localizedTextSchema }, required: ['value'], additionalProperties: false },
        ],
      },
    },
    default: { type: 'string' },
  },
  requiredOptions: ['values'],
  storage: 'column',
  codec: () => textCodec(64),
  filterOperators: () => equalityOperators,
  sortable: () => true,
  searchable: false,
  numeric: false,
  example: {
    status: {
      type: 'enum',
      values: ['draft', { value: 'active', label: { en: 'Active', de: 'Aktiv' } }, 'cancelled'],
      default: 'draft',
    },
  },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'enum',
    values: definition.values.map((entry) => {
      const value = typeof entry === 'string' ? entry : entry.value;
      return { value, label: localize(typeof entry === 'string' ? undefined : entry.label, humanize(value)) };
    }),
  }),
  link(field, context) {
    const seen = new Set<string>();
    field.values.forEach(({ value }, index) => {
      if (seen.has(value)) {
        context.report('KONTOR_CFG_INVALID_VALUE', `field "${field.name}": value "${value}" is listed twice`, { at: ['values', index] });
      }
      seen.add(value);
    });
    return field;
  },
  outputSchema: (field) => ({ type: 'string', enum: field.values.map((v) => v.value) }),
  valueSchema: (field) => ({ type: 'string', enum: field.values.map((v) => v.value) }),
});
