import type { ReactElement } from 'react';
import { ReferenceField } from 'react-admin';
import { fieldKind } from '../fields/registry.ts';
import type { EntityMeta, UserMeta } from '../meta/types.ts';

/**
 * The list's columns from the entity's `list`: a field name, or `reference.field` to show a field of the
 * referenced record (e.g. `partner.city`). `_meta` already dropped columns the user may not see.
 */
export function listColumns(entity: EntityMeta, meta: UserMeta, t: (text: EntityMeta['label'] | null) => string): ReactElement[] {
  const columns = entity.list.length > 0 ? entity.list : entity.fields.filter((f) => fieldKind(f.type).inList !== false).slice(0, 6).map((f) => f.name);
  return columns.flatMap((path) => {
    const [head = '', tail] = path.split('.');
    const field = entity.fields.find((f) => f.name === head);
    if (!field) return [];
    const kind = fieldKind(field.type);
    if (tail !== undefined) {
      const target = meta.entities.find((e) => e.name === field.options.to);
      const targetField = target?.fields.find((f) => f.name === tail);
      if (!target || !targetField) return [];
      const targetKind = fieldKind(targetField.type);
      return [
        <ReferenceField key={path} source={head} reference={target.resource} label={`${t(field.label)}: ${t(targetField.label)}`} link={false} sortable={false}>
          <targetKind.Display field={targetField} entity={target} meta={meta} source={tail} label={t(targetField.label)} />
        </ReferenceField>,
      ];
    }
    return [
      <kind.Display
        key={path}
        field={field}
        entity={entity}
        meta={meta}
        source={field.name}
        label={t(field.label)}
        sortable={field.sortable}
        textAlign={kind.align === 'right' ? 'right' : 'left'}
      />,
    ];
  });
}

