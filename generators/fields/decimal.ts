import { normalizeCommon, storedOptions } from './common-options.ts';
import { checkDecimalLiterals, decimalFilterSchema, decimalLiteral, decimalOptions, decimalOutputSchema, decimalValueSchema, linkDecimalRules, type DecimalLiteral } from './decimal-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { decimalCodec } from './column-codecs.ts';
import { orderedOperators } from './filter-operators.ts';

export interface DecimalDefinition extends CommonFieldDefinition {
  type: 'decimal';
  /** Total number of digits (default 18). */
  precision?: number;
  /** Digits after the decimal point (default 2). */
  scale?: number;
  /** Unit shown after the value, e.g. `t`, `%` or `kg/hl`. */
  unit?: string;
  min?: DecimalLiteral;
  max?: DecimalLiteral;
  default?: DecimalLiteral;
}

export interface DecimalField extends CommonField {
  type: 'decimal';
  precision: number;
  scale: number;
  unit: string | null;
  min: string | null;
  max: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    decimal: { definition: DecimalDefinition; field: DecimalField };
  }
}

export const decimalType = defineFieldType<DecimalDefinition, DecimalField>({
  name: 'decimal',
  summary: 'An exact decimal number (DECIMAL/NUMERIC in the database, a string on the wire), such as a weight or a percentage.',
  options: { ...storedOptions, ...decimalOptions, unit: { type: 'string', minLength: 1 } },
  storage: 'column',
  codec: (field) => decimalCodec(field.precision, field.scale),
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: true,
  example: { quantity: { type: 'decimal', precision: 14, scale: 3, unit: 't', min: 0, required: true } },
  checkDefinition: checkDecimalLiterals,
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'decimal',
    default: decimalLiteral(definition.default),
    precision: definition.precision ?? 18,
    scale: definition.scale ?? 2,
    unit: definition.unit ?? null,
    min: decimalLiteral(definition.min),
    max: decimalLiteral(definition.max),
  }),
  link(field, context) {
    linkDecimalRules(field, context);
    return field;
  },
  outputSchema: decimalOutputSchema,
  filterSchema: decimalFilterSchema,
  valueSchema: decimalValueSchema,
});
