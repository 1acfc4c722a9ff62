import { useFieldValue, useLocaleState } from 'react-admin';
import { Typography } from '@mui/material';
import { intlLocale } from '../meta/useLocalized.ts';
import { DecimalInput } from './DecimalInput.tsx';
import type { FieldComponentProps, FieldKind, FilterContext } from './FieldKind.ts';
import { formatFieldNumber, formatNumber } from './numberFormat.ts';
import { numberCell } from './numberCell.ts';

function DecimalDisplay({ field, source }: FieldComponentProps) {
  const value = useFieldValue({ source });
  const [locale] = useLocaleState();
  const scale = typeof field.options.scale === 'number' ? field.options.scale : undefined;
  const unit = typeof field.options.unit === 'string' ? field.options.unit : '';
  const text = formatNumber(value, intlLocale(locale), { minimumFractionDigits: scale, maximumFractionDigits: scale ?? 20 });
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {text === '' ? '–' : unit ? `${text} ${unit}` : text}
    </Typography>
  );
}

/** "from" and "to" filters (`quantity_gte`, `quantity_lte`) for ordered numbers. */
export function rangeFilters({ field, label, translate }: FilterContext, integer = false) {
  if (!field.filters.includes('gte')) return [];
  return [
    <DecimalInput key={`${field.name}_gte`} field={field} source={`${field.name}_gte`} label={`${label} ${translate('kontor.filter.from')}`} validate={false} integer={integer} fullWidth={false} />,
    <DecimalInput key={`${field.name}_lte`} field={field} source={`${field.name}_lte`} label={`${label} ${translate('kontor.filter.to')}`} validate={false} integer={integer} fullWidth={false} />,
  ];
}

export const decimalField: FieldKind = {
  Display: DecimalDisplay,
  Input: ({ field, source, label }) => <DecimalInput field={field} source={source} label={label} adornment={typeof field.options.unit === 'string' ? field.options.unit : undefined} />,
  filters: (context) => rangeFilters(context),
  align: 'right',
  importCell: numberCell,
  formatValue: (value, field, _locale, intl) => formatFieldNumber(value, field, intl),
};
