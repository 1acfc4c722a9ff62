import { ArrayField, ArrayInput, Datagrid, SimpleFormIterator } from 'react-admin';
import type { EntityMeta, FieldMeta, UserMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { fieldKind } from './registry.ts';

/** The child entity and the fields a row shows: all but the link back to the parent and nested children. */
function rowFields(field: FieldMeta, meta: UserMeta): { child: EntityMeta; fields: FieldMeta[] } | null {
  const child = meta.entities.find((e) => e.name === field.options.entity);
  if (!child) return null;
  const via = field.options.via;
  return { child, fields: child.fields.filter((f) => f.name !== via && f.type !== 'children' && fieldKind(f.type).inList !== false) };
}

function ChildrenDisplay({ field, meta, source, label }: FieldComponentProps) {
  const t = useLocalized();
  const rows = rowFields(field, meta);
  if (!rows) return null;
  return (
    <ArrayField source={source} label={label}>
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<span>–</span>} sx={{ '& .RaDatagrid-headerCell': { fontWeight: 600 } }}>
        {rows.fields.map((f) => {
          const kind = fieldKind(f.type);
          return <kind.Display key={f.name} field={f} entity={rows.child} meta={meta} source={f.name} label={t(f.label)} sortable={false} textAlign={kind.align === 'right' ? 'right' : 'left'} />;
        })}
      </Datagrid>
    </ArrayField>
  );
}

/** The rows edited in place, as a table inside the parent's form; saved with the parent in one request. */
function ChildrenInput({ field, meta, source, label }: FieldComponentProps) {
  const t = useLocalized();
  const rows = rowFields(field, meta);
  if (!rows) return null;
  return (
    <ArrayInput source={source} label={label} fullWidth>
      <SimpleFormIterator inline disableReordering fullWidth sx={{ '& .RaSimpleFormIterator-line': { borderBottom: 1, borderColor: 'divider', py: 0.5 } }}>
        {rows.fields.map((f) => {
          const kind = fieldKind(f.type);
          if (!kind.Input || !f.writable) {
            return <kind.Display key={f.name} field={f} entity={rows.child} meta={meta} source={f.name} label={t(f.label)} />;
          }
          return <kind.Input key={f.name} field={f} entity={rows.child} meta={meta} source={f.name} label={t(f.label)} />;
        })}
      </SimpleFormIterator>
    </ArrayInput>
  );
}

export const childrenField: FieldKind = {
  Display: ChildrenDisplay,
  Input: ChildrenInput,
  inList: false,
};
