import { BooleanField, BooleanInput, NullableBooleanInput } from 'react-admin';
import { parseBooleanText } from './cellValues.ts';
import type { FieldKind } from './FieldKind.ts';

export const booleanField: FieldKind = {
  Display: ({ source, label }) => <BooleanField source={source} label={label} looseValue />,
  Input: ({ source, label, field }) => <BooleanInput source={source} label={label} helperText={false} defaultValue={field.default ?? false} />,
  filters: ({ field, label }) => (field.filters.includes('eq') ? [<NullableBooleanInput key={field.name} source={field.name} label={label} />] : []),
  importCell: (_field, text) => {
    const value = parseBooleanText(text);
    return value === null ? { error: { key: 'kontor.import.bad_boolean' } } : { value };
  },
  formatValue: (value) => (value === true ? '✓' : '✗'),
};
