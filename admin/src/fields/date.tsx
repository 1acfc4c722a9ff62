import { DateField, DateInput, useLocaleState } from 'react-admin';
import { intlLocale } from '../meta/useLocalized.ts';
import { parseDateText } from './cellValues.ts';
import type { FieldComponentProps, FieldKind, FilterContext } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';

function DateDisplay({ source, label }: FieldComponentProps) {
  const [locale] = useLocaleState();
  return <DateField source={source} label={label} locales={intlLocale(locale)} options={{ year: 'numeric', month: '2-digit', day: '2-digit' }} emptyText="–" sx={{ whiteSpace: 'nowrap' }} />;
}

function limits(field: FieldComponentProps['field']) {
  const o = field.options as { min?: string | null; max?: string | null };
  const validators = fieldValidators(field);
  // The server's limits are days (or "today"); the browser's picker shows them too.
  const bound = (value: string | null | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  return { validators, min: bound(o.min), max: bound(o.max) };
}

/** "from" and "to" day filters; `toParse` turns the chosen day into the value the server compares with. */
export function dayRangeFilters({ field, label, translate }: FilterContext, toParse?: (day: string) => string) {
  if (!field.filters.includes('gte')) return [];
  return [
    <DateInput key={`${field.name}_gte`} source={`${field.name}_gte`} label={`${label} ${translate('kontor.filter.from')}`} />,
    <DateInput key={`${field.name}_lte`} source={`${field.name}_lte`} label={`${label} ${translate('kontor.filter.to')}`} {...(toParse ? { parse: (day: string) => (day ? toParse(day) : day) } : {})} />,
  ];
}

export const dateField: FieldKind = {
  Display: DateDisplay,
  Input: ({ field, source, label }) => {
    const { validators, min, max } = limits(field);
    return <DateInput source={source} label={label} validate={validators} slotProps={{ htmlInput: { min, max } }} />;
  },
  filters: (context) => dayRangeFilters(context),
  importCell: (_field, text) => {
    const value = parseDateText(text);
    return value === null ? { error: { key: 'kontor.import.bad_date' } } : { value };
  },
  formatValue: (value, _field, _locale, intl) => new Date(`${String(value)}T00:00:00`).toLocaleDateString(intl),
};
