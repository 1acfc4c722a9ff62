import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { findTarget } from './relation-target.ts';
import { integerCodec } from './column-codecs.ts';
import { equalityOperators } from './filter-operators.ts';

/** What happens to records that point at a record being deleted. */
export type ReferenceOnDelete = 'restrict' | 'cascade' | 'set_null';

export interface ReferenceDefinition extends CommonFieldDefinition {
  type: 'reference';
  /** The entity pointed at (many records of this entity point at one of that one). */
  to: string;
  /** Default `restrict`: a partner with contracts cannot be deleted. */
  onDelete?: ReferenceOnDelete;
}

export interface ReferenceField extends CommonField {
  type: 'reference';
  to: string;
  onDelete: ReferenceOnDelete;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    reference: { definition: ReferenceDefinition; field: ReferenceField };
  }
}

export const referenceType = defineFieldType<ReferenceDefinition, ReferenceField>({
  name: 'reference',
  summary: 'A link to one record of another entity (many-to-one); on the wire the id of that record.',
  options: {
    ...storedOptions,
    to: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    onDelete: { enum: ['restrict', 'cascade', 'set_null'] },
  },
  requiredOptions: ['to'],
  storage: 'reference',
  codec: () => integerCodec,
  filterOperators: () => equalityOperators,
  sortable: () => true,
  searchable: false,
  numeric: false,
  example: { partner: { type: 'reference', to: 'partner', required: true } },
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'reference',
    // Every reference is filtered on (getManyReference) and joined on: it always gets an index.
    index: true,
    to: definition.to,
    onDelete: definition.onDelete ?? 'restrict',
  }),
  link(field, context) {
    findTarget(field.name, field.to, 'to', context);
    if (field.onDelete === 'set_null' && field.required) {
      context.report('KONTOR_CFG_INVALID_VALUE', `field "${field.name}": onDelete set_null contradicts required: true`, { at: ['onDelete'] });
    }
    return field;
  },
  outputSchema: () => ({ type: 'integer' }),
  filterSchema: () => ({ type: 'integer', minimum: 1, maximum: 2147483647 }),
  valueSchema: () => ({ type: 'integer', minimum: 1, maximum: 2147483647 }),
});
