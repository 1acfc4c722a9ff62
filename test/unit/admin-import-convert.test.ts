import { describe, expect, it } from 'vitest';
import { parseBooleanText, parseDateText, parseDateTimeText, parseNumberText, splitList, stripCurrency, unguardText } from '../../admin/src/transfer/cellValues.ts';
import { convertRow, titlesToLookUp, type TitleLookup } from '../../admin/src/transfer/convertRow.ts';
import { duplicateFields, guessMapping, importableFields, unmappedRequired } from '../../admin/src/transfer/mapColumns.ts';
import { decodeCsv, parseCsvText } from '../../admin/src/transfer/parseCsv.ts';
import { lineOf, rowMessages } from '../../admin/src/transfer/rowReports.ts';
import type { EntityMeta, FieldMeta } from '../../admin/src/meta/types.ts';

/** The CSV import's pure parts (admin/src/transfer): reading the file, assigning columns, converting cells. */

const field = (name: string, type: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  name,
  type,
  label: { en: name[0]!.toUpperCase() + name.slice(1), de: `${name} (de)` },
  help: null,
  required: false,
  readonly: false,
  unique: false,
  default: null,
  sortable: true,
  filters: [],
  options: {},
  readable: true,
  writable: true,
  ...extra,
});

const partnerFields = [
  field('name', 'string', { required: true, label: { en: 'Name', de: 'Name' } }),
  field('vat_id', 'string', { label: { en: 'VAT ID', de: 'USt-IdNr.' } }),
  field('kind', 'enum', {
    required: true,
    default: 'customer',
    label: { en: 'Kind', de: 'Art' },
    options: { values: [{ value: 'customer', label: { en: 'Customer', de: 'Kunde' } }, { value: 'supplier', label: { en: 'Supplier', de: 'Lieferant' } }] },
  }),
  field('credit_limit', 'money', { label: { en: 'Credit limit', de: 'Kreditlimit' }, options: { currency: 'EUR', scale: 2 } }),
  field('active', 'boolean', { required: true, default: true, label: { en: 'Active', de: 'Aktiv' } }),
  field('commodities', 'many', { label: { en: 'Traded commodities', de: 'Gehandelte Waren' }, options: { to: 'commodity' } }),
  field('since', 'date'),
  field('count', 'integer'),
  field('raw', 'json'),
];
const byName = new Map(partnerFields.map((f) => [f.name, f]));
const lookup: TitleLookup = (_field, title) => (title === 'Weizen' ? 7 : title === 'Gerste' ? 8 : { key: 'kontor.import.not_found', args: { value: title } });

describe('reading the file', () => {
  it('detects ; or , from the header line, drops the BOM and empty lines, keeps quoted separators and line breaks', () => {
    const table = parseCsvText('\uFEFFName;Kreditlimit;Notizen\r\nA;1.234,56;"x;y"\r\n\r\n;;\r\nB;2,5;"zwei\nZeilen"\r\n');
    expect(table).toEqual({ headers: ['Name', 'Kreditlimit', 'Notizen'], rows: [['A', '1.234,56', 'x;y'], ['B', '2,5', 'zwei\nZeilen']], delimiter: ';' });
    expect(parseCsvText('name,"a;b"\nx,"1,5"\n')).toEqual({ headers: ['name', 'a;b'], rows: [['x', '1,5']], delimiter: ',' });
  });

  it('refuses an unclosed quote and a file without a header', () => {
    expect(() => parseCsvText('a;b\n"x;y\n')).toThrow(expect.objectContaining({ key: 'kontor.import.unclosed_quote' }));
    expect(() => parseCsvText('\n\n')).toThrow(expect.objectContaining({ key: 'kontor.import.no_header' }));
  });

  it('reads UTF-8 (with or without BOM) and falls back to Windows-1252 for what Excel saves', () => {
    expect(decodeCsv(new TextEncoder().encode('\uFEFFMüller').buffer as ArrayBuffer)).toBe('Müller');
    expect(decodeCsv(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]).buffer)).toBe('Müller');
  });
});

describe('assigning columns', () => {
  it('matches headers to field names and labels in any language, case-insensitively, each field once', () => {
    expect(guessMapping(['NAME', 'ust-idnr.', 'Art', 'Credit limit', 'name', 'unbekannt', ''], partnerFields)).toEqual(['name', 'vat_id', 'kind', 'credit_limit', null, null, null]);
  });

  it('flags required fields without a default that no column sets, and fields set twice', () => {
    expect(unmappedRequired(['vat_id', null], partnerFields).map((f) => f.name)).toEqual(['name']);
    expect(unmappedRequired(['name'], partnerFields)).toEqual([]);
    expect([...duplicateFields(['name', 'kind', 'name', null])]).toEqual(['name']);
  });

  it('offers only writable fields that can be entered', () => {
    const entity = { fields: [...partnerFields, field('number', 'autonumber'), field('total', 'computed'), field('lines', 'children'), field('secret', 'string', { writable: false })] } as EntityMeta;
    expect(importableFields(entity).map((f) => f.name)).toEqual(partnerFields.map((f) => f.name));
  });
});

