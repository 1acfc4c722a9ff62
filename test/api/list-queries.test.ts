import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';
import { expectError, expectStatus, list, listUrl, seedListData, type ListSeed, type Rec } from './seed-helpers.ts';

const ALL = [0, 99] as const;
const num = (v: unknown) => (v === null ? null : Number(v));
const byId = (a: number, b: number) => a - b;

describeEachEngine('list queries', (engine) => {
  let t: TestApp;
  let seed: ListSeed;
  let samples: Rec[];
  beforeAll(async () => {
    t = await startTestApp(engine);
    seed = await seedListData(t);
    samples = seed.samples;
  });
  afterAll(async () => t.close());

  /** Ids of the samples the filter returns, in id order, all on one page. */
  const filtered = async (filter: Record<string, unknown>, resource = 'samples') => (await list(t, resource, { filter, sort: ['id', 'ASC'], range: ALL })).ids;
  const where = (predicate: (s: Rec) => boolean, records: Rec[] = samples) => records.filter(predicate).map((s) => s.id).sort(byId);

  describe('filters', () => {
    it('equality, on enum, integer, string and date', async () => {
      expect(await filtered({ grade: 'a' })).toEqual(where((s) => s.grade === 'a'));
      const s7 = samples[7] as Rec;
      expect(await filtered({ count: s7.count })).toEqual([s7.id]);
      expect(await filtered({ name: s7.name })).toEqual(where((s) => s.name === s7.name));
      expect(await filtered({ taken_on: s7.taken_on })).toEqual(where((s) => s.taken_on === s7.taken_on));
      expect(await filtered({ moisture: '3.00' })).toEqual(where((s) => s.moisture === '3.00'));
      expect(await filtered({ moisture: 3 })).toEqual(where((s) => s.moisture === '3.00'));
      expect(await filtered({ code: s7.code })).toEqual([s7.id]);
    });

    it('an array means IN, which is how getMany arrives', async () => {
      const picked = [samples[12], samples[3], samples[27]].map((s) => (s as Rec).id);
      const result = await list(t, 'samples', { filter: { id: picked } });
      expect(result.ids.sort(byId)).toEqual([...picked].sort(byId));
      expect(result.range).toBe('samples 0-2/3');
      expect(await filtered({ grade: ['a', 'c'] })).toEqual(where((s) => s.grade === 'a' || s.grade === 'c'));
      expect(await filtered({ id: [] })).toEqual([]);
      expect(await filtered({ id: [picked[0], 99_999] })).toEqual([picked[0]]);
    });

    it.each([
      ['count_gte', 50, (s: Rec) => s.count >= 50],
      ['count_lte', 50, (s: Rec) => s.count <= 50],
      ['count_gt', 50, (s: Rec) => s.count > 50],
      ['count_lt', 50, (s: Rec) => s.count < 50],
      ['count_neq', (0 * 37) % 101, (s: Rec) => s.count !== 0],
      ['moisture_gte', '9.5', (s: Rec) => s.moisture !== null && num(s.moisture)! >= 9.5],
      ['moisture_lt', '10', (s: Rec) => s.moisture !== null && num(s.moisture)! < 10],
      ['weight_gt', '-0.5', (s: Rec) => num(s.weight)! > -0.5],
      ['weight_lte', '-1000', (s: Rec) => num(s.weight)! <= -1000],
      ['fee_gte', 0, (s: Rec) => num(s.fee)! >= 0],
      ['taken_on_gte', '2026-06-01', (s: Rec) => s.taken_on >= '2026-06-01'],
      ['taken_on_lt', '2026-03-15', (s: Rec) => s.taken_on < '2026-03-15'],
      ['analysed_at_gte', '2026-01-05T00:00:00Z', (s: Rec) => s.analysed_at !== null && s.analysed_at >= '2026-01-05T00:00:00.000Z'],
      ['analysed_at_lt', '2026-01-03T10:00:00+02:00', (s: Rec) => s.analysed_at !== null && s.analysed_at < '2026-01-03T08:00:00.000Z'],
      ['name_neq', 'Raps 03', (s: Rec) => s.name !== 'Raps 03'],
      ['name_gt', 'Mais', (s: Rec) => s.name > 'Mais'],
    ] as Array<[string, unknown, (s: Rec) => boolean]>)('%s %j', async (key, value, predicate) => {
      const expected = where(predicate);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(samples.length);
      expect(await filtered({ [key]: value })).toEqual(expected);
    });

    it('_gte and _lte together give a range', async () => {
      expect(await filtered({ moisture_gte: '10', moisture_lte: '20.5' })).toEqual(where((s) => s.moisture !== null && num(s.moisture)! >= 10 && num(s.moisture)! <= 20.5));
    });

    it('_like: contains, case-insensitive, umlauts included, wildcards literal', async () => {
      const muellers = where((s) => s.name.toLowerCase().includes('müller'));
      expect(muellers.length).toBeGreaterThan(3);
      expect(await filtered({ name_like: 'müller' })).toEqual(muellers);
      expect(await filtered({ name_like: 'MÜLLER' })).toEqual(muellers);
      expect(await filtered({ name_like: 'üLL' })).toEqual(muellers);
      expect(await filtered({ name_like: 'WEIZ' })).toEqual(where((s) => s.name.startsWith('Weizen')));
      expect(await filtered({ contact_like: 'LAB1' })).toEqual(where((s) => s.contact.startsWith('lab1')));
      expect(await filtered({ name_like: '%' })).toEqual([]);
      expect(await filtered({ name_like: '_' })).toEqual([]);
    });

    it('q searches the search fields, case-insensitive, umlauts included', async () => {
      const muellers = where((s) => s.name.toLowerCase().includes('müller'));
      expect(await filtered({ q: 'müller' })).toEqual(muellers);
      expect(await filtered({ q: 'MÜLLER' })).toEqual(muellers);
      expect(await filtered({ q: 'übersee' })).toEqual(where((s) => s.name.includes('Übersee')));
      const s9 = samples[9] as Rec;
      expect(await filtered({ q: s9.code.toLowerCase() })).toEqual([s9.id]);
      expect(await filtered({ q: '' })).toHaveLength(samples.length);
      expect(await filtered({ q: 'gibt es nicht' })).toEqual([]);
      expect(await filtered({ q: '%' })).toEqual([]);
      expect(await filtered({ q: '_' })).toEqual([]);
    });

    it('q follows one hop: sample → commodity.name', async () => {
      const koerner = seed.commodities.find((c) => c.name === 'Körnermais') as Rec;
      const viaCommodity = where((s) => s.commodity === koerner.id);
      expect(viaCommodity.length).toBeGreaterThan(0);
      expect(await filtered({ q: 'KÖRNER' })).toEqual(viaCommodity);
      // "mais" is in the sample names (Mais NN) and in the commodity name (Körnermais): either matches.
      expect(await filtered({ q: 'mais' })).toEqual(where((s) => s.name.startsWith('Mais') || s.commodity === koerner.id));
    });

    it('q follows one hop: contract → partner.name', async () => {
      const [mueller, , oester] = seed.partners as [Rec, Rec, Rec];
      expect(await filtered({ q: 'MÜLLER' }, 'contracts')).toEqual(where((c) => c.partner === mueller.id, seed.contracts));
      expect(await filtered({ q: 'östergaard' }, 'contracts')).toEqual(where((c) => c.partner === oester.id, seed.contracts));
      expect(await filtered({ q: 'K-' }, 'contracts')).toHaveLength(seed.contracts.length);
    });

    it('q combines with other filters (AND)', async () => {
      expect(await filtered({ q: 'müller', organic: true })).toEqual(where((s) => s.name.toLowerCase().includes('müller') && s.organic));
    });

    it('null matches empty values; _neq null matches the others', async () => {
      expect(await filtered({ description: null })).toEqual(where((s) => s.description === null));
      expect(await filtered({ moisture: null })).toEqual(where((s) => s.moisture === null));
      expect(await filtered({ commodity: null })).toEqual(where((s) => s.commodity === null));
      expect(await filtered({ grade: null })).toEqual(where((s) => s.grade === null));
      expect(await filtered({ grade_neq: null })).toEqual(where((s) => s.grade !== null));
    });

    it('a reference filters by id (getManyReference), with sort and range', async () => {
      const weizen = seed.commodities[0] as Rec;
      const expected = samples.filter((s) => s.commodity === weizen.id).sort((a, b) => b.count - a.count);
      const result = await list(t, 'samples', { filter: { commodity: weizen.id }, sort: ['count', 'DESC'], range: [0, 2] });
      expect(result.ids).toEqual(expected.slice(0, 3).map((s) => s.id));
      expect(result.range).toBe(`samples 0-2/${expected.length}`);
      const contract = seed.contracts[3] as Rec;
      const deliveries = await list(t, 'deliveries', { filter: { contract: contract.id }, sort: ['ticket_no', 'ASC'], range: [0, 24] });
      expect(deliveries.records.map((d) => d.ticket_no)).toEqual(contract.deliveries.map((d: Rec) => d.ticket_no).sort());
      expect(deliveries.range).toBe(`deliveries 0-2/3`);
    });

    it('a many field filters by linked id; an array means any of them', async () => {
      const [p1, p2, p3] = seed.partners as [Rec, Rec, Rec];
      expect(await filtered({ partners: p1.id })).toEqual(where((s) => s.partners.includes(p1.id)));
      expect(await filtered({ partners: [p2.id, p3.id] })).toEqual(where((s) => s.partners.includes(p2.id) || s.partners.includes(p3.id)));
      expect(await filtered({ partners: p3.id })).toEqual([]);
    });

    it('booleans filter by true and false', async () => {
      expect(await filtered({ organic: true })).toEqual(where((s) => s.organic === true));
      expect(await filtered({ organic: false })).toEqual(where((s) => s.organic === false));
      expect(await filtered({ active: false }, 'partners')).toEqual(where((p) => p.active === false, seed.partners));
    });

    it('numbers beyond the integer column range are no 500', async () => {
      const filters = [{ id: 99_999_999_999 }, { id: [1, 99_999_999_999] }, { count_gte: 99_999_999_999 }, { commodity: 99_999_999_999 }, { partners: 99_999_999_999 }];
      const answers = [];
      for (const filter of filters) answers.push({ filter, status: (await t.request('GET', listUrl('samples', { filter }))).status });
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    });
  });

  describe('sort', () => {
    const sorted = async (resource: string, field: string, order: 'ASC' | 'DESC') => (await list(t, resource, { sort: [field, order], range: ALL })).records;

    it.each(['ASC', 'DESC'] as const)('integer and autonumber, %s', async (order) => {
      const sign = order === 'ASC' ? 1 : -1;
      expect((await sorted('samples', 'count', order)).map((s) => s.id)).toEqual([...samples].sort((a, b) => sign * (a.count - b.count)).map((s) => s.id));
      expect((await sorted('samples', 'code', order)).map((s) => s.id)).toEqual([...samples].sort((a, b) => sign * (a.id - b.id)).map((s) => s.id));
    });

    it.each(['ASC', 'DESC'] as const)('decimal by value, not by text, nulls at one end, %s', async (order) => {
      for (const field of ['moisture', 'weight', 'fee']) {
        const records = await sorted('samples', field, order);
        expect(records).toHaveLength(samples.length);
        const values = records.map((r) => num(r[field]));
        const present = values.filter((v): v is number => v !== null);
        expect(present, field).toEqual([...present].sort((a, b) => (order === 'ASC' ? a - b : b - a)));
        const firstNull = values.indexOf(null);
        const nulls = values.filter((v) => v === null).length;
        if (nulls > 0) expect([0, values.length - nulls], `${field}: nulls together at one end`).toContain(firstNull);
      }
    });

    it.each(['ASC', 'DESC'] as const)('string, date and datetime, %s', async (order) => {
      for (const field of ['name', 'taken_on', 'analysed_at']) {
        const values = (await sorted('samples', field, order)).map((r) => r[field] as string | null).filter((v): v is string => v !== null);
        const expected = samples.map((s) => s[field] as string | null).filter((v): v is string => v !== null).sort();
        expect(values, field).toEqual(order === 'ASC' ? expected : expected.reverse());
      }
    });

    it('a reference sorts by the referenced title', async () => {
      const names = new Map(seed.commodities.map((c) => [c.id, c.name as string]));
      const titles = (await sorted('samples', 'commodity', 'ASC')).map((s) => (s.commodity === null ? null : names.get(s.commodity)));
      const present = titles.filter((n): n is string => n !== undefined && n !== null);
      expect(present).toEqual([...present].sort());
      expect(present[0]).toBe('Gerste'); // by name, not by id (Weizen has the lowest id)
      const partners = new Map(seed.partners.map((p) => [p.id, p.name as string]));
      const contractPartners = (await sorted('contracts', 'partner', 'DESC')).map((c) => partners.get(c.partner));
      expect(contractPartners).toEqual(['Zander Handel KG', 'Müller Agrar GmbH', 'Müller Agrar GmbH', 'Agrarhandel Östergaard']);
    });

    it('a computed aggregate sorts by its value', async () => {
      const asc = await sorted('contracts', 'delivered', 'ASC');
      expect(asc.map((c) => c.delivered)).toEqual(['0.000', '6.500', '30.750', '99.999']);
      expect((await sorted('contracts', 'delivered', 'DESC')).map((c) => c.delivered)).toEqual(['99.999', '30.750', '6.500', '0.000']);
    });

    it("without a sort the entity's default order applies (contract: -number)", async () => {
      const numbers = (await list(t, 'contracts')).records.map((c) => c.number as string);
      expect(numbers).toEqual([...numbers].sort().reverse());
    });

    it('ties are broken the same way on every page: pages neither overlap nor skip', async () => {
      const seen: number[] = [];
      for (let start = 0; start < samples.length; start += 7) {
        seen.push(...(await list(t, 'samples', { sort: ['grade', 'ASC'], range: [start, start + 6] })).ids);
      }
      expect(seen).toHaveLength(samples.length);
      expect(new Set(seen).size).toBe(samples.length);
    });
  });

  describe('range and Content-Range', () => {
    const N = 30;
    it.each([
      [[0, 9], 10, `samples 0-9/${N}`],
      [[10, 19], 10, `samples 10-19/${N}`],
      [[25, 34], 5, `samples 25-29/${N}`],
      [[29, 29], 1, `samples 29-29/${N}`],
      [[30, 39], 0, `samples */${N}`],
      [[500, 524], 0, `samples */${N}`],
    ] as Array<[[number, number], number, string]>)('range %j → %i records, %s', async (range, count, header) => {
      const result = await list(t, 'samples', { sort: ['id', 'ASC'], range });
      expect(result.records).toHaveLength(count);
      expect(result.range).toBe(header);
      expect(result.ids).toEqual(samples.slice(range[0], range[0] + count).map((s) => s.id));
    });

    it('without a range: every record, and the total', async () => {
      const result = await list(t, 'samples');
      expect(result.records).toHaveLength(N);
      expect(result.range).toBe(`samples 0-29/${N}`);
    });

    it('the total counts the filtered records', async () => {
      const total = samples.filter((s) => s.grade === 'a').length;
      expect((await list(t, 'samples', { filter: { grade: 'a' }, range: [0, 1] })).range).toBe(`samples 0-1/${total}`);
      expect((await list(t, 'samples', { filter: { grade: 'a' }, range: [100, 101] })).range).toBe(`samples */${total}`);
      expect((await list(t, 'samples', { filter: { q: 'nichts' } })).range).toBe('samples */0');
    });

    it('Content-Range is readable by a browser on another origin', async () => {
      const response = await t.app.inject({ method: 'GET', url: listUrl('samples', { range: [0, 4] }), headers: { ...t.authHeaders, origin: 'http://localhost:5173' } });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['access-control-expose-headers'])).toMatch(/content-range/i);
      expect(response.headers['content-range']).toBe(`samples 0-4/${N}`);
    });
  });

  describe('bad queries → 400 naming the parameter', () => {
    it.each([
      ['sort', 'sort=%5B%22name%22', 'sort'],
      ['range', 'range=%5B0%2C', 'range'],
      ['filter', 'filter=%7Bgrade%3A1%7D', 'filter'],
      ['sort not an array', `sort=${encodeURIComponent('{"field":"name"}')}`, 'sort'],
      ['sort one element', `sort=${encodeURIComponent('["name"]')}`, 'sort'],
      ['sort order', `sort=${encodeURIComponent('["name","UP"]')}`, 'sort'],
      ['range one element', `range=${encodeURIComponent('[0]')}`, 'range'],
      ['range negative', `range=${encodeURIComponent('[-1,5]')}`, 'range'],
      ['range backwards', `range=${encodeURIComponent('[5,2]')}`, 'range'],
      ['range strings', `range=${encodeURIComponent('["a","b"]')}`, 'range'],
      ['range fraction', `range=${encodeURIComponent('[0,1.5]')}`, 'range'],
      ['range too large', `range=${encodeURIComponent('[0,5000]')}`, 'range'],
      ['filter an array', `filter=${encodeURIComponent('[1]')}`, 'filter'],
      ['filter a string', `filter=${encodeURIComponent('"x"')}`, 'filter'],
      ['unknown parameter', 'foo=1', 'foo'],
      ['json-server parameter', '_sort=id', '_sort'],
      ['repeated parameter', 'sort=a&sort=b', 'sort'],
    ])('%s', async (_, query, parameter) => {
      const body = expectError(await t.request('GET', `/api/samples?${query}`), 400, { code: 'KONTOR_HTTP_BAD_QUERY' });
      expect(Object.keys(body.errors ?? {}), JSON.stringify(body)).toContain(parameter);
    });

    it.each([
      ['unknown field', { nope: 1 }, 'nope'],
      ['unknown field with an operator', { nope_gte: 1 }, 'nope'],
      ['unsupported operator', { grade_like: 'a' }, 'grade'],
      ['operator on an unfilterable field', { raw: 1 }, 'raw'],
      ['computed function field', { moisture_label: 'x' }, 'moisture_label'],
      ['wrong value type', { count: 'abc' }, 'count'],
      ['invalid date', { taken_on_gte: 'garbage' }, 'taken_on'],
      ['invalid enum value', { grade: 'z' }, 'grade'],
      ['invalid decimal', { moisture_gte: '1e3' }, 'moisture'],
      ['search text not a string', { q: { a: 1 } }, 'q'],
    ])('filter: %s', async (_, filter, name) => {
      const body = expectError(await t.request('GET', listUrl('samples', { filter })), 400, { code: 'KONTOR_HTTP_BAD_QUERY' });
      const keys = Object.keys(body.errors ?? {});
      expect(keys.some((k) => k === 'filter' || k.startsWith('filter')), JSON.stringify(body)).toBe(true);
      expect(JSON.stringify(body.errors)).toContain(name);
    });

    it.each([
      ['unknown field', ['nope', 'ASC'], 'nope'],
      ['a json field', ['raw', 'ASC'], 'raw'],
      ['a many field', ['partners', 'DESC'], 'partners'],
      ['a computed function', ['moisture_label', 'ASC'], 'moisture_label'],
    ])('sort: %s', async (_, sort, name) => {
      const body = expectError(await t.request('GET', listUrl('samples', { sort })), 400, { code: 'KONTOR_HTTP_BAD_QUERY', fields: ['sort'] });
      expect(body.errors?.sort).toContain(name);
    });

    it('a range far beyond any table is an empty page or a 400, never a 500', async () => {
      for (const range of ['[1e300,1e300]', '[99999999999999999999,99999999999999999999]', '[9007199254740991,9007199254740991]']) {
        const response = await t.request('GET', `/api/samples?range=${encodeURIComponent(range)}`);
        if (response.status === 200) {
          expect(response.body).toEqual([]);
          expect(response.headers['content-range']).toBe('samples */30');
        } else {
          const body = expectError(response, 400, { code: 'KONTOR_HTTP_BAD_QUERY', fields: ['range'] });
          expect(body.errors?.range, range).toBeDefined();
        }
      }
    });

    it('every mistake of one request is named at once', async () => {
      const body = expectError(await t.request('GET', '/api/samples?sort=xx&range=yy&filter=zz'), 400);
      expect(Object.keys(body.errors ?? {}).sort()).toEqual(['filter', 'range', 'sort']);
    });

    it('the list route of an unknown resource is a 404', async () => {
      expectError(await t.request('GET', '/api/nonexistent'), 404);
    });
  });

  it('getOne of a record with children carries them', async () => {
    const [first] = (await list(t, 'contracts', { sort: ['id', 'ASC'], range: [0, 0] })).records as [Rec];
    const one = await t.request<Rec>('GET', `/api/contracts/${first.id}`);
    expectStatus(one, 200);
    expect(Array.isArray(one.body.deliveries)).toBe(true);
  });
});
