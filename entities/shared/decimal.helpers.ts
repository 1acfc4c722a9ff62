/**
 * Exact decimal arithmetic for computed fields (weights, amounts, VAT). Decimal and money values reach a
 * compute function as strings in wire form ("25.340", "1234.50"); they are calculated here as scaled
 * integers (BigInt) and rounded half away from zero ("kaufmännisch gerundet"), never through a float, so a
 * net weight or an invoice total cannot be off by a rounding artefact.
 *
 * A helper, not a definition: the `.helpers.ts` name keeps the loader from reading it as an entity.
 */

/** A decimal as an integer of units at a scale: 12.345 is { units: 12345n, scale: 3 }. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const pattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** A wire value ("12.50", "-3", a finite number) as a Decimal; null for empty or malformed values. */
export function toDecimal(value: unknown): Decimal | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string') return null;
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] ?? '0'}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Divides and rounds half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** The value rounded (half away from zero) to `scale` fraction digits. */
export function round(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return { units: rescale(value, scale), scale };
  return { units: divideRounded(value.units, 10n ** BigInt(value.scale - scale)), scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, { units: -b.units, scale: b.scale });
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a ÷ b rounded to `scale` digits; null when b is zero. */
export function divide(a: Decimal, b: Decimal, scale: number): Decimal | null {
  if (b.units === 0n) return null;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); shifted so the quotient has `scale` digits.
  const shift = scale + b.scale - a.scale;
  const numerator = shift >= 0 ? a.units * 10n ** BigInt(shift) : a.units;
  const denominator = shift >= 0 ? b.units : b.units * 10n ** BigInt(-shift);
  return { units: divideRounded(numerator, denominator), scale };
}

/** `value` percent of `amount`, rounded to `scale` digits (19 % of 100.00 → 19.00). */
export function percentOf(amount: Decimal, percent: Decimal, scale: number): Decimal {
  return round(multiply(amount, { units: percent.units, scale: percent.scale + 2 }), scale);
}

/** Wire form at exactly `scale` fraction digits, rounding if the value has more. */
export function format(value: Decimal, scale: number): string {
  const { units } = round(value, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}

/** The sum of several wire values, or null if any of them is empty (a total of unknown parts is unknown). */
export function sum(values: readonly unknown[]): Decimal | null {
  let total: Decimal = { units: 0n, scale: 0 };
  for (const value of values) {
    const decimal = toDecimal(value);
    if (!decimal) return null;
    total = add(total, decimal);
  }
  return total;
}

/** quantity × unit price of a line, rounded to cents; null while either is empty. */
export function lineAmount(quantity: unknown, unitPrice: unknown, scale = 2): string | null {
  const q = toDecimal(quantity);
  const p = toDecimal(unitPrice);
  return q && p ? format(multiply(q, p), scale) : null;
}

/**
 * The hook of an order line (beforeCreate and beforeUpdate): stores quantity × unit price as `line_amount`,
 * so the order's net total is a database sum that lists show.
 */
export function storeLineAmount(line: Record<string, unknown>): void {
  line.line_amount = lineAmount(line.quantity, line.unit_price);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
