import type { JsonSchema } from '../core/json-schema.ts';
import { compact } from './common-options.ts';
import { compareDecimal, parseDecimal } from './decimal-value.ts';
import type { ConfigErrorCode } from '../core/config-error-codes.ts';
import type { FieldLinkContext, ReportOptions } from './field-type.ts';

/** A decimal limit or default as written: a JSON number or a decimal string ("0.125"). */
export type DecimalLiteral = number | string;

export const decimalLiteralSchema: JsonSchema = {
  description: 'a number, or a decimal in quotes such as "12.50"',
  anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }],
};

export const decimalOptions: Record<string, JsonSchema> = {
  precision: { type: 'integer', minimum: 1, maximum: 38 },
  scale: { type: 'integer', minimum: 0, maximum: 38 },
  min: decimalLiteralSchema,
  max: decimalLiteralSchema,
  default: decimalLiteralSchema,
};

export interface DecimalRules {
  name: string;
  precision: number;
  scale: number;
  min: string | null;
  max: string | null;
}

/** Limits are kept as strings in the model: exact, and JSON keeps them as written. */
export function decimalLiteral(value: DecimalLiteral | undefined): string | null {
  return value === undefined ? null : String(value);
}

export function linkDecimalRules(field: DecimalRules, context: FieldLinkContext): void {
  if (field.scale > field.precision) {
    context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": scale ${field.scale} is above precision ${field.precision}`, { at: ['scale'] });
  }
  const min = field.min === null ? null : parseDecimal(field.min);
  const max = field.max === null ? null : parseDecimal(field.max);
  if (min && max && compareDecimal(min, max) > 0) {
    context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": min ${field.min} is above max ${field.max}`, { at: ['min'] });
  }
}

/**
 * Decimals travel as strings so no float touches them; numbers are accepted on input (react-admin's
 * NumberInput sends them). The `x-kontor-decimal` keyword checks digits and limits exactly.
 */
export function decimalValueSchema(field: DecimalRules): JsonSchema {
  return {
    type: ['string', 'number'],
    'x-kontor-decimal': compact({ precision: field.precision, scale: field.scale, min: field.min ?? undefined, max: field.max ?? undefined }),
  };
}

/** On the way out a decimal is always a string with exactly `scale` decimals ("100.50"). */
export function decimalOutputSchema(field: DecimalRules): JsonSchema {
  return { type: 'string', pattern: field.scale > 0 ? `^-?[0-9]+\\.[0-9]{${field.scale}}$` : '^-?[0-9]+$' };
}

/**
 * A YAML or JSON number is a float: beyond 15 significant digits it has already lost some before Kontor sees
 * it (99999999999999999.99 arrives as 100000000000000000). Such limits must be written in quotes.
 */
export function checkDecimalLiterals(definition: Partial<Record<'min' | 'max' | 'default', DecimalLiteral>>, report: (code: ConfigErrorCode, message: string, options?: ReportOptions) => void): void {
  for (const option of ['min', 'max', 'default'] as const) {
    const value = definition[option];
    if (typeof value !== 'number') continue;
    const text = String(value);
    const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
    if (/e/i.test(text) || significant > 15) {
      report('KONTOR_CFG_INVALID_VALUE', `${option} ${text} is too long for an exact number; write it in quotes, e.g. "${option === 'default' ? '1234567890123456.78' : '99999999999999999.99'}"`, { at: [option] });
    }
  }
}

/** A filter value must fit the column: at most `scale` decimals, else it would be silently rounded. */
export function decimalFilterSchema(field: DecimalRules): JsonSchema {
  return { type: ['string', 'number'], 'x-kontor-decimal': { precision: field.precision, scale: field.scale } };
}
