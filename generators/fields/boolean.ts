import { normalizeCommon, textOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { booleanCodec } from './column-codecs.ts';
import { equalityOperators } from './filter-operators.ts';

export interface BooleanDefinition extends Pick<CommonFieldDefinition, 'label' | 'help' | 'readonly' | 'index'> {
  type: 'boolean';
  /** Defaults to false: a yes/no question has no third answer here. */
  default?: boolean;
}

export interface BooleanField extends CommonField {
  type: 'boolean';
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    boolean: { definition: BooleanDefinition; field: BooleanField };
  }
}

export const booleanType = defineFieldType<BooleanDefinition, BooleanField>({
  name: 'boolean',
  summary: 'Yes or no, such as "active" or "organic certified"; always has a value (default false).',
  options: { ...textOptions, readonly: { type: 'boolean' }, index: { type: 'boolean' }, default: { type: 'boolean' } },
  storage: 'column',
  codec: () => booleanCodec,
  filterOperators: () => equalityOperators,
  sortable: () => true,
  searchable: false,
  numeric: false,
  example: { active: { type: 'boolean', default: true, label: { en: 'Active', de: 'Aktiv' } } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'boolean',
    required: true,
    default: definition.default ?? false,
  }),
  outputSchema: () => ({ type: 'boolean' }),
  valueSchema: () => ({ type: 'boolean' }),
});
