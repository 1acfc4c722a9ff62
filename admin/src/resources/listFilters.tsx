import type { ReactElement } from 'react';
import { SearchInput } from 'react-admin';
import { fieldKind } from '../fields/registry.ts';
import type { EntityMeta, UserMeta } from '../meta/types.ts';

/** The search box (when the entity has search fields) plus a filter per field suited to its type. */
export function listFilters(entity: EntityMeta, meta: UserMeta, t: (text: EntityMeta['label'] | null) => string, translate: (key: string) => string): ReactElement[] {
  const filters: ReactElement[] = [];
  if (entity.search.length > 0) filters.push(<SearchInput key="q" source="q" alwaysOn placeholder={translate('kontor.filter.search')} />);
  for (const field of entity.fields) {
    const kind = fieldKind(field.type);
    filters.push(...(kind.filters?.({ field, entity, meta, label: t(field.label), translate }) ?? []));
  }
  return filters;
}
