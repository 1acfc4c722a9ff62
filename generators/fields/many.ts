import { normalizeCommon, textOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { findTarget } from './relation-target.ts';
import { equalityOperators } from './filter-operators.ts';

export interface ManyDefinition extends Pick<CommonFieldDefinition, 'label' | 'help' | 'readonly' | 'required'> {
  type: 'many';
  /** The entity linked to, e.g. `commodity` for the commodities a partner trades. */
  to: string;
}

export interface ManyField extends CommonField {
  type: 'many';
  to: string;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    many: { definition: ManyDefinition; field: ManyField };
  }
}

export const manyType = defineFieldType<ManyDefinition, ManyField>({
  name: 'many',
  summary: 'Links to any number of records of another entity (many-to-many); on the wire an array of ids.',
  options: { ...textOptions, readonly: { type: 'boolean' }, required: { type: 'boolean' }, to: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } },
  requiredOptions: ['to'],
  storage: 'many',
  filterOperators: () => equalityOperators,
  sortable: () => false,
  searchable: false,
  numeric: false,
  example: { commodities: { type: 'many', to: 'commodity', label: { en: 'Traded commodities', de: 'Gehandelte Waren' } } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'many', to: definition.to }),
  link(field, context) {
    findTarget(field.name, field.to, 'to', context);
    return field;
  },
  outputSchema: () => ({ type: 'array', items: { type: 'integer' } }),
  filterSchema: () => ({ type: 'integer', minimum: 1, maximum: 2147483647 }),
  valueSchema: (field) => ({ type: 'array', items: { type: 'integer', minimum: 1, maximum: 2147483647 }, uniqueItems: true, ...(field.required ? { minItems: 1 } : {}) }),
});
