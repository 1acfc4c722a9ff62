/**
 * Weights of the `weight` field type: exact decimal strings in the field's unit ("24.500" t). Converting
 * between kg and t moves the decimal point by three digits, on the string, never through a float.
 */
import { parseNumberText } from '../cellValues.ts';

export type WeightUnit = 'kg' | 't';
export const WEIGHT_UNITS: readonly WeightUnit[] = ['kg', 't'];

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `value` × 10^places for a decimal string ("24.5", 3 → "24500"; "500", -3 → "0.500"); null if not a decimal. */
export function shiftDecimal(value: string, places: number): string | null {
  const match = DECIMAL.exec(value);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point > digits.length) digits = digits.padEnd(point, '0');
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point);
  const result = decimals === '' ? integer : `${integer}.${decimals}`;
  return sign && /[1-9]/.test(result) ? `-${result}` : result;
}

/** A weight in `from` → the same weight in `to`, exactly; null if `value` is not a decimal. */
export function convertWeight(value: string, from: WeightUnit, to: WeightUnit): string | null {
  if (from === to) return DECIMAL.test(value) ? value : null;
  return shiftDecimal(value, from === 't' ? 3 : -3);
}

/** The other unit: the tooltip of a weight shows it there. */
export function otherUnit(unit: WeightUnit): WeightUnit {
  return unit === 't' ? 'kg' : 't';
}

/** Decimal places a value of `scale` places in `from` needs in `to` (24.500 t → 24500 kg: 0). */
export function scaleIn(scale: number, from: WeightUnit, to: WeightUnit): number {
  if (from === to) return scale;
  return Math.max(0, from === 't' ? scale - 3 : scale + 3);
}

/** A unit written after the number ("24500 kg", "24,5t"): the number's text and the unit, or null. */
export function splitUnit(text: string): { number: string; unit: WeightUnit } | null {
  const match = /^(.*?)\s*(kg|t)\.?\s*$/i.exec(text);
  if (!match || !/\d/.test(match[1] ?? '')) return null;
  return { number: (match[1] ?? '').trim(), unit: (match[2] ?? '').toLowerCase() as WeightUnit };
}

/** Drops zeros past `scale` decimals ("24.5000" at 3 → "24.500"), so a kg value converted to t keeps no more than it means. */
export function trimScale(value: string, scale: number): string {
  const match = /^(-?\d+)\.(\d+)$/.exec(value);
  if (!match) return value;
  const [, whole = '', fraction = ''] = match;
  const kept = fraction.length > scale ? fraction.slice(0, scale) + fraction.slice(scale).replace(/0+$/, '') : fraction;
  return kept === '' ? whole : `${whole}.${kept}`;
}

/**
 * A weight as people write it, in German or English, with or without a unit ("24,5", "24.500 kg", "24,5 t",
 * "1.234,5kg") → the number as an exact decimal and the unit written (null: none); null if it is not a number.
 * A bare number is read as Kontor's CSV export writes one ("24.500" is 24.5, see `parseNumberText`), unless
 * `whole` says it cannot have decimals (a field of whole kg): then a lone group of three digits is grouping,
 * as for integers. With a unit the text was written by a person (the export writes none), so a lone separator
 * before three digits is read as the UI's language reads it: "24.500 kg" is 24500 kg where `decimal` is ","
 * (German) and 24.5 kg where it is "." (English).
 */
export function readWeightText(text: string, decimal: string, whole = false): { number: string; unit: WeightUnit | null } | null {
  const split = splitUnit(text);
  const written = split?.number ?? text;
  const group = decimal === ',' ? '.' : ',';
  const grouping = split === null ? whole : new RegExp(`^[+-]?\\d{1,3}\\${group}\\d{3}$`).test(written.replace(/[\s\u00a0\u202f']/g, ''));
  // parseNumberText's `integer` reading is exactly this: a lone group of three digits is grouping.
  const number = parseNumberText(written, grouping);
  return number === null ? null : { number, unit: split?.unit ?? null };
}
