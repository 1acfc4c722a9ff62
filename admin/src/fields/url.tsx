import { TextInput, UrlField } from 'react-admin';
import type { FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';
import { textFilters } from './textFilters.tsx';

const url = (value: unknown) => (typeof value === 'string' && value !== '' && !/^https?:\/\/\S+$/i.test(value) ? 'kontor.validation.url' : undefined);

export const urlField: FieldKind = {
  Display: ({ source, label }) => <UrlField source={source} label={label} emptyText="–" target="_blank" rel="noopener noreferrer" />,
  Input: ({ field, source, label }) => <TextInput source={source} label={label} type="url" validate={[...fieldValidators(field), url]} fullWidth />,
  filters: textFilters,
};
