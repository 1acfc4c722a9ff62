import type { FieldMeta, LocalizedText } from '../meta/types.ts';
import { localized } from '../meta/useLocalized.ts';
import type { Cell } from './Cell.ts';

/** One value of an enum field as `_meta` describes it (a plain string where a definition gave no label). */
interface EnumValue {
  value: string;
  label?: LocalizedText;
}

function enumValues(field: FieldMeta): EnumValue[] {
  return ((field.options.values ?? []) as Array<string | EnumValue>).map((v) => (typeof v === 'string' ? { value: v } : v));
}

/** An enum cell: by value, then by value or label in any language, case-insensitively. */
export function enumCell(field: FieldMeta, text: string, locale: string): Cell {
  const values = enumValues(field);
  const wanted = text.trim();
  const lower = wanted.toLocaleLowerCase();
  const match =
    values.find((v) => v.value === wanted) ??
    values.find((v) => v.value.toLocaleLowerCase() === lower) ??
    values.find((v) => Object.values((v.label ?? {}) as Record<string, string | undefined>).some((label) => label?.trim().toLocaleLowerCase() === lower));
  if (match) return { value: match.value };
  const names = values.map((v) => localized(v.label, locale) || v.value).join(', ');
  return { error: { key: 'kontor.import.bad_enum', args: { value: wanted, values: names } } };
}

/** A value's label in `locale`, or the value itself when the field has no label for it. */
export function enumLabel(value: unknown, field: FieldMeta, locale: string): string {
  const match = enumValues(field).find((v) => v.value === value);
  return match ? localized(match.label, locale) || String(value) : String(value);
}
