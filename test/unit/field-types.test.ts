import { describe, expect, it } from 'vitest';
import { parseAutonumberPattern } from '../../generators/fields/autonumber.ts';
import type { Field, FieldDefinition, FieldType } from '../../generators/fields/field-type.ts';
import { builtinFieldTypes, FieldRegistry } from '../../generators/fields/registry.ts';
import { createAjv } from '../../generators/model/create-ajv.ts';

/** The field types the specification promises, no more and no fewer. */
const SPEC_TYPES = ['string', 'text', 'integer', 'decimal', 'money', 'boolean', 'date', 'datetime', 'enum', 'email', 'url', 'json', 'reference', 'children', 'many', 'autonumber', 'computed'];

const ajv = createAjv();
const registry = new FieldRegistry();
const typeNamed = (name: string) => registry.of({ type: name });

/** The schema a field definition is checked against, built as check-entity-definition builds it. */
function optionsValidator(type: FieldType) {
  return ajv.compile({
    type: 'object',
    properties: { type: { const: type.name }, ...type.options },
    required: ['type', ...(type.requiredOptions ?? [])],
    additionalProperties: false,
  });
}

function optionErrors(type: FieldType, definition: unknown) {
  const validate = optionsValidator(type);
  return validate(definition) ? [] : (validate.errors ?? []);
}

const exampleOf = (type: FieldType) => Object.values(type.example)[0] as Record<string, unknown>;

/** The least each type needs: its required options, nothing else. */
const minimal: Record<string, Record<string, unknown>> = {
  string: {},
  text: {},
  integer: {},
  decimal: {},
  money: {},
  boolean: {},
  date: {},
  datetime: {},
  enum: { values: ['draft', 'sent'] },
  email: {},
  url: {},
  json: {},
  reference: { to: 'partner' },
  children: { entity: 'delivery', via: 'contract' },
  many: { to: 'commodity' },
  autonumber: { pattern: 'K-{YYYY}-{0000}' },
  computed: { sum: 'deliveries.net_weight' },
};

/** One option per type set to a value of the wrong kind. */
const wronglyTyped: Record<string, [option: string, value: unknown]> = {
  string: ['maxLength', '80'],
  text: ['required', 'yes'],
  integer: ['min', 1.5],
  decimal: ['scale', 'two'],
  money: ['precision', '18'],
  boolean: ['default', 'no'],
  date: ['min', 20260101],
  datetime: ['readonly', 1],
  enum: ['values', 'draft, sent'],
  email: ['default', 42],
  url: ['unique', 'true'],
  json: ['schema', 'object'],
  reference: ['to', 42],
  children: ['via', ['contract']],
  many: ['to', true],
  autonumber: ['pattern', 1234],
  computed: ['scale', 'two'],
};

/** What `normalize` fills in for the minimal definition, on top of the common options. */
const normalizedDefaults: Record<string, Record<string, unknown>> = {
  string: { minLength: null, maxLength: 255, pattern: null },
  text: { minLength: null, maxLength: null, pattern: null },
  integer: { min: null, max: null, unit: null },
  decimal: { precision: 18, scale: 2, unit: null, min: null, max: null },
  money: { precision: 18, scale: 2, min: null, max: null, currency: 'EUR', currencyField: null },
  boolean: { required: true, default: false },
  date: { min: null, max: null },
  datetime: { min: null, max: null },
  enum: { values: [{ value: 'draft', label: { en: 'Draft', de: 'Draft' } }, { value: 'sent', label: { en: 'Sent', de: 'Sent' } }] },
  email: { maxLength: 254 },
  url: { maxLength: 2048 },
  json: { schema: null },
  reference: { to: 'partner', onDelete: 'restrict', index: true },
  children: { entity: 'delivery', via: 'contract' },
  many: { to: 'commodity' },
  autonumber: { pattern: 'K-{YYYY}-{0000}', digits: 4, reset: 'yearly', unique: true, readonly: true },
  computed: { aggregate: 'sum', over: 'deliveries', of: 'net_weight', function: false, returns: 'decimal', scale: null, readonly: true },
};

