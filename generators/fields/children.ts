import { normalizeCommon, textOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { findTarget } from './relation-target.ts';
import { noOperators } from './filter-operators.ts';

export interface ChildrenDefinition extends Pick<CommonFieldDefinition, 'label' | 'help' | 'readonly'> {
  type: 'children';
  /** The entity whose rows belong to this record, e.g. `invoice_line`. */
  entity: string;
  /** The reference field on that entity that points back here, e.g. `invoice`. */
  via: string;
}

export interface ChildrenField extends CommonField {
  type: 'children';
  entity: string;
  via: string;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    children: { definition: ChildrenDefinition; field: ChildrenField };
  }
}

export const childrenType = defineFieldType<ChildrenDefinition, ChildrenField>({
  name: 'children',
  summary: 'Rows owned by this record (one-to-many), edited inside it and deleted with it, such as invoice lines.',
  options: {
    ...textOptions,
    readonly: { type: 'boolean' },
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    via: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
  },
  requiredOptions: ['entity', 'via'],
  storage: 'children',
  filterOperators: () => noOperators,
  sortable: () => false,
  searchable: false,
  numeric: false,
  example: { deliveries: { type: 'children', entity: 'delivery', via: 'contract' } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'children', entity: definition.entity, via: definition.via }),
  link(field, context) {
    const child = findTarget(field.name, field.entity, 'entity', context);
    if (!child) return field;
    const via = child.fields.find((f) => f.name === field.via);
    if (!via && child.declared.has(field.via)) return field;
    if (!via) {
      const backReferences = child.fields.filter((f) => f.type === 'reference' && f.to === context.entity.name).map((f) => f.name);
      context.report('KONTOR_CFG_INVALID_VIA', `field "${field.name}": entity "${child.name}" has no field "${field.via}"`, {
        at: ['via'],
        suggestion: backReferences[0],
      });
    } else if (via.type !== 'reference' || via.to !== context.entity.name) {
      const backReference = child.fields.find((f) => f.type === 'reference' && f.to === context.entity.name);
      context.report('KONTOR_CFG_INVALID_VIA', `field "${field.name}": "${child.name}.${via.name}" must be a reference to "${context.entity.name}"`, { at: ['via'], suggestion: backReference?.name });
    }
    return field;
  },
  outputSchema: () => ({ type: 'array', items: { type: 'object' } }),
  valueSchema: () => ({ type: 'array', items: { type: 'object' } }),
});
