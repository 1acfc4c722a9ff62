import { EmailField, TextInput } from 'react-admin';
import type { FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';
import { textFilters } from './textFilters.tsx';

export const emailField: FieldKind = {
  Display: ({ source, label }) => <EmailField source={source} label={label} emptyText="–" />,
  Input: ({ field, source, label }) => <TextInput source={source} label={label} type="email" validate={fieldValidators(field)} fullWidth />,
  filters: textFilters,
};
