import { describe, expect, it } from 'vitest';
import { changeValue } from '../../admin/src/audit/changeValue.ts';
import type { Problem, TitleLookup } from '../../admin/src/fields/Cell.ts';
import { kontorEnglish, kontorGerman } from '../../admin/src/i18n/kontorMessages.ts';
import type { FieldMeta } from '../../admin/src/meta/types.ts';
import { convertCell } from '../../admin/src/transfer/convertRow.ts';

/**
 * The shipped plugin types (weight, iban) in the features that ask a field's kind: the CSV import reads their
 * cells (FieldKind.importCell), the audit trail shows their values (FieldKind.formatValue).
 */

const field = (name: string, type: string, options: Record<string, unknown> = {}): FieldMeta => ({
  name,
  type,
  label: { en: name, de: name },
  help: null,
  required: false,
  readonly: false,
  unique: false,
  default: null,
  sortable: true,
  filters: [],
  options,
  readable: true,
  writable: true,
});

const net = field('net', 'weight', { unit: 't', precision: 14, scale: 3 });
const scaleKg = field('scale_kg', 'weight', { unit: 'kg', precision: 14, scale: 0 });
const iban = field('iban', 'iban');
const ibanDach = field('iban', 'iban', { countries: ['DE', 'AT', 'CH'] });

const lookup: TitleLookup = (_field, title) => ({ key: 'kontor.import.not_found', args: { value: title } });
const german = { locale: 'de', lookup };
const english = { locale: 'en', lookup };

/** A message key resolves to a text in English and German. */
function translated(problem: Problem): boolean {
  const find = (messages: unknown) => problem.key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof find(kontorEnglish) === 'string' && typeof find(kontorGerman) === 'string';
}

describe('importing weight cells', () => {
  it('reads German and English numbers, bare in the field\'s unit or with kg or t, converted exactly', () => {
    expect(convertCell(net, '24,5', german)).toEqual({ value: '24.5' });
    expect(convertCell(net, ' 24,5 t ', german)).toEqual({ value: '24.5' });
    expect(convertCell(net, '24.500 kg', german)).toEqual({ value: '24.500' });
    expect(convertCell(net, '24500kg', german)).toEqual({ value: '24.500' });
    expect(convertCell(net, '1.234.567 KG', german)).toEqual({ value: '1234.567' });
    expect(convertCell(net, '24.5', english)).toEqual({ value: '24.5' });
    expect(convertCell(net, '24,500 kg', english)).toEqual({ value: '24.500' });
    expect(convertCell(net, '-0,5 t', german)).toEqual({ value: '-0.5' });
    expect(convertCell(scaleKg, '24,5 t', german)).toEqual({ value: '24500' });
  });

  it('reads a bare number as the export writes it, whatever the language', () => {
    expect(convertCell(net, '24.500', german)).toEqual({ value: '24.500' });
    expect(convertCell(net, '24.500', english)).toEqual({ value: '24.500' });
    expect(convertCell(scaleKg, '24500', english)).toEqual({ value: '24500' });
  });

  it('reads a lone group of three digits as grouping where the field keeps whole units, as for integers', () => {
    expect(convertCell(scaleKg, '24.500', german)).toEqual({ value: '24500' });
    expect(convertCell(scaleKg, '24,500', english)).toEqual({ value: '24500' });
    expect(convertCell(scaleKg, '24,5', german)).toEqual({ error: { key: 'kontor.weight.too_precise', args: { scale: 0, unit: 'kg' } } });
  });

  it('reads a lone separator before three digits, with a unit, as the UI\'s language does', () => {
    expect(convertCell(net, '1.500 t', german)).toEqual({ value: '1500' });
    expect(convertCell(net, '1,500 t', german)).toEqual({ value: '1.500' });
    expect(convertCell(net, '1,500 t', english)).toEqual({ value: '1500' });
    expect(convertCell(net, '1.500 t', english)).toEqual({ value: '1.500' });
  });

  it('refuses more decimals than the field keeps after the conversion, and what is not a weight', () => {
    const tooPrecise = { error: { key: 'kontor.weight.too_precise', args: { scale: 3, unit: 't' } } };
    expect(convertCell(net, '0,5 kg', german)).toEqual(tooPrecise);
    expect(convertCell(net, '24.500 kg', english)).toEqual(tooPrecise);
    expect(convertCell(net, '24,5000 t', german)).toEqual({ value: '24.500' });
    expect(convertCell(scaleKg, '0,0005 t', german)).toEqual({ error: { key: 'kontor.weight.too_precise', args: { scale: 0, unit: 'kg' } } });
    for (const text of ['viel', '24 lb', 'kg', '1.2.3 t']) expect(convertCell(net, text, german), text).toEqual({ error: { key: 'kontor.weight.not_a_weight', args: { unit: 't' } } });
    expect(translated({ key: 'kontor.weight.not_a_weight' })).toBe(true);
    expect(translated(tooPrecise.error)).toBe(true);
  });
});

