import { DateField, DateTimeInput, useLocaleState } from 'react-admin';
import { intlLocale } from '../meta/useLocalized.ts';
import { parseDateTimeText } from './cellValues.ts';
import { dayRangeFilters } from './date.tsx';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';

function DateTimeDisplay({ source, label }: FieldComponentProps) {
  const [locale] = useLocaleState();
  return (
    <DateField
      source={source}
      label={label}
      showTime
      locales={intlLocale(locale)}
      options={{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }}
      emptyText="–"
      sx={{ whiteSpace: 'nowrap' }}
    />
  );
}

/** The end of a local day as an instant: "to 31.03." includes everything that happened on the 31st. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

export const datetimeField: FieldKind = {
  Display: DateTimeDisplay,
  Input: ({ field, source, label }) => <DateTimeInput source={source} label={label} validate={fieldValidators(field)} parse={(value: string) => (value ? new Date(value).toISOString() : null)} />,
  filters: (context) => dayRangeFilters(context, endOfDay),
  importCell: (_field, text) => {
    const value = parseDateTimeText(text);
    return value === null ? { error: { key: 'kontor.import.bad_datetime' } } : { value };
  },
  formatValue: (value, _field, _locale, intl) => new Date(String(value)).toLocaleString(intl),
};
