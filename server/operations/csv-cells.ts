import type { Field } from '../../generators/fields/field-type.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';

/** One column of an export: `id` (field null) or a field, with how its wire value becomes text. */
export interface CsvColumn {
  name: string;
  /** `many`: ids joined with `;`; `json`: JSON text (any JSON value, so a string keeps its quotes); `plain`: the value itself. */
  kind: 'many' | 'json' | 'plain';
  /** Numbers, decimals and money: a value such as `-12.50` is a number, not a formula. */
  numeric: boolean;
}

export function csvColumn(field: Field, registry: FieldRegistry): CsvColumn {
  const type = registry.of(field);
  const schema = type.outputSchema(field);
  const kind = type.storage === 'many' ? 'many' : schema.type === undefined ? 'json' : 'plain';
  return { name: field.name, kind, numeric: type.numeric };
}

export const ID_COLUMN: CsvColumn = { name: 'id', kind: 'plain', numeric: true };

/** A spreadsheet runs a cell beginning with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * One cell in wire form: empty for null (and for a value the reader may not see, which the record lacks),
 * booleans as true/false, references as the id. Text that a spreadsheet would run as a formula gets a
 * leading `'` (OWASP's advice); numbers of numeric fields stay as they are, so `-12.50` remains a number.
 * Quoted per RFC 4180 when it holds a comma, a quote or a line break.
 */
export function csvCell(value: unknown, column: CsvColumn): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (column.kind === 'many' && Array.isArray(value)) text = value.join(';');
  else if (column.kind === 'json') text = JSON.stringify(value);
  else text = String(value);
  if (typeof value === 'string' && column.kind === 'plain' && FORMULA_START.test(text) && !(column.numeric && NUMBER.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (without its CRLF). */
export function csvLine(record: Record<string, unknown>, columns: readonly CsvColumn[]): string {
  return columns.map((column) => csvCell(record[column.name], column)).join(',');
}
