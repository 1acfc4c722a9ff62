import { TextField, TextInput } from 'react-admin';
import { unguardText } from './cellValues.ts';
import type { FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';
import { textFilters } from './textFilters.tsx';

export const textField: FieldKind = {
  Display: ({ source, label }) => <TextField source={source} label={label} emptyText="–" sx={{ whiteSpace: 'pre-line' }} />,
  Input: ({ field, source, label }) => <TextInput source={source} label={label} validate={fieldValidators(field)} multiline minRows={3} fullWidth />,
  filters: textFilters,
  inList: true,
  // As written, not trimmed (the one-line types' cells are).
  importCell: (_field, text) => ({ value: unguardText(text) }),
};