function normalized(name: string, options: Record<string, unknown> = {}, fieldName = 'credit_limit'): Field {
  const definition = { type: name, ...minimal[name], ...options } as unknown as FieldDefinition;
  return typeNamed(name).normalize(definition, fieldName);
}

describe('the field type registry', () => {
  it('holds exactly the 17 built-in types of the spec', () => {
    expect(registry.names().sort()).toEqual([...SPEC_TYPES].sort());
    expect(builtinFieldTypes.map((t) => t.name).sort()).toEqual([...SPEC_TYPES].sort());
  });

  it('refuses a type registered twice and a lookup of an unknown one', () => {
    expect(() => new FieldRegistry([...builtinFieldTypes, typeNamed('string')])).toThrow(/registered twice/);
    expect(registry.get('decimel')).toBeUndefined();
    expect(() => registry.of({ type: 'decimel' })).toThrow(/not registered/);
  });

  it('has test data for every type (a new type must add its rows here)', () => {
    for (const table of [minimal, wronglyTyped, normalizedDefaults]) expect(Object.keys(table).sort()).toEqual([...SPEC_TYPES].sort());
  });
});

describe.each(builtinFieldTypes.map((type) => [type.name, type] as const))('field type %s: options', (name, type) => {
  it('accepts its documented example', () => {
    expect(optionErrors(type, exampleOf(type))).toEqual([]);
  });

  it('accepts its minimal definition', () => {
    expect(optionErrors(type, { type: name, ...minimal[name] })).toEqual([]);
  });

  it('refuses a definition that lacks a required option', () => {
    const required = ['type', ...(type.requiredOptions ?? [])];
    for (const option of required) {
      const { [option]: _, ...rest } = { type: name, ...minimal[name] } as Record<string, unknown>;
      expect(optionErrors(type, rest)).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: option } }));
    }
  });

  it('refuses an unknown option', () => {
    expect(optionErrors(type, { ...exampleOf(type), colour: 'red' })).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'colour' } }),
    );
  });

  it('refuses a wrongly typed option', () => {
    const [option, value] = wronglyTyped[name] as [string, unknown];
    expect(type.options).toHaveProperty(option);
    const errors = optionErrors(type, { ...exampleOf(type), [option]: value });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.instancePath.startsWith(`/${option}`))).toBe(true);
  });

  it('refuses a type name of another type', () => {
    expect(optionErrors(type, { ...exampleOf(type), type: name === 'string' ? 'text' : 'string' })).toContainEqual(expect.objectContaining({ keyword: 'const' }));
  });

  it('normalizes the minimal definition with its defaults', () => {
    const field = normalized(name);
    expect(field).toMatchObject({ name: 'credit_limit', type: name, label: { en: 'Credit limit', de: 'Credit limit' }, help: null, ...normalizedDefaults[name] });
    const common = { required: false, unique: false, readonly: false, index: false, default: null };
    for (const [option, value] of Object.entries(common)) {
      if (!(option in (normalizedDefaults[name] as object))) expect(field[option as keyof Field], option).toEqual(value);
    }
  });
});

describe('field options beyond their kind', () => {
  const cases: Array<[type: string, options: Record<string, unknown>, valid: boolean]> = [
    ['string', { pattern: '^DE[0-9]{9}$' }, true],
    ['string', { pattern: '^DE([0-9]{9}$' }, false],
    ['string', { maxLength: 0 }, false],
    ['integer', { max: 2147483647 }, true],
    ['integer', { max: 2147483648 }, false],
    ['decimal', { min: '0.125', max: 100 }, true],
    ['decimal', { min: '1,5' }, false],
    ['decimal', { precision: 39 }, false],
    ['money', { currency: 'EUR' }, true],
    ['money', { currency: 'currency' }, true],
    ['money', { currency: 'Euro' }, false],
    ['date', { default: 'today' }, true],
    ['date', { default: 'tomorrow' }, false],
    ['date', { min: '2026-02-30' }, false],
    ['datetime', { default: 'now' }, true],
    ['datetime', { default: 'today' }, false],
    ['enum', { values: [] }, false],
    ['enum', { values: ['a b'] }, false],
    ['enum', { values: [{ value: 'paid', label: { de: 'Bezahlt' } }] }, true],
    ['enum', { values: [{ value: 'paid', text: 'Paid' }] }, false],
    ['url', { default: 'javascript:alert(1)' }, false],
    ['email', { default: 'not an address' }, false],
    ['json', { schema: { type: 'nope' } }, false],
    ['reference', { onDelete: 'set_null' }, true],
    ['reference', { onDelete: 'delete' }, false],
    ['reference', { to: 'Partner' }, false],
    ['computed', { compute: 'record.a + record.b' }, false],
    ['computed', { count: 'deliveries' }, true],
    ['autonumber', { pattern: 'K' }, false],
    ['boolean', { required: true }, false],
    ['children', { required: true }, false],
  ];
  it.each(cases)('%s %j → valid %s', (name, options, valid) => {
    expect(optionErrors(typeNamed(name), { type: name, ...minimal[name], ...options }).length === 0).toBe(valid);
  });
});

