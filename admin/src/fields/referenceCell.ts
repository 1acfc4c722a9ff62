import type { FieldMeta } from '../meta/types.ts';
import type { Cell, TitleLookup } from './Cell.ts';
import { parseId, splitList } from './cellValues.ts';

/** A reference cell: the record's id ("42", "#42"), or its title as the import looked it up. */
export function referenceCell(field: FieldMeta, text: string, lookup: TitleLookup): Cell {
  const id = parseId(text);
  if (id !== null) return { value: id };
  const found = lookup(field, text.trim());
  return typeof found === 'number' ? { value: found } : { error: found };
}

/** A `many` cell: ids or titles as a list (see `splitList`), each record once; the first unreadable one is the error. */
export function manyCell(field: FieldMeta, text: string, lookup: TitleLookup): Cell {
  const ids: number[] = [];
  for (const part of splitList(text)) {
    const cell = referenceCell(field, part, lookup);
    if ('error' in cell) return cell;
    if (!ids.includes(cell.value as number)) ids.push(cell.value as number);
  }
  return { value: ids };
}
