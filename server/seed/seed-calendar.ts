import { localDate } from '../operations/prepare-input.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MS_PER_DAY = 86_400_000;

/** The days a recipe counts from: `today` (where the command runs, unless fixed) and offsets from it. */
export interface SeedCalendar {
  readonly today: string;
  day(offset: number): string;
  at(offset: number, time: string): string;
}

export function seedCalendar(today = localDate(new Date())): SeedCalendar {
  if (!DAY.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) throw new Error(`not a day: "${today}" (YYYY-MM-DD)`);
  const base = Date.parse(`${today}T00:00:00Z`);
  const day = (offset: number) => new Date(base + Math.round(offset) * MS_PER_DAY).toISOString().slice(0, 10);
  return {
    today,
    day,
    at(offset, time) {
      if (!TIME.test(time)) throw new Error(`not a time of day: "${time}" (HH:MM)`);
      return `${day(offset)}T${time}:00.000Z`;
    },
  };
}
