import type { FieldMeta } from '../meta/types.ts';
import { fieldKind } from '../fields/registry.ts';

/**
 * One value of an audit entry's `changes` as the reader expects it: as the field's kind writes it for people
 * (FieldKind.formatValue: enum labels, localized numbers, dates and weights, grouped IBANs), else as it is.
 */
export function changeValue(value: unknown, field: FieldMeta | undefined, locale: string, intl: string): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.map((v) => changeValue(v, field, locale, intl)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (!field) return String(value);
  return fieldKind(field.type).formatValue?.(value, field, locale, intl) ?? String(value);
}
