import { BooleanField, BooleanInput, NullableBooleanInput } from 'react-admin';
import type { FieldKind } from './FieldKind.ts';

export const booleanField: FieldKind = {
  Display: ({ source, label }) => <BooleanField source={source} label={label} looseValue />,
  Input: ({ source, label, field }) => <BooleanInput source={source} label={label} helperText={false} defaultValue={field.default ?? false} />,
  filters: ({ field, label }) => (field.filters.includes('eq') ? [<NullableBooleanInput key={field.name} source={field.name} label={label} />] : []),
};