describe('converting cells', () => {
  it('reads German and English numbers exactly', () => {
    const cases: Array<[string, string | null]> = [
      ['1234.56', '1234.56'], ['1234,56', '1234.56'], ['1.234,56', '1234.56'], ['1,234.56', '1234.56'], ['1.234.567', '1234567'],
      ['1.234', '1.234'], ['-0,5', '-0.5'], ['+5', '5'], ['007', '7'], ['1 234,5', '1234.5'], ['abc', null], ['1.2.3', null],
    ];
    for (const [text, wire] of cases) expect(parseNumberText(text), text).toBe(wire);
    expect(parseNumberText('1.234', true)).toBe('1234');
    expect(stripCurrency('1.234,56 €')).toBe('1.234,56');
    expect(stripCurrency('EUR 10')).toBe('10');
  });

  it('reads days, instants, booleans, lists and guarded text', () => {
    expect(['2026-03-31', '31.03.2026', '1.3.2026', '31.02.2026', '03/31/2026'].map(parseDateText)).toEqual(['2026-03-31', '2026-03-31', '2026-03-01', null, null]);
    expect(parseDateTimeText('2026-01-03T04:05:06.000Z')).toBe('2026-01-03T04:05:06.000Z');
    expect(parseDateTimeText('31.03.2026 14:30')).toBe(new Date(2026, 2, 31, 14, 30).toISOString());
    expect(['true', 'Ja', 'yes', '1', 'false', 'NEIN', 'no', '0', 'vielleicht'].map(parseBooleanText)).toEqual([true, true, true, true, false, false, false, false, null]);
    expect(splitList('Weizen; Gerste')).toEqual(['Weizen', 'Gerste']);
    expect(splitList('1, 2')).toEqual(['1', '2']);
    expect(unguardText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardText("'tis")).toBe("'tis");
  });

  it('turns a row into a create body: types converted, empty cells left out, bad cells reported by field', () => {
    const mapping = ['name', 'kind', 'credit_limit', 'active', 'commodities', 'since', 'count', 'raw', null];
    const context = { locale: 'de', lookup };
    expect(convertRow(['Müller', 'Lieferant', '1.234,56 €', 'ja', 'Weizen;2', '31.03.2026', '1.000', '{"a":1}', 'egal'], mapping, byName, context)).toEqual({
      data: { name: 'Müller', kind: 'supplier', credit_limit: '1234.56', active: true, commodities: [7, 2], since: '2026-03-31', count: 1000, raw: { a: 1 } },
      errors: {},
    });
    expect(convertRow(['Schmidt', '', '', '', '', '', '', '', ''], mapping, byName, context)).toEqual({ data: { name: 'Schmidt' }, errors: {} });
    const bad = convertRow(['X', 'Händler', 'viel', 'vielleicht', 'Roggen', '2026-13-01', '1,5', '{', 'a', 'zu viel'], mapping, byName, context);
    expect(bad.data).toEqual({ name: 'X' });
    expect(bad.errors).toEqual({
      _: { key: 'kontor.import.too_many_cells', args: { count: 10, header: 9 } },
      kind: { key: 'kontor.import.bad_enum', args: { value: 'Händler', values: 'Kunde, Lieferant' } },
      credit_limit: { key: 'kontor.validation.number' },
      active: { key: 'kontor.import.bad_boolean' },
      commodities: { key: 'kontor.import.not_found', args: { value: 'Roggen' } },
      since: { key: 'kontor.import.bad_date' },
      count: { key: 'kontor.validation.integer' },
      raw: { key: 'kontor.validation.json' },
    });
  });

  it('collects the titles of reference cells that are not ids, once each', () => {
    const titles = titlesToLookUp([['Weizen; 3'], ['Gerste;Weizen'], ['']], ['commodities'], byName);
    expect(titles).toEqual(new Map([['commodities', new Set(['Weizen', 'Gerste'])]]));
  });
});

describe('row messages', () => {
  it('numbers rows as the file does, and prefers the client\'s view of a cell to the server\'s', () => {
    expect(lineOf(0)).toBe(2);
    const server = { row: 0, code: 'KONTOR_HTTP_VALIDATION', message: 'm', errors: { kind: 'is required', vat_id: 'must match pattern "x"' } };
    expect(rowMessages({ kind: { key: 'kontor.import.bad_enum' } }, server)).toEqual([
      { field: 'kind', problem: { key: 'kontor.import.bad_enum' } },
      { field: 'vat_id', problem: 'must match pattern "x"' },
    ]);
    expect(rowMessages(undefined, { row: 1, code: 'KONTOR_HTTP_INVALID_REFERENCE', message: 'gone', errors: {} })).toEqual([{ field: null, problem: 'gone' }]);
    expect(rowMessages({}, undefined)).toEqual([]);
  });
});
