import type { FieldMeta } from '../meta/types.ts';
import { localized } from '../meta/useLocalized.ts';
import { formatNumber } from '../fields/numberFormat.ts';

/** One value of an audit entry's `changes` as the reader expects it: enum labels, localized numbers and dates. */
export function changeValue(value: unknown, field: FieldMeta | undefined, locale: string, intl: string): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.map((v) => changeValue(v, field, locale, intl)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (!field) return String(value);
  switch (field.type) {
    case 'enum': {
      const values = (field.options.values ?? []) as Array<{ value: string; label: FieldMeta['label'] }>;
      const match = values.find((v) => v.value === value);
      return match ? localized(match.label, locale) || String(value) : String(value);
    }
    case 'decimal':
    case 'money':
    case 'integer': {
      const scale = typeof field.options.scale === 'number' ? field.options.scale : undefined;
      return formatNumber(value, intl, { minimumFractionDigits: scale, maximumFractionDigits: scale ?? 20 });
    }
    case 'boolean':
      return value === true ? '✓' : '✗';
    case 'date':
      return new Date(`${String(value)}T00:00:00`).toLocaleDateString(intl);
    case 'datetime':
      return new Date(String(value)).toLocaleString(intl);
    case 'reference':
      return `#${String(value)}`;
    default:
      return String(value);
  }
}
