/**
 * Exact decimal arithmetic on strings, just what validation needs: parse, compare, render at a scale.
 * Decimal and money values never pass through a float, so 0.1 + 0.2 problems cannot reach the books.
 */
export interface DecimalParts {
  negative: boolean;
  /** Integer digits without leading zeros ("" for zero). */
  integer: string;
  /** Fraction digits without trailing zeros. */
  fraction: string;
}

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses "12.50", "-0.5" or a JSON number; null for anything else (exponents, NaN, blanks). */
export function parseDecimal(value: unknown): DecimalParts | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string') return null;
  const match = decimalPattern.exec(text.trim());
  if (!match) return null;
  const integer = (match[2] ?? '').replace(/^0+/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const isZero = integer === '' && fraction === '';
  return { negative: match[1] === '-' && !isZero, integer, fraction };
}

export function compareDecimal(a: DecimalParts, b: DecimalParts): -1 | 0 | 1 {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitude(a, b);
  return a.negative && magnitude !== 0 ? ((-magnitude) as -1 | 1) : magnitude;
}

function compareMagnitude(a: DecimalParts, b: DecimalParts): -1 | 0 | 1 {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** Renders at exactly `scale` fraction digits ("100.5" at scale 2 → "100.50"); the caller checks the scale first. */
export function formatDecimal(parts: DecimalParts, scale: number): string {
  const integer = parts.integer === '' ? '0' : parts.integer;
  const fraction = parts.fraction.padEnd(scale, '0');
  const sign = parts.negative ? '-' : '';
  return scale === 0 ? `${sign}${integer}` : `${sign}${integer}.${fraction}`;
}

/** Why a value does not fit DECIMAL(precision, scale) within [min, max], or null when it does. */
export function checkDecimal(
  value: unknown,
  rules: { precision: number; scale: number; min?: string | null; max?: string | null },
): string | null {
  const parts = parseDecimal(value);
  if (!parts) return 'must be a decimal number such as 1234.56';
  if (parts.fraction.length > rules.scale) {
    return rules.scale === 0 ? 'must be a whole number' : `must have at most ${rules.scale} decimal places`;
  }
  const integerDigits = rules.precision - rules.scale;
  if (parts.integer.length > integerDigits) return `must have at most ${integerDigits} digits before the decimal point`;
  const min = rules.min == null ? null : parseDecimal(rules.min);
  if (min && compareDecimal(parts, min) < 0) return `must be at least ${rules.min}`;
  const max = rules.max == null ? null : parseDecimal(rules.max);
  if (max && compareDecimal(parts, max) > 0) return `must be at most ${rules.max}`;
  return null;
}
