import { AutocompleteInput, ReferenceField, ReferenceInput, TextField, useFieldValue } from 'react-admin';
import type { EntityMeta, FieldMeta, UserMeta } from '../meta/types.ts';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { referenceCell } from './referenceCell.ts';
import { fieldValidators } from './validators.ts';

/** The target entity, if the user may read it (else the reference can only be shown as a number). */
export function targetOf(field: FieldMeta, meta: UserMeta): EntityMeta | undefined {
  const to = field.options.to;
  return meta.entities.find((e) => e.name === to);
}

/** Search the target the way its list search does (`q`), or by its title when it has no search. */
export function searchFilter(target: EntityMeta) {
  return (text: string) => (text ? (target.search.length > 0 ? { q: text } : target.title ? { [`${target.title}_like`]: text } : {}) : {});
}

function ReferenceDisplay({ field, meta, source, label }: FieldComponentProps) {
  const target = targetOf(field, meta);
  const value = useFieldValue({ source });
  if (!target) return <span>{value === null || value === undefined ? '–' : `#${String(value)}`}</span>;
  return <ReferenceField source={source} label={label} reference={target.resource} link={target.actions.includes('read') ? 'show' : false} emptyText="–" />;
}

export function ReferenceAutocomplete({ field, meta, source, label, validate = true }: FieldComponentProps & { validate?: boolean }) {
  const target = targetOf(field, meta);
  if (!target) return <TextField source={source} label={label} />;
  return (
    <ReferenceInput source={source} reference={target.resource} sort={target.sort ?? undefined}>
      <AutocompleteInput label={label} filterToQuery={searchFilter(target)} validate={validate ? fieldValidators(field) : []} fullWidth />
    </ReferenceInput>
  );
}

export const referenceField: FieldKind = {
  Display: ReferenceDisplay,
  Input: ReferenceAutocomplete,
  filters: ({ field, entity, meta, label }) =>
    field.filters.includes('eq') && targetOf(field, meta)
      ? [<ReferenceAutocomplete key={field.name} field={field} entity={entity} meta={meta} source={field.name} label={label} validate={false} />]
      : [],
  importCell: (field, text, context) => referenceCell(field, text, context.lookup),
  // The audit trail holds the id only; the record may be gone or unreadable, so no title is fetched.
  formatValue: (value) => `#${String(value)}`,
};
