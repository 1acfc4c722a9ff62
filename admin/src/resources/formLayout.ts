import type { FieldMeta } from '../meta/types.ts';

/** Fields that take the whole width of a form or detail page rather than one of its two columns. */
export function isWide(field: FieldMeta): boolean {
  return field.type === 'text' || field.type === 'json' || field.type === 'children' || field.type === 'many';
}
