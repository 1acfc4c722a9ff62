import { formatNumber } from '../fields/numberFormat.ts';

/** A wire decimal ("1250.500") in the locale's digits, at its own scale, with the unit: "1,250.500 t", German "1.250,500 t". */
export function formatQuantity(value: string | null | undefined, locale: string, unit: string | null): string {
  if (value === null || value === undefined || value === '') return '–';
  const scale = value.includes('.') ? (value.split('.')[1] ?? '').length : 0;
  const text = formatNumber(value, locale, { minimumFractionDigits: scale, maximumFractionDigits: scale });
  return unit ? `${text} ${unit}` : text;
}

/** A calendar day (`2026-03-04`) in the locale's form, without a time zone shifting it. */
export function formatDay(value: string | null | undefined, locale: string): string {
  if (!value) return '–';
  const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(day);
}

/** A point in time in the user's time zone and the locale's form; a day stays a day. */
export function formatMoment(value: string | null | undefined, locale: string): string {
  if (!value) return '–';
  if (value.length <= 10) return formatDay(value, locale);
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(moment);
}
