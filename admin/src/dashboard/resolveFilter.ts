/**
 * A day counted from today, as departments.yaml may write it in a dashboard filter: `today`, `today+7d`,
 * `today-30d` (the server checked the form and that the field holds days when it loaded the file).
 */
const RELATIVE_DAY = /^today(?:([+-])([0-9]{1,4})d)?$/;

/** The local calendar day a relative day stands for, as `YYYY-MM-DD`; null for any other value. */
export function resolveDay(value: string, now: Date): string | null {
  const match = RELATIVE_DAY.exec(value);
  if (!match) return null;
  const days = match[1] === undefined ? 0 : Number(match[2]) * (match[1] === '-' ? -1 : 1);
  // Noon keeps the arithmetic clear of daylight-saving gaps at midnight; the day is what counts.
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12);
  return `${String(day.getFullYear()).padStart(4, '0')}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/**
 * A dashboard filter as the list API takes it: every relative day (also inside a list of values) replaced by
 * the day it stands for in the browser's time zone, `$user` by the id of the user looking, everything else as
 * written. The input is not changed.
 */
export function resolveFilter(filter: Readonly<Record<string, unknown>>, now: Date = new Date(), userId: number | null = null): Record<string, unknown> {
  const resolve = (value: unknown): unknown => (value === '$user' ? userId : typeof value === 'string' ? (resolveDay(value, now) ?? value) : value);
  return Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, Array.isArray(value) ? value.map(resolve) : resolve(value)]));
}

const pad = (n: number) => String(n).padStart(2, '0');
