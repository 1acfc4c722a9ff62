import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp, type TestResponse } from './harness.ts';
import { create, expectError, expectStatus, getOne, update, type Rec } from './seed-helpers.ts';

/** A 400 whose `errors` names `field` (or a path inside it, such as `tags.1`). */
function expectFieldError(response: TestResponse, field: string): void {
  const body = expectError(response, 400, { code: 'KONTOR_HTTP_VALIDATION' });
  const keys = Object.keys(body.errors ?? {});
  expect(keys.some((k) => k === field || k.startsWith(`${field}.`)), `errors should name "${field}": ${JSON.stringify(body)}`).toBe(true);
}

const MULTILINE = 'Zeile 1: Grüße aus Köln\nZeile 2: ÄÖÜ äöü ß €\r\n\tEingerückt 😀';

/** [field, value sent on POST, value returned, value sent on PUT, value returned] */
type RoundTrip = [string, unknown, unknown, unknown, unknown];
const roundTrips: RoundTrip[] = [
  ['name', 'Grüße aus Köln', 'Grüße aus Köln', 'Straße-7 ÄÖÜ', 'Straße-7 ÄÖÜ'],
  ['description', MULTILINE, MULTILINE, 'nur eine Zeile', 'nur eine Zeile'],
  ['count', 0, 0, 1000, 1000],
  ['moisture', '12.5', '12.50', 0.1, '0.10'],
  ['moisture', 100, '100.00', '0', '0.00'],
  ['weight', 1234567890123.456, '1234567890123.456', '-0.001', '-0.001'],
  ['weight', '-999999999999999.999', '-999999999999999.999', '42', '42.000'],
  ['fee', '-1000', '-1000.00', '1000000.00', '1000000.00'],
  ['fee', 19.99, '19.99', '-0.5', '-0.50'],
  ['organic', true, true, false, false],
  ['taken_on', '2000-01-01', '2000-01-01', '2026-12-31', '2026-12-31'],
  ['analysed_at', '2026-03-31T16:05:00+02:00', '2026-03-31T14:05:00.000Z', '2026-10-25T01:30:00.5-01:00', '2026-10-25T02:30:00.500Z'],
  ['analysed_at', '2026-03-31T14:05:00.123456Z', '2026-03-31T14:05:00.123Z', '2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00.000Z'],
  ['taken_on', '2028-02-29', '2028-02-29', '2026-02-28', '2026-02-28'],
  ['grade', 'a', 'a', 'c', 'c'],
  ['contact', 'Anna.Schmidt@example.org', 'Anna.Schmidt@example.org', 'qs@labor.example.de', 'qs@labor.example.de'],
  ['report_url', 'https://lab.example.org/r?id=1&x=y', 'https://lab.example.org/r?id=1&x=y', 'http://example.de/', 'http://example.de/'],
  ['raw', { a: { b: [1, 2, { c: null }] }, s: 'Fähre', n: 1.5, t: true }, { a: { b: [1, 2, { c: null }] }, s: 'Fähre', n: 1.5, t: true }, ['list', 1, null, { deep: { deeper: 'ü' } }], ['list', 1, null, { deep: { deeper: 'ü' } }]],
  ['raw', 'plain text', 'plain text', 42, 42],
  ['tags', ['x', 'Übersee'], ['x', 'Übersee'], [], []],
];

