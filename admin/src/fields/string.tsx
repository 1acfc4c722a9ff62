import { TextField, TextInput } from 'react-admin';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';
import { textFilters } from './textFilters.tsx';

export function StringInput({ field, source, label }: FieldComponentProps) {
  return <TextInput source={source} label={label} helperText={false} validate={fieldValidators(field)} fullWidth />;
}

export const stringField: FieldKind = {
  Display: ({ source, label }) => <TextField source={source} label={label} emptyText="–" />,
  Input: StringInput,
  filters: textFilters,
};
