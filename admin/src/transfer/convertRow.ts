import type { Cell, CellContext, Problem } from '../fields/Cell.ts';
import { parseId, splitList, unguardText } from '../fields/cellValues.ts';
import { fieldKind } from '../fields/registry.ts';
import type { FieldMeta } from '../meta/types.ts';
import type { ColumnMapping } from './mapColumns.ts';

export type { Problem, TitleLookup } from '../fields/Cell.ts';

/** A CSV row as the body of POST /api/<resource>, and the cells that could not be read. */
export interface ConvertedRow {
  data: Record<string, unknown>;
  /** Field name → what is wrong with its cell. */
  errors: Record<string, Problem>;
}

const REFERENCE_TYPES = new Set(['reference', 'many']);

/**
 * One non-empty cell → the field's wire value, as the field's kind reads it (FieldKind.importCell). A kind
 * that does not say (string, email, url, and types this client does not know) gets the trimmed text, for
 * the server to check.
 */
export function convertCell(field: FieldMeta, text: string, context: CellContext): Cell {
  return fieldKind(field.type).importCell?.(field, text, context) ?? { value: unguardText(text.trim()) };
}

/**
 * A CSV row → the body of a create. An empty cell is left out, so the server applies the field's default
 * (and says "is required" where there is none). Cells past the header's last column are an error: the
 * row does not line up with the header, so its values may be in the wrong fields.
 */
export function convertRow(cells: readonly string[], mapping: ColumnMapping, fields: ReadonlyMap<string, FieldMeta>, context: CellContext): ConvertedRow {
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
