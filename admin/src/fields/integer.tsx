import { NumberField, useLocaleState } from 'react-admin';
import { intlLocale } from '../meta/useLocalized.ts';
import { DecimalInput } from './DecimalInput.tsx';
import { rangeFilters } from './decimal.tsx';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { numberCell } from './numberCell.ts';
import { formatFieldNumber } from './numberFormat.ts';

function IntegerDisplay({ source, label }: FieldComponentProps) {
  const [locale] = useLocaleState();
  return <NumberField source={source} label={label} locales={intlLocale(locale)} emptyText="–" sx={{ fontVariantNumeric: 'tabular-nums' }} />;
}

export const integerField: FieldKind = {
  Display: IntegerDisplay,
  Input: ({ field, source, label }) => <DecimalInput field={field} source={source} label={label} integer />,
  filters: (context) => rangeFilters(context, true),
  align: 'right',
  importCell: numberCell,
  formatValue: (value, field, _locale, intl) => formatFieldNumber(value, field, intl),
};