describe('importing IBAN cells', () => {
  it('keeps a pasted IBAN compact and uppercase', () => {
    expect(convertCell(iban, ' de89 3704 0044 0532 0130 00 ', german)).toEqual({ value: 'DE89370400440532013000' });
    expect(convertCell(ibanDach, 'DE89 3704 0044 0532 0130 00', english)).toEqual({ value: 'DE89370400440532013000' });
  });

  it('flags a wrong check digit, a malformed IBAN and a country the field does not take, in the form\'s words', () => {
    const wrong = convertCell(iban, 'DE88 3704 0044 0532 0130 00', german);
    expect(wrong).toEqual({ error: { key: 'kontor.iban.checksum' } });
    expect(convertCell(iban, 'DE89 3704', german)).toEqual({ error: { key: 'kontor.iban.format' } });
    expect(convertCell(ibanDach, 'NL91 ABNA 0417 1643 00', german)).toEqual({ error: { key: 'kontor.iban.country', args: { countries: 'DE, AT, CH' } } });
    for (const key of ['checksum', 'format', 'country']) expect(translated({ key: `kontor.iban.${key}` }), key).toBe(true);
  });
});

describe('audit values of plugin types', () => {
  it('shows a weight localized, with the field\'s decimals and unit', () => {
    expect(changeValue('24.5', net, 'de', 'de-DE')).toBe('24,500 t');
    expect(changeValue('24.500', net, 'en', 'en-GB')).toBe('24.500 t');
    expect(changeValue('24500', scaleKg, 'de', 'de-DE')).toBe('24.500 kg');
    expect(changeValue(['24.5', '25'], net, 'de', 'de-DE')).toBe('24,500 t, 25,000 t');
    expect(changeValue(null, net, 'de', 'de-DE')).toBe('–');
  });

  it('shows an IBAN in groups of four', () => {
    expect(changeValue('DE89370400440532013000', iban, 'de', 'de-DE')).toBe('DE89 3704 0044 0532 0130 00');
    expect(changeValue('NL91ABNA0417164300', iban, 'en', 'en-GB')).toBe('NL91 ABNA 0417 1643 00');
  });

  it('shows built-in types as before: labels, numbers with their scale, yes/no, days, references', () => {
    const kind = field('kind', 'enum', { values: [{ value: 'supplier', label: { en: 'Supplier', de: 'Lieferant' } }, 'other'] });
    expect(changeValue('supplier', kind, 'de', 'de-DE')).toBe('Lieferant');
    expect(changeValue('other', kind, 'de', 'de-DE')).toBe('other');
    expect(changeValue('1234.5', field('amount', 'money', { scale: 2 }), 'de', 'de-DE')).toBe('1.234,50');
    expect(changeValue('0.125', field('ratio', 'decimal'), 'en', 'en-GB')).toBe('0.125');
    expect(changeValue(true, field('active', 'boolean'), 'de', 'de-DE')).toBe('✓');
    expect(changeValue('2026-03-31', field('since', 'date'), 'de', 'de-DE')).toBe('31.3.2026');
    expect(changeValue(7, field('partner', 'reference'), 'de', 'de-DE')).toBe('#7');
    expect(changeValue([7, 8], field('commodities', 'many'), 'de', 'de-DE')).toBe('7, 8');
    expect(changeValue('x', field('code', 'not_a_type'), 'de', 'de-DE')).toBe('x');
    expect(changeValue({ a: 1 }, field('raw', 'json'), 'de', 'de-DE')).toBe('{"a":1}');
  });
});
