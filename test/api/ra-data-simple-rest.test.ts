import { fetchUtils } from 'ra-core';
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, RaRecord } from 'ra-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';

/**
 * react-admin's own `ra-data-simple-rest` data provider, unmodified, over real HTTP (ra-core's default
 * `fetchJson` on Node's fetch) against a listening server: the wire contract as the admin UI will use it.
 */
type Rec = RaRecord & Record<string, any>;

const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const byId = (records: Rec[]) => [...records].sort((a, b) => Number(a.id) - Number(b.id));
const names = (records: Rec[]) => records.map((r) => r.name as string);

/** Rejects with ra-core's HttpError: react-admin reads `status` and `body.errors`. */
async function httpErrorOf(promise: Promise<unknown>): Promise<{ status: number; body: any; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, body, message } = error as { status: number; body: any; message: string };
    return { status, body, message };
  }
  throw new Error('expected the data provider to reject');
}

describeEachEngine('ra-data-simple-rest against the server', (engine) => {
  let t: TestApp;
  let dp: DataProvider;
  const commodity: Record<string, Rec> = {};
  const partner: Record<string, Rec> = {};
  const contract: Record<string, Rec> = {};

  const list = (resource: string, params: Partial<GetListParams>) =>
    dp.getList<Rec>(resource, { pagination: { page: 1, perPage: 25 }, sort: { field: 'id', order: 'ASC' }, filter: {}, ...params });

  beforeAll(async () => {
    t = await startTestApp(engine);
    // As react-admin apps do: the httpClient adds the bearer token to every request.
    const httpClient = (url: string, options: fetchUtils.Options = {}) => fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${t.token}` } });
    dp = simpleRestProvider(`${await t.listen()}/api`, httpClient);
    for (const [name, hs_code] of [['Wheat', '1001'], ['Barley', '1003'], ['Rapeseed', '1205']] as const) {
      commodity[name] = (await dp.create<Rec>('commodities', { data: { name, hs_code } })).data;
    }
    const partners = [
      { name: 'Nordkorn GmbH', kind: 'supplier', vat_id: 'DE111111111', email: 'einkauf@nordkorn.de', credit_limit: '25000', commodities: [commodity.Wheat!.id, commodity.Barley!.id] },
      { name: 'Agrar Handel Süd AG', kind: 'customer', credit_limit: '900.5' },
      { name: 'Baltic Grain Oy', kind: 'both', credit_limit: 150000 },
      { name: 'Elbe Mühle GmbH', kind: 'customer' },
      { name: 'Weser Futtermittel KG', kind: 'supplier', credit_limit: '5000.00' },
    ];
    for (const data of partners) partner[data.name.split(' ')[0]!] = (await dp.create<Rec>('partners', { data })).data;
  });
  afterAll(async () => t?.close());

  it('create answers the stored record with id, version, defaults and decimals at their scale', () => {
    expect(partner.Nordkorn).toEqual({
      id: expect.any(Number),
      version: 1,
      created_at: iso,
      updated_at: iso,
      name: 'Nordkorn GmbH',
      vat_id: 'DE111111111',
      kind: 'supplier',
      email: 'einkauf@nordkorn.de',
      website: null,
      credit_limit: '25000.00',
      active: true,
      commodities: [commodity.Wheat!.id, commodity.Barley!.id],
      notes: null,
    });
    expect([partner.Agrar!.credit_limit, partner.Baltic!.credit_limit, partner.Elbe!.credit_limit]).toEqual(['900.50', '150000.00', null]);
    expect(commodity.Rapeseed).toMatchObject({ name: 'Rapeseed', hs_code: '1205', unit: 't', shelf_life_days: null, specification: null });
  });

  it('getList sorts and pages, with the total from Content-Range', async () => {
    const sort = { field: 'name', order: 'ASC' } as const;
    const page = (n: number) => list('partners', { sort, pagination: { page: n, perPage: 2 } });
    expect(await page(1)).toEqual({ data: [partner.Agrar, partner.Baltic], total: 5 });
    expect(await page(2)).toEqual({ data: [partner.Elbe, partner.Nordkorn], total: 5 });
    expect(await page(3)).toEqual({ data: [partner.Weser], total: 5 });
    expect(await page(4)).toEqual({ data: [], total: 5 });
    const desc = await list('partners', { sort: { field: 'name', order: 'DESC' } });
    expect(names(desc.data)).toEqual(['Weser Futtermittel KG', 'Nordkorn GmbH', 'Elbe Mühle GmbH', 'Baltic Grain Oy', 'Agrar Handel Süd AG']);
    // decimals sort by value, not as text ("150000" < "25000" < "5000" lexically); empty values last when descending
    const byCredit = await list('partners', { sort: { field: 'credit_limit', order: 'DESC' } });
    expect(names(byCredit.data)).toEqual(['Baltic Grain Oy', 'Nordkorn GmbH', 'Weser Futtermittel KG', 'Agrar Handel Süd AG', 'Elbe Mühle GmbH']);
    expect((await list('commodities', {})).total).toBe(3);
  });

  it('getList filters: equality, IN, operators, q (case-insensitive) and combinations', async () => {
    const filtered = async (filter: Record<string, unknown>, field = 'name') => {
      const result = await list('partners', { filter, sort: { field, order: 'ASC' } });
      return { names: names(result.data), total: result.total };
    };
    expect(await filtered({ kind: 'supplier' })).toEqual({ names: ['Nordkorn GmbH', 'Weser Futtermittel KG'], total: 2 });
    expect(await filtered({ kind: ['customer', 'both'] })).toEqual({ names: ['Agrar Handel Süd AG', 'Baltic Grain Oy', 'Elbe Mühle GmbH'], total: 3 });
    expect(await filtered({ credit_limit_gte: '5000' }, 'credit_limit')).toEqual({ names: ['Weser Futtermittel KG', 'Nordkorn GmbH', 'Baltic Grain Oy'], total: 3 });
    expect(await filtered({ credit_limit_lt: 5000 })).toEqual({ names: ['Agrar Handel Süd AG'], total: 1 });
    expect(await filtered({ kind_neq: 'customer' })).toEqual({ names: ['Baltic Grain Oy', 'Nordkorn GmbH', 'Weser Futtermittel KG'], total: 3 });
    expect(await filtered({ name_like: 'mühle' })).toEqual({ names: ['Elbe Mühle GmbH'], total: 1 });
    expect(await filtered({ q: 'MÜHLE' })).toEqual({ names: ['Elbe Mühle GmbH'], total: 1 });
    expect(await filtered({ q: 'GMBH' })).toEqual({ names: ['Elbe Mühle GmbH', 'Nordkorn GmbH'], total: 2 });
    expect(await filtered({ q: 'nordkorn.de' })).toEqual({ names: ['Nordkorn GmbH'], total: 1 });
    expect(await filtered({ q: 'gmbh', kind: 'supplier' })).toEqual({ names: ['Nordkorn GmbH'], total: 1 });
    expect(await filtered({ q: 'nothing like this' })).toEqual({ names: [], total: 0 });
    expect(await filtered({ vat_id: null })).toEqual({ names: ['Agrar Handel Süd AG', 'Baltic Grain Oy', 'Elbe Mühle GmbH', 'Weser Futtermittel KG'], total: 4 });
  });

  it('getOne and getMany answer the records as created', async () => {
    expect(await dp.getOne<Rec>('partners', { id: partner.Nordkorn!.id })).toEqual({ data: partner.Nordkorn });
    // react-admin passes ids from the URL as strings
    expect(await dp.getOne<Rec>('partners', { id: String(partner.Weser!.id) })).toEqual({ data: partner.Weser });
    const many = await dp.getMany<Rec>('partners', { ids: [partner.Weser!.id, partner.Agrar!.id, 999_999] });
    expect(byId(many.data)).toEqual(byId([partner.Weser!, partner.Agrar!]));
    expect(await dp.getMany<Rec>('commodities', { ids: [] })).toEqual({ data: [] });
    // `meta.embed` adds an `embed` query parameter, accepted and ignored
    const embed = { embed: ['commodities'] };
    expect(await dp.getOne<Rec>('partners', { id: partner.Nordkorn!.id, meta: embed })).toEqual({ data: partner.Nordkorn });
    expect(await list('partners', { filter: { kind: 'both' }, meta: embed })).toEqual({ data: [partner.Baltic], total: 1 });
  });

  it('creates a contract with its deliveries in one request', async () => {
    const created = await dp.create<Rec>('contracts', {
      data: {
        side: 'purchase',
        partner: partner.Nordkorn!.id,
        commodity: commodity.Wheat!.id,
        quantity: '500',
        price: '212.5',
        delivery_from: '2026-08-01',
        deliveries: [
          { ticket_no: 'T-101', date: '2026-08-03', net_weight: '24.5', moisture: '13.1', vehicle: 'HH-AB 101' },
          { ticket_no: 'T-102', date: '2026-08-04', net_weight: 25, moisture: '12.9', vehicle: 'HB-CD 102' },
          { ticket_no: 'T-103', date: '2026-08-05', net_weight: '23.125', moisture: '14', vehicle: 'HH-EF 103' },
        ],
      },
    });
    contract.K1 = created.data;
    const row = (id: unknown, ticket_no: string, date: string, net_weight: string, moisture: string, vehicle: string) =>
      ({ id, version: 1, created_at: iso, updated_at: iso, contract: created.data.id, ticket_no, date, net_weight, moisture, vehicle });
    expect(created.data).toEqual({
      id: expect.any(Number), version: 1, created_at: iso, updated_at: iso,
      number: expect.stringMatching(/^K-\d{4}-0001$/), side: 'purchase', partner: partner.Nordkorn!.id, commodity: commodity.Wheat!.id,
      quantity: '500.000', price: '212.50', currency: 'EUR', delivery_from: '2026-08-01', delivery_to: null, status: 'draft',
      signed_at: null, delivered: '72.625', notes: null,
      deliveries: [
        row(expect.any(Number), 'T-101', '2026-08-03', '24.500', '13.10', 'HH-AB 101'),
        row(expect.any(Number), 'T-102', '2026-08-04', '25.000', '12.90', 'HB-CD 102'),
        row(expect.any(Number), 'T-103', '2026-08-05', '23.125', '14.00', 'HH-EF 103'),
      ],
    });
    expect(await dp.getOne<Rec>('contracts', { id: created.data.id })).toEqual({ data: created.data });
    contract.K2 = (await dp.create<Rec>('contracts', {
      data: { side: 'sale', partner: partner.Agrar!.id, commodity: commodity.Barley!.id, quantity: '80', price: '199', deliveries: [{ ticket_no: 'T-201', date: '2026-09-01', net_weight: '20', moisture: '11' }] },
    })).data;
    expect(contract.K2).toMatchObject({ number: expect.stringMatching(/^K-\d{4}-0002$/), delivered: '20.000' });
    // q searches partner.name through the reference; lists carry no children
    const found = await list('contracts', { filter: { q: 'nordkorn' }, sort: { field: 'quantity', order: 'DESC' } });
    const { deliveries: _children, ...head } = created.data;
    expect(found).toEqual({ data: [head], total: 1 });
  });

  it('getManyReference pages the deliveries of one contract', async () => {
    const k1 = contract.K1!;
    const deliveries = (page: number, filter: Record<string, unknown> = {}) =>
      dp.getManyReference<Rec>('deliveries', { target: 'contract', id: k1.id, pagination: { page, perPage: 2 }, sort: { field: 'ticket_no', order: 'ASC' }, filter });
    expect(await deliveries(1)).toEqual({ data: [k1.deliveries[0], k1.deliveries[1]], total: 3 });
    expect(await deliveries(2)).toEqual({ data: [k1.deliveries[2]], total: 3 });
    expect(await deliveries(1, { q: 'hh-' })).toEqual({ data: [k1.deliveries[0], k1.deliveries[2]], total: 2 });
    expect(await deliveries(1, { net_weight_gt: '24' })).toEqual({ data: [k1.deliveries[0], k1.deliveries[1]], total: 2 });
    const other = await dp.getManyReference<Rec>('deliveries', { target: 'contract', id: contract.K2!.id, pagination: { page: 1, perPage: 25 }, sort: { field: 'date', order: 'DESC' }, filter: {} });
    expect(other).toEqual({ data: contract.K2!.deliveries, total: 1 });
  });

  it('update of the whole record changes, adds and removes deliveries in one PUT', async () => {
    const k1 = contract.K1!;
    const [first, second, third] = k1.deliveries as Rec[];
    const data = {
      ...k1,
      notes: 'Second delivery re-weighed',
      deliveries: [first, { ...second, net_weight: '26.75' }, { ticket_no: 'T-104', date: '2026-08-06', net_weight: '10', moisture: '12', vehicle: 'HH-GH 104' }],
    };
    const updated = await dp.update<Rec>('contracts', { id: k1.id, data, previousData: k1 });
    expect(updated.data).toEqual({
      ...k1,
      version: 2,
      updated_at: iso,
      notes: 'Second delivery re-weighed',
      delivered: '61.250',
      deliveries: [
        first,
        { ...second, version: 2, updated_at: iso, net_weight: '26.750' },
        { id: expect.any(Number), version: 1, created_at: iso, updated_at: iso, contract: k1.id, ticket_no: 'T-104', date: '2026-08-06', net_weight: '10.000', moisture: '12.00', vehicle: 'HH-GH 104' },
      ],
    });
    expect(updated.data.deliveries[2].id).not.toBe(third!.id);
    expect(await dp.getOne<Rec>('contracts', { id: k1.id })).toEqual({ data: updated.data });
    expect((await httpErrorOf(dp.getOne('deliveries', { id: third!.id }))).status).toBe(404);
    const refs = await dp.getManyReference<Rec>('deliveries', { target: 'contract', id: k1.id, pagination: { page: 1, perPage: 10 }, sort: { field: 'ticket_no', order: 'ASC' }, filter: {} });
    expect(refs).toEqual({ data: updated.data.deliveries, total: 3 });
    contract.K1 = updated.data;
  });

  it('update of the whole record bumps version; a stale version is refused (409)', async () => {
    const before = partner.Nordkorn!;
    const updated = await dp.update<Rec>('partners', { id: before.id, data: { ...before, email: 'trade@nordkorn.de' }, previousData: before });
    expect(updated.data).toEqual({ ...before, email: 'trade@nordkorn.de', version: 2, updated_at: iso });
    const stale = await httpErrorOf(dp.update('partners', { id: before.id, data: { ...before, notes: 'lost update' }, previousData: before }));
    expect(stale.status).toBe(409);
    expect(await dp.getOne<Rec>('partners', { id: before.id })).toEqual({ data: updated.data });
    partner.Nordkorn = updated.data;
  });

  it('update of the whole record as the edit form sends it, with an empty (null) decimal', async () => {
    const elbe = partner.Elbe!;
    const updated = await dp.update<Rec>('partners', { id: elbe.id, data: { ...elbe, notes: 'Mill in Hamburg' }, previousData: elbe });
    expect(updated.data).toEqual({ ...elbe, notes: 'Mill in Hamburg', version: 2, updated_at: iso });
    partner.Elbe = updated.data;
  });

  it('update of a record with every scalar type empty, sent back whole', async () => {
    const sample = (await dp.create<Rec>('samples', { data: { name: 'Probe A' } })).data;
    expect(sample).toMatchObject({ moisture: null, weight: null, fee: null, count: 1, organic: false });
    const renamed = await dp.update<Rec>('samples', { id: sample.id, data: { ...sample, name: 'Probe B' }, previousData: sample });
    expect(renamed.data).toEqual({ ...sample, name: 'Probe B', version: 2, updated_at: iso });
  });

  it('updateMany sends only the changed fields; the others keep their values', async () => {
    const ids = [partner.Baltic!.id, partner.Weser!.id];
    expect(await dp.updateMany('partners', { ids, data: { active: false } })).toEqual({ data: ids });
    const after = await dp.getMany<Rec>('partners', { ids });
    expect(byId(after.data)).toEqual(byId([partner.Baltic!, partner.Weser!]).map((p) => ({ ...p, active: false, version: 2, updated_at: iso })));
    expect((await list('partners', { filter: { active: false } })).total).toBe(2);
    expect((await list('partners', {})).total).toBe(5);
  });

  it('delete answers the deleted record; its children go with it', async () => {
    const k2 = contract.K2!;
    expect(await dp.delete<Rec>('contracts', { id: k2.id, previousData: k2 })).toEqual({ data: k2 });
    expect((await httpErrorOf(dp.getOne('contracts', { id: k2.id }))).status).toBe(404);
    expect((await httpErrorOf(dp.getOne('deliveries', { id: k2.deliveries[0].id }))).status).toBe(404);
    expect((await list('contracts', {})).total).toBe(1);
    expect((await list('deliveries', {})).total).toBe(3);
    const oats = (await dp.create<Rec>('commodities', { data: { name: 'Oats' } })).data;
    expect(await dp.delete<Rec>('commodities', { id: oats.id, previousData: oats })).toEqual({ data: oats });
    expect((await list('commodities', {})).total).toBe(3);
  });

  it('deleteMany deletes each record and answers their ids', async () => {
    const temp = [];
    for (const name of ['Temp One', 'Temp Two']) temp.push((await dp.create<Rec>('partners', { data: { name } })).data);
    expect((await list('partners', {})).total).toBe(7);
    const ids = temp.map((p) => p.id);
    expect(await dp.deleteMany('partners', { ids })).toEqual({ data: ids });
    expect(await dp.getMany('partners', { ids })).toEqual({ data: [] });
    expect((await list('partners', {})).total).toBe(5);
  });

  it('lets a browser admin on another origin send what the data provider sends and read Content-Range', async () => {
    const origin = 'http://localhost:5173';
    const preflight = async (method: string, headers: string) => {
      const response = await t.app.inject({
        method: 'OPTIONS', url: `/api/partners${method === 'POST' || method === 'GET' ? '' : `/${partner.Nordkorn!.id}`}`,
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
      });
      const allowed = (name: string) => String(response.headers[name] ?? '').toLowerCase().split(/\s*,\s*/);
      return { status: response.statusCode, origin: response.headers['access-control-allow-origin'], methods: allowed('access-control-allow-methods'), headers: allowed('access-control-allow-headers') };
    };
    // getList/getManyReference send a Range header; create/update send JSON; delete sends Content-Type text/plain
    for (const [method, headers] of [['GET', 'range'], ['POST', 'content-type'], ['PUT', 'content-type'], ['DELETE', 'content-type']] as const) {
      const answer = await preflight(method, headers);
      expect(answer.status, method).toBeLessThan(300);
      expect(answer.origin, method).toBe(origin);
      expect(answer.headers, method).toContain(headers);
      if (method === 'PUT' || method === 'DELETE') expect(answer.methods, `preflight for ${method} must allow it`).toContain(method.toLowerCase());
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/partners', headers: { ...t.authHeaders, origin, range: 'partners=0-9' } });
    expect(list.headers['access-control-allow-origin']).toBe(origin);
    expect(String(list.headers['access-control-expose-headers']).toLowerCase()).toContain('content-range');
  });

  it('errors reach react-admin as HttpError with status and field errors', async () => {
    const duplicate = await httpErrorOf(dp.create('partners', { data: { name: 'Copy', vat_id: 'DE111111111' } }));
    expect(duplicate).toMatchObject({ status: 409, body: { statusCode: 409, errors: { vat_id: expect.any(String) } } });
    const invalid = await httpErrorOf(dp.create('partners', { data: { name: '', kind: 'nobody' } }));
    expect(invalid).toMatchObject({ status: 400, body: { statusCode: 400, errors: { name: expect.any(String), kind: expect.any(String) } } });
    const unknownFilter = await httpErrorOf(list('partners', { filter: { nope: 1 } }));
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.message).toContain('nope');
    expect((await httpErrorOf(dp.getOne('partners', { id: 424242 }))).status).toBe(404);
    expect((await httpErrorOf(dp.delete('partners', { id: partner.Nordkorn!.id }))).status).toBe(409);
  });
});
