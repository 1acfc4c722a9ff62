import { Typography } from '@mui/material';
import { useFieldValue, useLocaleState, useRecordContext } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { intlLocale } from '../meta/useLocalized.ts';
import { DecimalInput } from './DecimalInput.tsx';
import { rangeFilters } from './decimal.tsx';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { formatFieldNumber, formatNumber } from './numberFormat.ts';
import { numberCell } from './numberCell.ts';

interface MoneyOptions {
  currency?: string | null;
  currencyField?: string | null;
  scale?: number;
}

/** A fixed currency (`currency: EUR`) or the one another field of the record names (`currency: currency`). */
function currencyOf(options: MoneyOptions, record: Record<string, unknown> | undefined): string | null {
  if (options.currency) return options.currency;
  const value = options.currencyField ? record?.[options.currencyField] : null;
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : null;
}

function MoneyDisplay({ field, source }: FieldComponentProps) {
  const value = useFieldValue({ source });
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const options = field.options as MoneyOptions;
  const currency = currencyOf(options, record);
  const scale = options.scale ?? 2;
  const text = currency
    ? formatNumber(value, intlLocale(locale), { style: 'currency', currency, minimumFractionDigits: scale, maximumFractionDigits: scale })
    : formatNumber(value, intlLocale(locale), { minimumFractionDigits: scale, maximumFractionDigits: scale });
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {text === '' ? '–' : text}
    </Typography>
  );
}

function MoneyInput({ field, source, label }: FieldComponentProps) {
  const options = field.options as MoneyOptions;
  const watched = useWatch({ name: options.currencyField ?? '__none__' }) as unknown;
  const currency = options.currency ?? (typeof watched === 'string' ? watched : null);
  return <DecimalInput field={field} source={source} label={label} adornment={currency ?? undefined} />;
}

export const moneyField: FieldKind = {
  Display: MoneyDisplay,
  Input: MoneyInput,
  filters: (context) => rangeFilters(context),
  align: 'right',
  importCell: numberCell,
  // The currency is not in an audit entry's value (it may be another field's), so none is shown.
  formatValue: (value, field, _locale, intl) => formatFieldNumber(value, field, intl),
};
