/**
 * The `weight` field type: a mass in kilograms or tonnes, stored exactly in the field's unit. The scale
 * prints kilograms, contracts speak tonnes: the API takes either (`"24500 kg"`, `"24.5 t"`, or a bare
 * number in the field's unit) and converts exactly, by moving the decimal point, never through a float.
 * The admin lets staff type in either unit (admin/src/fields/plugins/weight.tsx).
 *
 * A worked example of a field-type plugin with a value conversion (the codec's `canonical`), an ajv keyword
 * that checks the converted value against the field's digits and limits, and aggregates (`sum:` of weights
 * is a weight in the same unit). Listed in config/app.yaml as `plugins: [weight]`.
 */
import type { FuncKeywordDefinition } from 'ajv';
import { decimalCodec } from '../fields/column-codecs.ts';
import { normalizeCommon, storedOptions } from '../fields/common-options.ts';
import { checkDecimalLiterals, decimalFilterSchema, decimalLiteral, decimalLiteralSchema, decimalOutputSchema, linkDecimalRules, type DecimalLiteral } from '../fields/decimal-options.ts';
import { checkDecimal, formatDecimal, parseDecimal, type DecimalParts } from '../fields/decimal-value.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from '../fields/field-type.ts';
import { orderedOperators } from '../fields/filter-operators.ts';
import { definePlugin } from '../model/plugin.ts';

export type WeightUnit = 'kg' | 't';
export const WEIGHT_UNITS: readonly WeightUnit[] = ['kg', 't'];

export interface WeightDefinition extends CommonFieldDefinition {
  type: 'weight';
  /** The unit values are stored and answered in (default `t`); the other one is converted on input. */
  unit?: WeightUnit;
  /** Digits in all (default 14). */
  precision?: number;
  /** Digits after the point (default 3: kilograms for `t`, grams for `kg`). */
  scale?: number;
  /** Limits in the field's unit. */
  min?: DecimalLiteral;
  max?: DecimalLiteral;
  default?: DecimalLiteral;
}

export interface WeightField extends CommonField {
  type: 'weight';
  unit: WeightUnit;
  precision: number;
  scale: number;
  min: string | null;
  max: string | null;
}

declare module '../fields/field-type.ts' {
  interface FieldTypeMap {
    weight: { definition: WeightDefinition; field: WeightField };
  }
}

const withUnit = /^\s*([+-]?\d+(?:\.\d+)?)\s*(kg|t)\s*$/i;

/**
 * A value as sent (a number, `"24.5"`, `"24500 kg"`, `"24.5 t"`) in `unit`, exact; null when it is not a
 * weight. 1 t = 1000 kg, so converting moves the decimal point by three places.
 */
export function toUnit(value: unknown, unit: WeightUnit): DecimalParts | null {
  const match = typeof value === 'string' ? withUnit.exec(value) : null;
  if (!match) return parseDecimal(value);
  const parts = parseDecimal(match[1]);
  const from = (match[2] as string).toLowerCase() as WeightUnit;
  if (!parts || from === unit) return parts;
  return from === 't' ? shift(parts, 3) : shift(parts, -3);
}

/** × 10^places, on the digits. */
function shift(parts: DecimalParts, places: number): DecimalParts {
  const digits = parts.integer + parts.fraction;
  const point = parts.integer.length + places;
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 0);
  const integer = padded.slice(0, at).replace(/^0+/, '');
  const fraction = padded.slice(at).replace(/0+$/, '');
  return { negative: parts.negative && (integer !== '' || fraction !== ''), integer, fraction };
}

const KEYWORD = 'x-weight';

/** Digits and limits, checked on the value after conversion to the field's unit. */
const weightKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  schemaType: 'object',
  errors: true,
  validate: function weight(rules: { unit: WeightUnit; precision: number; scale: number; min?: string; max?: string }, value: unknown) {
    if (value === null) return true;
    const parts = toUnit(value, rules.unit);
    const problem = parts ? checkDecimal(formatDecimal(parts, parts.fraction.length), rules) : `must be a weight such as 24.5 (in ${rules.unit}) or "24500 kg"`;
    if (problem) (weight as { errors?: unknown[] }).errors = [{ keyword: KEYWORD, message: parts ? `${problem} (in ${rules.unit})` : problem, params: rules }];
    return problem === null;
  },
};

export const weightType = defineFieldType<WeightDefinition, WeightField>({
  name: 'weight',
  summary: 'A weight in kg or t, stored exactly in its unit; the API and the forms take either unit and convert.',
  options: {
    ...storedOptions,
    unit: { enum: [...WEIGHT_UNITS] },
    precision: { type: 'integer', minimum: 1, maximum: 38 },
    scale: { type: 'integer', minimum: 0, maximum: 38 },
    min: decimalLiteralSchema,
    max: decimalLiteralSchema,
    default: decimalLiteralSchema,
  },
  storage: 'column',
  codec: (field) => {
    const codec = decimalCodec(field.precision, field.scale);
    return {
      ...codec,
      canonical: (value) => {
        const parts = value === null || value === undefined ? null : toUnit(value, field.unit);
        return parts ? formatDecimal(parts, field.scale) : value;
      },
    };
  },
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: true,
  aggregateAs: (field) => ({ returns: 'decimal', scale: field.scale, unit: field.unit }),
  example: { gross: { type: 'weight', unit: 't', scale: 3, min: 0, max: 60, required: true } },
  checkDefinition: checkDecimalLiterals,
  normalize: (definition, name) => ({
    ...normalizeCommon(definition, name),
    type: 'weight',
    default: decimalLiteral(definition.default),
    unit: definition.unit ?? 't',
    precision: definition.precision ?? 14,
    scale: definition.scale ?? 3,
    min: decimalLiteral(definition.min),
    max: decimalLiteral(definition.max),
  }),
  link(field, context) {
    linkDecimalRules(field, context);
    return field;
  },
  outputSchema: decimalOutputSchema,
  filterSchema: decimalFilterSchema,
  valueSchema: (field) => ({
    type: ['string', 'number'],
    description: `In ${field.unit}, or a string with its unit: "24500 kg", "24.5 t"`,
    [KEYWORD]: Object.fromEntries(Object.entries({ unit: field.unit, precision: field.precision, scale: field.scale, min: field.min ?? undefined, max: field.max ?? undefined }).filter(([, v]) => v !== undefined)),
  }),
});

export default definePlugin({ name: 'weight', fieldTypes: [weightType], keywords: [weightKeyword] });
