import type { FieldMeta } from '../meta/types.ts';
import type { Cell } from './Cell.ts';
import { parseNumberText, stripCurrency } from './cellValues.ts';

/** The largest value of the server's integer column. */
const MAX_INTEGER = 2_147_483_647;

/**
 * An integer, decimal or money cell → an exact decimal string (an integer as a number), in German or English
 * notation; a currency sign or code, and a decimal's `unit`, around the number are dropped.
 */
export function numberCell(field: FieldMeta, text: string): Cell {
  const integer = field.type === 'integer';
  const unit = typeof field.options.unit === 'string' ? field.options.unit : undefined;
  const number = parseNumberText(field.type === 'money' || unit ? stripCurrency(text, unit) : text, integer);
  if (number === null) return { error: { key: integer ? 'kontor.validation.integer' : 'kontor.validation.number' } };
  if (!integer) return { value: number };
  const [whole = '', fraction = ''] = number.split('.');
  if (/[1-9]/.test(fraction)) return { error: { key: 'kontor.validation.integer' } };
  const value = Number(whole);
  return Math.abs(value) > MAX_INTEGER ? { error: { key: 'kontor.validation.too_large' } } : { value };
}
