/**
 * One CSV cell → the wire value of a field type, accepting how people write values in German and English
 * spreadsheets as well as what Kontor's own CSV export writes. Pure functions; `null` means "not readable".
 */

const SPACES = /[\s\u00a0\u202f']/g;

/**
 * A number as an exact decimal string ("1234.56"), from "1234.56", "1234,56", "1.234,56", "1,234.56",
 * "1.234.567", "+5", "-0,5". A lone separator is the decimal one, whichever it is ("1.234" is 1.234, as the
 * export writes it; "1,5" is 1.5). With `integer`, a lone group of three digits is grouping instead:
 * "1.234" and "1,234" are 1234, since a whole number has no decimals to confuse them with.
 */
export function parseNumberText(text: string, integer = false): string | null {
  let s = text.replace(SPACES, '');
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? '-' : '';
    s = s.slice(1);
  }
  let whole: string;
  let fraction: string;
  if (/^\d+$/.test(s)) [whole, fraction] = [s, ''];
  else if (integer && /^\d{1,3}([.,])\d{3}$/.test(s)) [whole, fraction] = [s.replace(/[.,]/, ''), ''];
  else if (/^\d*\.\d+$/.test(s)) [whole = '', fraction = ''] = s.split('.');
  else if (/^\d*,\d+$/.test(s)) [whole = '', fraction = ''] = s.split(',');
  else if (/^\d{1,3}(\.\d{3})+(,\d*)?$/.test(s)) [whole = '', fraction = ''] = s.replaceAll('.', '').split(',');
  else if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) [whole = '', fraction = ''] = s.replaceAll(',', '').split('.');
  else return null;
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  if (/^0*$/.test(whole + fraction)) sign = '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Currency signs and codes around an amount ("1.234,56 €", "EUR 10") are not part of the number. */
export function stripCurrency(text: string, unit?: string): string {
  let s = text.trim().replace(/^([€$£]|[A-Z]{3}\s)\s*/, '').replace(/\s*([€$£]|\s[A-Z]{3})$/, '');
  if (unit && s.endsWith(unit)) s = s.slice(0, -unit.length).trim();
  return s.trim();
}

const TRUE = new Set(['true', 'ja', 'yes', '1', 'wahr', 'j', 'y']);
const FALSE = new Set(['false', 'nein', 'no', '0', 'falsch', 'n']);

export function parseBooleanText(text: string): boolean | null {
  const s = text.trim().toLocaleLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The parts of "2026-03-31" or "31.03.2026" (also "1.3.2026"). */
function dayParts(text: string): [number, number, number] | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const parts: [number, number, number] | null = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : german ? [Number(german[3]), Number(german[2]), Number(german[1])] : null;
  return parts && validDay(...parts) ? parts : null;
}

/** A day as YYYY-MM-DD, from YYYY-MM-DD or DD.MM.YYYY. */
export function parseDateText(text: string): string | null {
  const parts = dayParts(text.trim());
  return parts ? `${pad(parts[0], 4)}-${pad(parts[1])}-${pad(parts[2])}` : null;
}

/**
 * An instant as ISO 8601 UTC. With a zone ("2026-03-31T14:30:00Z", "+02:00") it is that instant; without one
 * ("2026-03-31 14:30", "31.03.2026 14:30:15", or a day alone) it is the user's local time, as the date-time
 * input reads it.
 */
export function parseDateTimeText(text: string): string | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const time = Date.parse(s);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  const match = /^(\S+?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const day = match?.[1] ? dayParts(match[1]) : null;
  if (!match || !day) return null;
  const [hours, minutes, seconds] = [Number(match[2] ?? 0), Number(match[3] ?? 0), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return new Date(day[0], day[1] - 1, day[2], hours, minutes, seconds).toISOString();
}

/** The export puts a `'` before text a spreadsheet would run as a formula; reading it back takes it off. */
export function unguardText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** The cells of a `many` column: ids or titles separated by `;` (as the export writes them), or ids by `,`. */
export function splitList(text: string): string[] {
  const parts = /^\s*\d+(\s*,\s*\d+)+\s*$/.test(text) ? text.split(',') : text.split(';');
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A reference written as the record's id. */
export function parseId(text: string): number | null {
  const s = text.trim().replace(/^#/, '');
  if (!/^\d+$/.test(s)) return null;
  const id = Number(s);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
