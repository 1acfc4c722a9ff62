import type { FieldMeta } from '../meta/types.ts';

/** Wire decimals are exact strings ("1234.500"); these helpers show and read them in the user's language. */

export function formatNumber(value: unknown, locale: string, options: Intl.NumberFormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(number)) return String(value);
  return new Intl.NumberFormat(locale, options).format(number);
}

/** The decimal separator of a locale ("," in German). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/** What the user typed → the wire form: "1.234,5" in German becomes "1234.5"; anything else is kept for the validator. */
export function parseDecimal(text: string, locale: string): string | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  const separator = decimalSeparator(locale);
  const group = separator === ',' ? '.' : ',';
  // A group separator is only dropped where it groups thousands (so "1.5" in German is not read as 15).
  const ungrouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${separator}\\d*)?$`).test(trimmed) ? trimmed.split(group).join('') : trimmed;
  return separator === ',' ? ungrouped.replace(',', '.') : ungrouped;
}

/** The wire form → what the input shows: "1234.5" becomes "1234,5" in German (no grouping while editing). */
export function formatDecimalInput(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return decimalSeparator(locale) === ',' ? text.replace('.', ',') : text;
}

/** A number of a field as text: with exactly the field's `scale` decimals, or as many as it has without one. */
export function formatFieldNumber(value: unknown, field: Pick<FieldMeta, 'options'>, locale: string): string {
  const scale = typeof field.options.scale === 'number' ? field.options.scale : undefined;
  return formatNumber(value, locale, { minimumFractionDigits: scale, maximumFractionDigits: scale ?? 20 });
}
