import { fieldKind } from '../fields/registry.ts';
import type { EntityMeta, FieldMeta } from '../meta/types.ts';

/** Which field each CSV column goes to, by column position; null: the column is ignored. */
export type ColumnMapping = Array<string | null>;

/** Types a CSV cell cannot set: the server computes or numbers them, or they are rows of another entity. */
const NOT_IMPORTABLE = new Set(['computed', 'autonumber', 'children']);

/** The fields an import may set: those the user may write that have an input. */
export function importableFields(entity: EntityMeta): FieldMeta[] {
  return entity.fields.filter((field) => field.writable && !field.readonly && !NOT_IMPORTABLE.has(field.type) && fieldKind(field.type).Input !== null);
}

const normalize = (text: string) => text.trim().replace(/\s*\*$/, '').replace(/\s+/g, ' ').toLocaleLowerCase();

/** The names a column header may use for a field: its name and its label in every language. */
function namesOf(field: FieldMeta): string[] {
  const labels = Object.values((field.label ?? {}) as unknown as Record<string, string | undefined>).filter((label): label is string => typeof label === 'string');
  return [field.name, ...labels].map(normalize);
}

/**
 * The mapping a header row suggests: a header equal (case-insensitively) to a field's name or to its label
 * in any language selects that field. A field goes to the first column that names it; a later column of
 * the same name is ignored.
 */
export function guessMapping(headers: readonly string[], fields: readonly FieldMeta[]): ColumnMapping {
  const taken = new Set<string>();
  return headers.map((header) => {
    const wanted = normalize(header);
    if (wanted === '') return null;
    const field = fields.find((f) => f.name.toLocaleLowerCase() === wanted && !taken.has(f.name)) ?? fields.find((f) => !taken.has(f.name) && namesOf(f).includes(wanted));
    if (!field) return null;
    taken.add(field.name);
    return field.name;
  });
}

/** A field every row needs that has no column: the server has no default for it, so every row would fail. */
export function unmappedRequired(mapping: ColumnMapping, fields: readonly FieldMeta[]): FieldMeta[] {
  const mapped = new Set(mapping.filter((name): name is string => name !== null));
  return fields.filter((field) => field.required && (field.default === null || field.default === undefined) && !mapped.has(field.name));
}

/** Fields chosen for more than one column. */
export function duplicateFields(mapping: ColumnMapping): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of mapping) {
    if (name === null) continue;
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  return twice;
}
