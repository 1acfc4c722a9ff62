import { TextField } from 'react-admin';
import type { FieldKind } from './FieldKind.ts';
import { textFilters } from './textFilters.tsx';

/** Assigned by the server when the record is created (e.g. K-2026-0042): shown, never entered. */
export const autonumberField: FieldKind = {
  Display: ({ source, label }) => <TextField source={source} label={label} sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} />,
  Input: null,
  filters: textFilters,
};