/** [field, invalid value] → 400 naming the field. */
const invalid: Array<[string, unknown]> = [
  ['name', 'x'.repeat(41)],
  ['name', 'bad!chars'],
  ['name', ''],
  ['name', 12],
  ['description', 5],
  ['description', { text: 'x' }],
  ['count', 1001],
  ['count', -1],
  ['count', 1.5],
  ['count', '5'],
  ['count', true],
  ['moisture', 100.01],
  ['moisture', '12.345'],
  ['moisture', 'abc'],
  ['moisture', '1e2'],
  ['moisture', -1],
  ['moisture', ''],
  ['moisture', []],
  ['weight', '1234567890123456.0'],
  ['weight', '0.0001'],
  ['weight', 'NaN'],
  ['fee', '-1000.01'],
  ['fee', '1000000.01'],
  ['fee', '1.005'],
  ['organic', 'yes'],
  ['organic', 1],
  ['taken_on', '2026-02-30'],
  ['taken_on', '2026-02-29'],
  ['taken_on', '1999-12-31'],
  ['taken_on', '31.12.2026'],
  ['taken_on', '2026-01-01T00:00:00Z'],
  ['analysed_at', 'yesterday'],
  ['analysed_at', '2026-03-31T14:05:00'],
  ['analysed_at', '2026-03-31'],
  ['analysed_at', 1700000000000],
  ['grade', 'd'],
  ['grade', 'A'],
  ['grade', 1],
  ['contact', 'not-an-email'],
  ['contact', 'a@'],
  ['report_url', 'ftp://example.org/file'],
  ['report_url', 'lab.example.org'],
  ['report_url', 'javascript:alert(1)'],
  ['tags', ['a', 1]],
  ['tags', 'x'],
  ['tags', { a: 1 }],
  ['commodity', 'x'],
  ['commodity', 0],
  ['commodity', -1],
  ['commodity', 1.5],
  ['partners', 'x'],
  ['partners', [0]],
  ['partners', ['a']],
  ['partners', [1, 1]],
];

