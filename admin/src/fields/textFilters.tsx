import { TextInput } from 'react-admin';
import type { FilterContext } from './FieldKind.ts';

/** A "contains" filter (`name_like`), where the server offers it. */
export function textFilters({ field, label }: FilterContext) {
  if (!field.filters.includes('like')) return [];
  return [<TextInput key={field.name} source={`${field.name}_like`} label={label} resettable />];
}