describe('normalize', () => {
  it('localizes labels and help', () => {
    expect(normalized('string', { label: 'Kunde', help: { de: 'Name laut Register' } })).toMatchObject({
      label: { en: 'Kunde', de: 'Kunde' },
      help: { en: 'Name laut Register', de: 'Name laut Register' },
    });
    expect(normalized('enum', { values: [{ value: 'paid', label: { en: 'Paid', de: 'Bezahlt' } }, 'open_item'] })).toMatchObject({
      values: [{ value: 'paid', label: { en: 'Paid', de: 'Bezahlt' } }, { value: 'open_item', label: { en: 'Open item', de: 'Open item' } }],
    });
  });

  it('keeps decimal limits and defaults as exact strings', () => {
    expect(normalized('decimal', { min: 0, max: '99.995', default: 2.5, scale: 3 })).toMatchObject({ min: '0', max: '99.995', default: '2.5', scale: 3 });
  });

  it('reads a money currency as an ISO code or as the field holding it', () => {
    expect(normalized('money', { currency: 'CHF' })).toMatchObject({ currency: 'CHF', currencyField: null });
    expect(normalized('money', { currency: 'currency' })).toMatchObject({ currency: null, currencyField: 'currency' });
  });

  it('reads the width and reset period of an autonumber pattern', () => {
    expect(parseAutonumberPattern('INV-{00000}')).toEqual({ digits: 5, reset: 'never' });
    expect(parseAutonumberPattern('{YY}{MM}-{000}')).toEqual({ digits: 3, reset: 'monthly' });
    expect(parseAutonumberPattern('RE-{YYYY}-{NNNN}')).toEqual({ error: expect.stringContaining('unknown placeholder "{NNNN}"') });
    expect(parseAutonumberPattern('A-{000}-{00}')).toEqual({ error: expect.stringContaining('found 2') });
    expect(parseAutonumberPattern('{MM}-{000}')).toEqual({ error: expect.stringContaining('without {YYYY}') });
    expect(parseAutonumberPattern('A-{000')).toEqual({ error: 'has an unmatched { or }' });
  });

  it('tells a computed aggregate from a function', () => {
    expect(normalized('computed', { sum: undefined, count: 'deliveries' })).toMatchObject({ aggregate: 'count', over: 'deliveries', of: null, returns: 'integer' });
    const compute = () => 1;
    expect(normalized('computed', { sum: undefined, compute, returns: 'decimal' })).toMatchObject({ aggregate: null, function: true, returns: 'decimal', scale: 2 });
  });

  it('asks a computed field for exactly one formula', () => {
    const problems = (definition: Record<string, unknown>) => {
      const found: string[] = [];
      typeNamed('computed').checkDefinition?.({ type: 'computed', ...definition } as unknown as FieldDefinition, (code, message) => found.push(`${code} ${message}`));
      return found;
    };
    expect(problems({ sum: 'lines.amount' })).toEqual([]);
    expect(problems({})).toEqual([expect.stringContaining('found none')]);
    expect(problems({ sum: 'lines.amount', count: 'lines' })).toEqual([expect.stringContaining('found sum, count')]);
    expect(problems({ compute: () => 1 })).toEqual([expect.stringContaining('needs `returns:`')]);
    expect(problems({ count: 'lines', returns: 'integer' })).toEqual([expect.stringContaining('belong to a compute function')]);
  });
});

