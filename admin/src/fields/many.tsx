import { AutocompleteArrayInput, ChipField, ReferenceArrayField, ReferenceArrayInput, SingleFieldList, useFieldValue } from 'react-admin';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { searchFilter, targetOf } from './reference.tsx';
import { manyCell } from './referenceCell.ts';

function ManyDisplay({ field, meta, source, label }: FieldComponentProps) {
  const target = targetOf(field, meta);
  const value = useFieldValue({ source }) as unknown[] | undefined;
  if (!target) return <span>{value?.length ? value.map((id) => `#${String(id)}`).join(', ') : '–'}</span>;
  return (
    <ReferenceArrayField source={source} label={label} reference={target.resource}>
      <SingleFieldList linkType={false} empty={<span>–</span>}>
        <ChipField source={target.title ?? 'id'} size="small" />
      </SingleFieldList>
    </ReferenceArrayField>
  );
}

function ManyInput({ field, meta, source, label }: FieldComponentProps) {
  const target = targetOf(field, meta);
  if (!target) return null;
  return (
    <ReferenceArrayInput source={source} reference={target.resource} sort={target.sort ?? undefined}>
      <AutocompleteArrayInput label={label} filterToQuery={searchFilter(target)} fullWidth />
    </ReferenceArrayInput>
  );
}

export const manyField: FieldKind = {
  Display: ManyDisplay,
  Input: ManyInput,
  importCell: (field, text, context) => manyCell(field, text, context.lookup),
};
