import type { FieldMeta, LocalizedText } from '../meta/types.ts';
import { localized } from '../meta/useLocalized.ts';
import { parseBooleanText, parseDateText, parseDateTimeText, parseId, parseNumberText, splitList, stripCurrency, unguardText } from './cellValues.ts';
import type { ColumnMapping } from './mapColumns.ts';

/** A message to show, as a translation key and its arguments. */
export interface Problem {
  key: string;
  args?: Record<string, unknown>;
}

/** A reference written as a title → the id of the one record with that title, or why there is none. */
export type TitleLookup = (field: FieldMeta, title: string) => number | Problem;

/** A CSV row as the body of POST /api/<resource>, and the cells that could not be read. */
export interface ConvertedRow {
  data: Record<string, unknown>;
  /** Field name → what is wrong with its cell. */
  errors: Record<string, Problem>;
}

interface ConvertContext {
  locale: string;
  lookup: TitleLookup;
}

type Cell = { value: unknown } | { error: Problem };

const REFERENCE_TYPES = new Set(['reference', 'many']);
const MAX_INTEGER = 2_147_483_647;

interface EnumValue {
  value: string;
  label?: LocalizedText;
}

function enumValues(field: FieldMeta): EnumValue[] {
  return ((field.options.values ?? []) as Array<string | EnumValue>).map((v) => (typeof v === 'string' ? { value: v } : v));
}

/** By value, then by value or label in any language, case-insensitively. */
function enumCell(field: FieldMeta, text: string, locale: string): Cell {
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

function referenceCell(field: FieldMeta, text: string, lookup: TitleLookup): Cell {
  const id = parseId(text);
  if (id !== null) return { value: id };
  const found = lookup(field, text.trim());
  return typeof found === 'number' ? { value: found } : { error: found };
}

function manyCell(field: FieldMeta, text: string, lookup: TitleLookup): Cell {
  const ids: number[] = [];
  for (const part of splitList(text)) {
    const cell = referenceCell(field, part, lookup);
    if ('error' in cell) return cell;
    if (!ids.includes(cell.value as number)) ids.push(cell.value as number);
  }
  return { value: ids };
}

function numberCell(field: FieldMeta, text: string): Cell {
  const integer = field.type === 'integer';
  const unit = typeof field.options.unit === 'string' ? field.options.unit : undefined;
  const number = parseNumberText(field.type === 'money' || unit ? stripCurrency(text, unit) : text, integer);
  if (number === null) return { error: { key: integer ? 'kontor.validation.integer' : 'kontor.validation.number' } };
  if (!integer) return { value: number };
  const [whole = '', fraction = ''] = number.split('.');
  if (/[1-9]/.test(fraction)) return { error: { key: 'kontor.validation.integer' } };
  const value = Number(whole);
  return Math.abs(value) > MAX_INTEGER ? { error: { key: 'kontor.validation.too_large' } } : { value };
}

/** One non-empty cell → the field's wire value. */
export function convertCell(field: FieldMeta, text: string, context: ConvertContext): Cell {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'money':
      return numberCell(field, text);
    case 'boolean': {
      const value = parseBooleanText(text);
      return value === null ? { error: { key: 'kontor.import.bad_boolean' } } : { value };
    }
    case 'date': {
      const value = parseDateText(text);
      return value === null ? { error: { key: 'kontor.import.bad_date' } } : { value };
    }
    case 'datetime': {
      const value = parseDateTimeText(text);
      return value === null ? { error: { key: 'kontor.import.bad_datetime' } } : { value };
    }
    case 'enum':
      return enumCell(field, text, context.locale);
    case 'reference':
      return referenceCell(field, text, context.lookup);
    case 'many':
      return manyCell(field, text, context.lookup);
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: { key: 'kontor.validation.json' } };
      }
    case 'text':
      return { value: unguardText(text) };
    default:
      // string, email, url and types this client does not know: the text, checked by the server
      return { value: unguardText(text.trim()) };
  }
}

/**
 * A CSV row → the body of a create. An empty cell is left out, so the server applies the field's default
 * (and says "is required" where there is none). Cells past the header's last column are an error: the
 * row does not line up with the header, so its values may be in the wrong fields.
 */
export function convertRow(cells: readonly string[], mapping: ColumnMapping, fields: ReadonlyMap<string, FieldMeta>, context: ConvertContext): ConvertedRow {
  const data: Record<string, unknown> = {};
  const errors: Record<string, Problem> = {};
  const extra = cells.slice(mapping.length).some((cell) => cell.trim() !== '');
  if (extra) errors._ = { key: 'kontor.import.too_many_cells', args: { count: cells.length, header: mapping.length } };
  mapping.forEach((name, column) => {
    const field = name === null ? undefined : fields.get(name);
    const text = cells[column] ?? '';
    if (!field || text.trim() === '') return;
    const cell = convertCell(field, text, context);
    if ('error' in cell) errors[field.name] = cell.error;
    else data[field.name] = cell.value;
  });
  return { data, errors };
}

/** The distinct texts of reference and `many` cells that are not ids, by field: what must be looked up by title. */
export function titlesToLookUp(rows: ReadonlyArray<readonly string[]>, mapping: ColumnMapping, fields: ReadonlyMap<string, FieldMeta>): Map<string, Set<string>> {
  const titles = new Map<string, Set<string>>();
  mapping.forEach((name, column) => {
    const field = name === null ? undefined : fields.get(name);
    if (!field || !REFERENCE_TYPES.has(field.type)) return;
    const set = titles.get(field.name) ?? new Set<string>();
    for (const row of rows) {
      const text = row[column] ?? '';
      if (text.trim() === '') continue;
      for (const part of field.type === 'many' ? splitList(text) : [text.trim()]) if (parseId(part) === null) set.add(part.trim());
    }
    if (set.size > 0) titles.set(field.name, set);
  });
  return titles;
}