describeEachEngine('field types', (engine) => {
  let t: TestApp;
  let commodities: Rec[];
  let partners: Rec[];
  beforeAll(async () => {
    t = await startTestApp(engine);
    commodities = [await create(t, 'commodities', { name: 'Weizen' }), await create(t, 'commodities', { name: 'Gerste' })];
    partners = [await create(t, 'partners', { name: 'Müller Agrar' }), await create(t, 'partners', { name: 'Zander KG' })];
  });
  afterAll(async () => t.close());

  describe('round trip POST → GET → PUT → GET', () => {
    it.each(roundTrips)('%s: %j', async (field, sent, returned, sentOnUpdate, returnedOnUpdate) => {
      const body = field === 'name' ? { name: sent } : { name: 'Rundreise', [field]: sent };
      const created = await create(t, 'samples', body);
      expect(created[field]).toEqual(returned);
      expect((await getOne(t, 'samples', created.id))[field]).toEqual(returned);
      const updated = await update(t, 'samples', created.id, { [field]: sentOnUpdate });
      expect(updated[field]).toEqual(returnedOnUpdate);
      expect((await getOne(t, 'samples', created.id))[field]).toEqual(returnedOnUpdate);
    });

    it('reference: the referenced id under the field name, changed and cleared by PUT', async () => {
      const [c1, c2] = commodities as [Rec, Rec];
      const created = await create(t, 'samples', { name: 'Referenz', commodity: c1.id });
      expect(created.commodity).toBe(c1.id);
      expect((await getOne(t, 'samples', created.id)).commodity).toBe(c1.id);
      expect((await update(t, 'samples', created.id, { commodity: c2.id })).commodity).toBe(c2.id);
      expect((await getOne(t, 'samples', created.id)).commodity).toBe(c2.id);
      expect((await update(t, 'samples', created.id, { commodity: null })).commodity).toBeNull();
    });

    it('many: an array of ids, replaced as a whole on PUT', async () => {
      const [p1, p2] = partners as [Rec, Rec];
      const created = await create(t, 'samples', { name: 'Viele', partners: [p2.id, p1.id] });
      expect([...created.partners].sort()).toEqual([p1.id, p2.id].sort());
      expect([...(await getOne(t, 'samples', created.id)).partners].sort()).toEqual([p1.id, p2.id].sort());
      expect((await update(t, 'samples', created.id, { partners: [p2.id] })).partners).toEqual([p2.id]);
      expect((await getOne(t, 'samples', created.id)).partners).toEqual([p2.id]);
      expect((await update(t, 'samples', created.id, { partners: [] })).partners).toEqual([]);
      expect((await create(t, 'samples', { name: 'Ohne' })).partners).toEqual([]);
    });

    it('json with a schema: commodity.specification accepts its shape and refuses others', async () => {
      const spec = { protein: '11.5', moisture: 14, 'Fallzahl (s)': 280 };
      const created = await create(t, 'commodities', { name: 'Dinkel', specification: spec });
      expect(created.specification).toEqual(spec);
      expect((await getOne(t, 'commodities', created.id)).specification).toEqual(spec);
      expectFieldError(await t.request('POST', '/api/commodities', { name: 'Roggen', specification: { protein: { nested: 1 } } }), 'specification');
      expectFieldError(await t.request('PUT', `/api/commodities/${created.id}`, { specification: ['not', 'an', 'object'] }), 'specification');
      expect((await getOne(t, 'commodities', created.id)).specification).toEqual(spec);
    });
  });

  describe('exact decimals', () => {
    it('are strings at the declared scale, never floats', async () => {
      const created = await create(t, 'samples', { name: 'Dezimal', moisture: '12.5', weight: 1234567890123.456, fee: 0.1 });
      expect(created).toMatchObject({ moisture: '12.50', weight: '1234567890123.456', fee: '0.10' });
      const read = await getOne(t, 'samples', created.id);
      expect(read).toMatchObject({ moisture: '12.50', weight: '1234567890123.456', fee: '0.10' });
      const updated = await update(t, 'samples', created.id, { moisture: '0.1', weight: '-1234567890123.456', fee: '-999.99' });
      expect(updated).toMatchObject({ moisture: '0.10', weight: '-1234567890123.456', fee: '-999.99' });
      expect(await getOne(t, 'samples', created.id)).toMatchObject({ moisture: '0.10', weight: '-1234567890123.456', fee: '-999.99' });
    });

    it('PUT accepts JSON numbers as POST does (react-admin NumberInput sends numbers)', async () => {
      const created = await create(t, 'samples', { name: 'Zahl', moisture: 1, weight: 2, fee: 3 });
      expect(created).toMatchObject({ moisture: '1.00', weight: '2.000', fee: '3.00' });
      const updated = await update(t, 'samples', created.id, { moisture: 0.1, weight: 1234567890123.456, fee: -0.5 });
      expect(updated).toMatchObject({ moisture: '0.10', weight: '1234567890123.456', fee: '-0.50' });
    });

    it('null clears an optional decimal or money field', async () => {
      const created = await create(t, 'samples', { name: 'Leeren', moisture: '1', weight: '2', fee: '3' });
      const updated = await update(t, 'samples', created.id, { moisture: null, weight: null, fee: null });
      expect(updated).toMatchObject({ moisture: null, weight: null, fee: null, moisture_label: null });
      const contract = await create(t, 'contracts', { side: 'sale', partner: (partners[0] as Rec).id, commodity: (commodities[0] as Rec).id, quantity: '1', price: '10' });
      expect((await update(t, 'contracts', contract.id, { price: null })).price).toBeNull();
    });

    it('a whole record sent back with its empty decimals is accepted (react-admin edit form)', async () => {
      const created = await create(t, 'samples', { name: 'Formular' });
      expect(created).toMatchObject({ moisture: null, weight: null, fee: null });
      const updated = await update(t, 'samples', created.id, { ...created, name: 'Formular 2' });
      expect(updated).toMatchObject({ name: 'Formular 2', moisture: null, weight: null, fee: null, version: 2 });
    });

    it('keep trailing zeros and the sign of small negatives', async () => {
      const created = await create(t, 'samples', { name: 'Klein', moisture: '0.01', weight: '-0.010', fee: '-0.01' });
      expect(created).toMatchObject({ moisture: '0.01', weight: '-0.010', fee: '-0.01' });
    });
  });

  describe('server-assigned and derived fields', () => {
    it('autonumber: assigned from the pattern, increasing, and ignored when sent', async () => {
      const now = new Date();
      const prefix = `P-${String(now.getFullYear()).slice(-2)}${String(now.getMonth() + 1).padStart(2, '0')}-`;
      const a = await create(t, 'samples', { name: 'Nummer A', code: 'P-0000-999' });
      const b = await create(t, 'samples', { name: 'Nummer B' });
      expect(a.code).toMatch(new RegExp(`^${prefix}\\d{3}$`));
      expect(b.code).toMatch(new RegExp(`^${prefix}\\d{3}$`));
      expect(Number(b.code.slice(-3))).toBe(Number(a.code.slice(-3)) + 1);
      const updated = await update(t, 'samples', a.id, { code: 'HACKED', name: 'Nummer A2' });
      expect(updated.code).toBe(a.code);
      expect((await getOne(t, 'samples', a.id)).code).toBe(a.code);
    });

    it('autonumber: concurrent creates never share a number', async () => {
      const base = await t.listen();
      const answers = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const response = await fetch(`${base}/api/samples`, { method: 'POST', headers: { ...t.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Parallel ${i}` }) });
          return { status: response.status, body: (await response.json()) as Rec };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      const codes = answers.map((a) => a.body.code as string);
      expect(new Set(codes).size).toBe(8);
      const numbers = codes.map((c) => Number(c.slice(-3))).sort((a, b) => a - b);
      expect(numbers[7]! - numbers[0]!).toBe(7);
    });

    it('computed TS function follows the record', async () => {
      const created = await create(t, 'samples', { name: 'Formel', moisture: '12.5' });
      expect(created.moisture_label).toBe('12.50 %');
      expect((await update(t, 'samples', created.id, { moisture: '3' })).moisture_label).toBe('3.00 %');
      expect((await getOne(t, 'samples', created.id)).moisture_label).toBe('3.00 %');
      const without = await create(t, 'samples', { name: 'Formel leer' });
      expect(without.moisture_label).toBeNull();
      expect((await getOne(t, 'samples', without.id)).moisture_label).toBeNull();
    });

    it('computed sum over children: at the child scale, 0.000 without children', async () => {
      const partner = partners[0] as Rec;
      const commodity = commodities[0] as Rec;
      const contract = await create(t, 'contracts', {
        side: 'purchase',
        partner: partner.id,
        commodity: commodity.id,
        quantity: '100',
        deliveries: [
          { ticket_no: 'FT-1', net_weight: '1.5' },
          { ticket_no: 'FT-2', net_weight: 2.25 },
        ],
      });
      expect(contract.delivered).toBe('3.750');
      expect((await getOne(t, 'contracts', contract.id)).delivered).toBe('3.750');
      const empty = await create(t, 'contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '1' });
      expect(empty.delivered).toBe('0.000');
    });

    it('readonly, computed and system fields sent back by the client are ignored', async () => {
      const created = await create(t, 'samples', {
        name: 'Ganz',
        moisture: '5',
        weight: '6',
        fee: '7',
        id: 999_999,
        version: 42,
        created_at: 'gestern',
        updated_at: '1999-01-01T00:00:00Z',
        code: 'MINE',
        moisture_label: 'fake',
      });
      expect(created.id).not.toBe(999_999);
      expect(created.version).toBe(1);
      expect(created.code).not.toBe('MINE');
      expect(created.moisture_label).toBe('5.00 %');
      expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(created.updated_at).not.toBe('1999-01-01T00:00:00Z');
      // react-admin sends the whole record back, as it got it, with one field changed.
      const updated = await update(t, 'samples', created.id, { ...created, name: 'Ganz neu', id: 999_998, created_at: 'x', code: 'X', moisture_label: 'y' });
      expect(updated).toMatchObject({ id: created.id, name: 'Ganz neu', code: created.code, created_at: created.created_at, moisture_label: '5.00 %', version: 2 });
      const contract = await create(t, 'contracts', { side: 'sale', partner: (partners[0] as Rec).id, commodity: (commodities[0] as Rec).id, quantity: '1', delivered: '999', number: 'K-1' });
      expect(contract.delivered).toBe('0.000');
      expect(contract.number).not.toBe('K-1');
    });
  });

  describe('optional and required values', () => {
    it('defaults fill fields left out on create', async () => {
      const created = await create(t, 'samples', { name: 'Vorgabe' });
      expect(created).toMatchObject({ count: 1, organic: false, description: null, moisture: null, commodity: null, partners: [], raw: null, tags: null });
      const partner = await create(t, 'partners', { name: 'Standard' });
      expect(partner).toMatchObject({ kind: 'customer', active: true, commodities: [] });
    });

    it('null clears every optional field (decimals: see "exact decimals")', async () => {
      const created = await create(t, 'samples', {
        name: 'Voll',
        description: 'x',
        count: 3,
        taken_on: '2026-01-01',
        analysed_at: '2026-01-01T00:00:00Z',
        grade: 'b',
        contact: 'a@example.org',
        report_url: 'https://example.org',
        raw: { a: 1 },
        tags: ['t'],
        commodity: (commodities[0] as Rec).id,
      });
      const cleared = Object.fromEntries(
        ['description', 'count', 'taken_on', 'analysed_at', 'grade', 'contact', 'report_url', 'raw', 'tags', 'commodity'].map((f) => [f, null]),
      );
      const updated = await update(t, 'samples', created.id, cleared);
      expect(updated).toMatchObject(cleared);
      expect(await getOne(t, 'samples', created.id)).toMatchObject({ ...cleared, name: 'Voll' });
    });

    it('a required field is required on POST and cannot be cleared by PUT', async () => {
      expectFieldError(await t.request('POST', '/api/samples', { description: 'ohne Namen' }), 'name');
      const created = await create(t, 'samples', { name: 'Pflicht' });
      expectFieldError(await t.request('PUT', `/api/samples/${created.id}`, { name: null }), 'name');
      expectFieldError(await t.request('PUT', `/api/samples/${created.id}`, { organic: null }), 'organic');
      expect((await getOne(t, 'samples', created.id)).name).toBe('Pflicht');
    });
  });

  describe('invalid values → 400 naming the field', () => {
    it.each(invalid)('POST %s = %j', async (field, value) => {
      expectFieldError(await t.request('POST', '/api/samples', { name: 'Ungültig', [field]: value }), field);
    });

    it('PUT refuses the same values and leaves the record unchanged', async () => {
      const created = await create(t, 'samples', { name: 'Bleibt', count: 7, moisture: '7' });
      for (const [field, value] of invalid) {
        if (field === 'name') continue;
        expectFieldError(await t.request('PUT', `/api/samples/${created.id}`, { [field]: value }), field);
      }
      expect(await getOne(t, 'samples', created.id)).toMatchObject({ name: 'Bleibt', count: 7, moisture: '7.00', version: 1 });
    });

    it('names every invalid field of one body at once', async () => {
      const response = await t.request('POST', '/api/samples', { name: 'Viele Fehler', count: -5, moisture: 'x', grade: 'z', contact: 'nope' });
      const body = expectError(response, 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['count', 'moisture', 'grade', 'contact'] });
      expect(body.message).toMatch(/count/);
    });

    it('a text with a NUL character is never a 500', async () => {
      const response = await t.request('POST', '/api/samples', { name: 'Null', description: 'a\u0000b' });
      if (response.status === 201) expect((await getOne(t, 'samples', (response.body as Rec).id)).description).toBe('a\u0000b');
      else expectFieldError(response, 'description');
    });

    it('a NUL character inside json is never a 500', async () => {
      const response = await t.request('POST', '/api/samples', { name: 'Null Json', raw: { a: 'x\u0000y' } });
      if (response.status === 201) expect((await getOne(t, 'samples', (response.body as Rec).id)).raw).toEqual({ a: 'x\u0000y' });
      else expectFieldError(response, 'raw');
    });
  });

  it('every record read has each field of the type it declares', async () => {
    const created = await create(t, 'samples', { name: 'Form' });
    const response = await t.request<Rec>('GET', `/api/samples/${created.id}`);
    expectStatus(response, 200);
    expect(Object.keys(response.body).sort()).toEqual(
      ['id', 'version', 'created_at', 'updated_at', 'code', 'name', 'description', 'count', 'moisture', 'weight', 'fee', 'organic', 'taken_on', 'analysed_at', 'grade', 'contact', 'report_url', 'raw', 'tags', 'commodity', 'partners', 'moisture_label'].sort(),
    );
  });
});