describe('value schemas', () => {
  const cases: Array<[type: string, options: Record<string, unknown>, good: unknown[], bad: unknown[]]> = [
    ['string', {}, ['', 'Müller GmbH'], [42, null, 'x'.repeat(256)]],
    ['string', { required: true, maxLength: 11, pattern: '^DE[0-9]{9}$' }, ['DE123456789'], ['', 'DE12345678', 'de123456789']],
    ['text', {}, ['x'.repeat(10_000)], [1]],
    ['integer', {}, [-2147483648, 0, 2147483647], [2147483648, 1.5, '5', null]],
    ['integer', { min: 0, max: 3650 }, [0, 3650], [-1, 3651]],
    ['decimal', { scale: 2 }, ['12.34', 12.34, '-0.5', '0', 100, '12.340'], ['12.345', 12.345, 'abc', '1e3', '', true, null]],
    ['decimal', { precision: 5, scale: 2, min: 0, max: 100 }, ['0', '99.99', '100.00'], ['-0.01', '100.01', '1000']],
    ['money', {}, ['1234.56', 0], ['1.234', '12,50']],
    ['money', { scale: 0, min: '1' }, ['1', 250], ['0', '1.5']],
    ['boolean', {}, [true, false], ['true', 1, null]],
    ['date', {}, ['2026-02-28', '2024-02-29'], ['2026-02-30', '2025-02-29', '31.03.2026', '2026-03-31T00:00:00Z', 20260331]],
    ['date', { min: '2000-01-01', max: '2099-12-31' }, ['2000-01-01', '2099-12-31'], ['1999-12-31', '2100-01-01']],
    ['datetime', {}, ['2026-03-31T14:05:00Z', '2026-03-31T14:05:00+02:00'], ['2026-03-31', '2026-03-31T25:00:00Z', '2026-03-31T14:05:00']],
    ['enum', {}, ['draft', 'sent'], ['open', 'Draft', 1, null]],
    ['email', {}, ['anna.schmidt@example.com'], ['anna', 'anna@', '@example.com', `${'a'.repeat(250)}@example.com`]],
    ['url', {}, ['https://example.com/a?b=1', 'http://example.de'], ['javascript:alert(1)', 'ftp://example.com', 'example.com', 'https://exa mple.com']],
    ['json', {}, [{ a: 1 }, [1], 'text', null], []],
    ['json', { schema: { type: 'object', additionalProperties: { type: 'string' } } }, [{ protein: '11.5' }], [{ protein: 11.5 }, 'text']],
    ['reference', {}, [1, 42], [0, -1, '1', 1.5, null]],
    ['many', {}, [[], [1, 2]], [[1, 1], [0], 1]],
    ['many', { required: true }, [[1]], [[]]],
    ['children', {}, [[], [{ net_weight: '1.5' }]], [{}, [1]]],
  ];

  it.each(cases)('%s %j', (name, options, good, bad) => {
    const schema = typeNamed(name).valueSchema(normalized(name, options));
    expect(schema).not.toBeNull();
    const validate = ajv.compile(schema as object);
    for (const value of good) expect(validate(value), `${JSON.stringify(value)} should be accepted`).toBe(true);
    for (const value of bad) expect(validate(value), `${JSON.stringify(value)} should be refused`).toBe(false);
  });

  it('says why a decimal is refused', () => {
    const validate = ajv.compile(typeNamed('decimal').valueSchema(normalized('decimal', { scale: 2 })) as object);
    expect(validate('12.345')).toBe(false);
    expect(validate.errors?.[0]?.message).toBe('must have at most 2 decimal places');
  });

  it('has no value schema where clients never send a value', () => {
    expect(typeNamed('autonumber').valueSchema(normalized('autonumber'))).toBeNull();
    expect(typeNamed('computed').valueSchema(normalized('computed'))).toBeNull();
  });

  it('covers every type that takes values from clients', () => {
    const covered = new Set(cases.map(([name]) => name));
    const valued = builtinFieldTypes.filter((type) => type.valueSchema(normalized(type.name)) !== null).map((type) => type.name);
    expect([...covered].sort()).toEqual(valued.sort());
  });
});
