import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { resolveFilter } from '../../admin/src/dashboard/resolveFilter.ts';
import { describeEachEngine, overlayProject, startTestApp, type TestApp, type TestResponse } from './harness.ts';
import { create, expectNoInternals, expectStatus, getOne, listUrl, type Rec } from './seed-helpers.ts';

/**
 * One test per way a permission can leak: through a side channel of a read (filter, sort, search, totals,
 * getMany, children, aggregates, _meta and its dashboard counts) or through a write that sets what the user may not see or change.
 * The roles are in test/fixtures/overlays/permissions/config/roles.yaml, one restriction per role.
 */
const permissionsProject = await overlayProject('permissions');
afterAll(() => rm(permissionsProject, { recursive: true, force: true }));

type Obj = Record<string, any>;
interface User {
  token: string;
  id: number;
}
/** Whose token a request carries: a test user, or the app itself for the admin. */
type Caller = Pick<User, 'token'>;
interface ListAnswer {
  records: Rec[];
  ids: number[];
  range: string;
  total: string;
}

const ALL = [0, 99] as const;
const byId = (a: number, b: number) => a - b;
const FORBIDDEN_KEYS = ['statusCode', 'code', 'message', 'errors', 'missing'];

/**
 * A 403 names the grant that is missing (and the field, if one is at fault) and nothing else: none of the
 * record's values, which a user who may not act on a record usually may not see either.
 */
function expectForbidden(response: TestResponse, missing: { entity: string; action: string; field?: string }, secrets: string[] = []): void {
  expectStatus(response, 403);
  const body = response.body as Obj;
  expect(body).toMatchObject({ statusCode: 403, code: 'KONTOR_HTTP_FORBIDDEN', message: expect.any(String) });
  expect(Object.keys(body).filter((k) => !FORBIDDEN_KEYS.includes(k))).toEqual([]);
  expect(body.missing).toEqual(missing);
  if (missing.field) expect(Object.keys(body.errors ?? {})).toEqual([missing.field]);
  else expect(body.errors).toBeUndefined();
  const text = JSON.stringify(body);
  for (const secret of secrets) expect(text, `403 body leaks "${secret}"`).not.toContain(secret);
  expectNoInternals(response);
}

/** 400 for a list query, naming the query parameter at fault. */
function expectBadQuery(response: TestResponse, key: string): void {
  expectStatus(response, 400);
  expect(response.body).toMatchObject({ code: 'KONTOR_HTTP_BAD_QUERY', errors: { [key]: expect.any(String) } });
}

function expectNotFound(response: TestResponse, secrets: string[] = []): void {
  expectStatus(response, 404);
  expect(response.body).toMatchObject({ code: 'KONTOR_HTTP_NOT_FOUND' });
  for (const secret of secrets) expect(JSON.stringify(response.body)).not.toContain(secret);
}

interface UserDefinition {
  roles: readonly string[];
  department?: string;
}
/** The users the tests act as: roles from the fixture's roles.yaml, a department for `$user.department` scopes. */
const USERS = {
  clerk: { roles: ['clerk'] },
  alice: { roles: ['desk_trader'], department: 'contracts' },
  bob: { roles: ['desk_trader'], department: 'contracts' },
  carol: { roles: ['desk_trader'], department: 'orders' },
  fiona: { roles: ['desk_trader'], department: 'finance' },
  // A $user.department scope matches nothing for a user without a department.
  nodept: { roles: ['desk_trader'] },
  mixed: { roles: ['price_blind', 'orders_desk'] },
  priceBlind: { roles: ['price_blind'] },
  ordersDesk: { roles: ['orders_desk'] },
  yard: { roles: ['yard'] },
  weightBlind: { roles: ['weight_blind'] },
  yardWeightBlind: { roles: ['weight_blind', 'yard'] },
  contractsOnly: { roles: ['contracts_only'] },
  anonymous: { roles: ['anonymous_partners'] },
} as const satisfies Record<string, UserDefinition>;

describeEachEngine('permission leaks', (engine) => {
  let t: TestApp;
  let commodity: Rec;
  let partner: Rec;
  /** The partner whose hidden values the clerk tests look for in every answer. */
  let secretive: Rec;
  const SECRET_EMAIL = 'einkauf@verschwiegen.example';
  let users: Record<keyof typeof USERS, User>;

  beforeAll(async () => {
    t = await startTestApp(engine, { dir: permissionsProject });
    commodity = await create(t, 'commodities', { name: 'Weizen' });
    partner = await create(t, 'partners', { name: 'Müller Agrar GmbH', vat_id: 'DE100000001', email: 'info@mueller.example', credit_limit: '50000' });
    secretive = await create(t, 'partners', { name: 'Geheim Handel KG', vat_id: 'DE100000002', email: SECRET_EMAIL, credit_limit: '250000', notes: 'Vertraulich' });
    users = {} as typeof users;
    for (const [name, { roles, department }] of Object.entries(USERS) as Array<[keyof typeof USERS, UserDefinition]>) {
      users[name] = await t.loginAs(name.toLowerCase(), [...roles], department ? { department } : {});
    }
  });
  afterAll(async () => t?.close());

  const as = (user: Caller) => ({ token: user.token });
  const get = (user: Caller, url: string) => t.request('GET', url, undefined, as(user));
  async function listAs(user: Caller, resource: string, query: Parameters<typeof listUrl>[1] = {}): Promise<ListAnswer> {
    const response = await get(user, listUrl(resource, query));
    expectStatus(response, 200);
    const records = response.body as Rec[];
    return { records, ids: records.map((r) => r.id), range: String(response.headers['content-range']), total: String(response.headers['x-total-count']) };
  }
  /** One record as the user reads it; must be a 200, or the absence checks that follow would prove nothing. */
  async function getAs(user: Caller, resource: string, id: number): Promise<Rec> {
    const response = await get(user, `/api/${resource}/${id}`);
    expectStatus(response, 200);
    return response.body as Rec;
  }
  async function metaEntity(user: Caller, name: string): Promise<Obj> {
    const response = await get(user, '/api/_meta');
    expectStatus(response, 200);
    return (response.body as Obj).entities.find((e: Obj) => e.name === name);
  }
  let ticket = 0;
  const delivery = (vehicle: string, net_weight: string, extra: Obj = {}) => ({ ticket_no: `W-${++ticket}`, date: '2026-05-01', vehicle, net_weight, ...extra });
  const newContract = (fields: Obj = {}) => create(t, 'contracts', { side: 'purchase', partner: partner.id, commodity: commodity.id, quantity: '100', ...fields });

  describe('hidden fields', () => {
    const HIDDEN = ['email', 'credit_limit'];

    it('are absent from lists, get one, getMany and _meta', async () => {
      const listed = await listAs(users.clerk, 'partners', { sort: ['id', 'ASC'], range: ALL });
      const one = await getAs(users.clerk, 'partners', secretive.id);
      const many = await listAs(users.clerk, 'partners', { filter: { id: [partner.id, secretive.id] } });
      expect(many.ids.sort(byId)).toEqual([partner.id, secretive.id]);
      for (const record of [...listed.records, one, ...many.records]) {
        expect(record).toHaveProperty('name');
        expect(record).toHaveProperty('vat_id');
        for (const field of HIDDEN) expect(record).not.toHaveProperty(field);
      }
      expect(JSON.stringify([listed.records, one, many.records])).not.toContain(SECRET_EMAIL);
      const meta = await metaEntity(users.clerk, 'partner');
      const names = meta.fields.map((f: Obj) => f.name);
      expect(names).toContain('vat_id');
      for (const field of HIDDEN) expect(names).not.toContain(field);
      expect(meta.list).toEqual(['name', 'kind', 'vat_id', 'active']);
      expect(meta.search).toEqual(['name', 'vat_id']);
      expect(meta.fields.find((f: Obj) => f.name === 'vat_id').writable).toBe(false);
      expect(meta.fields.find((f: Obj) => f.name === 'name').writable).toBe(true);
    });

    it('cannot be filtered by (400), although the same filter works for a user who may read them', async () => {
      for (const filter of [{ credit_limit_gte: 100000 }, { credit_limit: '250000' }, { email: SECRET_EMAIL }, { email_like: 'verschwiegen' }]) {
        // The admin's answer proves the filter itself is well-formed: the 400 is about the permission.
        expectStatus(await t.request('GET', listUrl('partners', { filter })), 200);
        expectBadQuery(await get(users.clerk, listUrl('partners', { filter })), `filter.${Object.keys(filter)[0]}`);
      }
    });

    it('cannot be sorted by (400): the order would reveal the values', async () => {
      for (const field of HIDDEN) {
        expectStatus(await t.request('GET', listUrl('partners', { sort: [field, 'ASC'] })), 200);
        expectBadQuery(await get(users.clerk, listUrl('partners', { sort: [field, 'DESC'] })), 'sort');
      }
    });

    it('are never matched by the q search', async () => {
      const admin = await t.request<Rec[]>('GET', listUrl('partners', { filter: { q: 'verschwiegen' } }));
      expect(admin.body.map((r) => r.id)).toEqual([secretive.id]);
      const clerk = await listAs(users.clerk, 'partners', { filter: { q: 'verschwiegen' } });
      expect(clerk.ids).toEqual([]);
      expect(clerk.total).toBe('0');
      // The search still works on the fields the clerk may read.
      expect((await listAs(users.clerk, 'partners', { filter: { q: 'Geheim' } })).ids).toEqual([secretive.id]);
    });

    it('of a referenced entity are not searched or sorted through (contract search on partner.name)', async () => {
      const contract = await newContract({ partner: secretive.id });
      const admin = await t.request<Rec[]>('GET', listUrl('contracts', { filter: { q: 'Geheim' } }));
      expect(admin.body.map((r) => r.id)).toEqual([contract.id]);
      expect((await listAs(users.anonymous, 'contracts', { filter: { q: 'Geheim' } })).ids).toEqual([]);
      expect((await listAs(users.anonymous, 'contracts', { filter: { q: contract.number } })).ids).toEqual([contract.id]);
      // A reference sorts by the target's title, here the hidden partner name.
      expectBadQuery(await get(users.anonymous, listUrl('contracts', { sort: ['partner', 'ASC'] })), 'sort');
    });

    it('of a referenced entity are left out of the search fields _meta lists', async () => {
      // The server never searches partner.name for this user; the UI must not offer it either.
      expect((await metaEntity(users.anonymous, 'contract')).search).toEqual(['number']);
      expect((await metaEntity(t, 'contract')).search).toEqual(['number', 'partner.name']);
    });

    it('of child rows are absent from the rows inside the parent and from the child list', async () => {
      const contract = await newContract({ deliveries: [delivery('HH-X-1', '10', { moisture: '14.25' }), delivery('HH-X-2', '12', { moisture: '13.75' })] });
      const one = await getAs(users.clerk, 'contracts', contract.id);
      expect(one.deliveries).toHaveLength(2);
      const rows = await listAs(users.clerk, 'deliveries', { filter: { contract: contract.id } });
      expect(rows.ids).toHaveLength(2);
      for (const row of [...one.deliveries, ...rows.records]) {
        expect(row).toHaveProperty('net_weight');
        expect(row).not.toHaveProperty('moisture');
      }
      expect(JSON.stringify([one, rows.records])).not.toMatch(/14\.25|13\.75/);
      expectBadQuery(await get(users.clerk, listUrl('deliveries', { filter: { moisture_gte: 14 } })), 'filter.moisture_gte');
      expectBadQuery(await get(users.clerk, listUrl('deliveries', { sort: ['moisture', 'ASC'] })), 'sort');
      expect((await metaEntity(users.clerk, 'delivery')).fields.map((f: Obj) => f.name)).not.toContain('moisture');
    });
  });

  describe('mass assignment', () => {
    /** Partners by exact name, as the admin sees them: proof that a refused write left nothing behind. */
    const partnersNamed = async (name: string) => (await t.request<Rec[]>('GET', listUrl('partners', { filter: { name } }))).body;

    it('a POST with a hidden field is refused (403 naming it) and nothing is created', async () => {
      for (const [field, value] of [['credit_limit', '1000000'], ['email', 'x@example.org']] as const) {
        const name = `Neu ${field}`;
        const response = await t.request('POST', '/api/partners', { name, kind: 'customer', [field]: value }, as(users.clerk));
        expectForbidden(response, { entity: 'partner', action: 'create', field });
        expect(await partnersNamed(name)).toEqual([]);
      }
    });

    it('a PUT with a hidden field is refused (403 naming it) and the record is unchanged', async () => {
      const before = await getOne(t, 'partners', secretive.id);
      const response = await t.request('PUT', `/api/partners/${secretive.id}`, { name: 'Geheim Handel KG', credit_limit: '999999' }, as(users.clerk));
      expectForbidden(response, { entity: 'partner', action: 'update', field: 'credit_limit' }, [SECRET_EMAIL, before.credit_limit, 'Vertraulich']);
      // Unlike a read-only field, a hidden one is refused even with its stored value: a 200 would confirm a guess.
      for (const [field, value] of [['credit_limit', before.credit_limit], ['email', SECRET_EMAIL]]) {
        expectForbidden(await t.request('PUT', `/api/partners/${secretive.id}`, { [field]: value }, as(users.clerk)), { entity: 'partner', action: 'update', field });
      }
      expect(await getOne(t, 'partners', secretive.id)).toEqual(before);
    });

    it('a read-only field cannot be set on create nor changed on update; sending it back unchanged is fine', async () => {
      const refused = await t.request('POST', '/api/partners', { name: 'Neu mit USt', vat_id: 'DE123123123' }, as(users.clerk));
      expectForbidden(refused, { entity: 'partner', action: 'create', field: 'vat_id' });
      expect(await partnersNamed('Neu mit USt')).toEqual([]);
      // null sets nothing, as a create form with an empty read-only input sends it.
      const created = await t.request<Rec>('POST', '/api/partners', { name: 'Neu ohne USt', vat_id: null }, as(users.clerk));
      expectStatus(created, 201);
      expect(created.body.vat_id).toBeNull();

      const before = await getOne(t, 'partners', partner.id);
      const changed = await t.request('PUT', `/api/partners/${partner.id}`, { vat_id: 'DE999999999' }, as(users.clerk));
      expectForbidden(changed, { entity: 'partner', action: 'update', field: 'vat_id' }, [before.credit_limit, before.email]);
      expect(await getOne(t, 'partners', partner.id)).toEqual(before);

      // react-admin sends back the whole record the clerk read, read-only field included.
      const seen = await getAs(users.clerk, 'partners', partner.id);
      const saved = await t.request<Rec>('PUT', `/api/partners/${partner.id}`, { ...seen, name: 'Müller Agrar AG' }, as(users.clerk));
      expectStatus(saved, 200);
      expect(await getOne(t, 'partners', partner.id)).toMatchObject({ name: 'Müller Agrar AG', vat_id: before.vat_id, email: before.email, credit_limit: before.credit_limit, version: before.version + 1 });
    });

    it('a hidden field in a child row of a parent write is refused and nothing changes', async () => {
      const contract = await newContract({ deliveries: [delivery('HH-M-1', '5', { moisture: '11.00' })] });
      const row = (await getAs(users.clerk, 'contracts', contract.id)).deliveries[0] as Rec;
      const before = await getOne(t, 'contracts', contract.id);
      const changed = await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [{ ...row, moisture: '30.00' }] }, as(users.clerk));
      expectForbidden(changed, { entity: 'delivery', action: 'update', field: 'moisture' });
      const added = await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [row, delivery('HH-M-2', '6', { moisture: '9.00' })] }, as(users.clerk));
      expectForbidden(added, { entity: 'delivery', action: 'create', field: 'moisture' });
      expect(await getOne(t, 'contracts', contract.id)).toEqual(before);
      const posted = await t.request('POST', '/api/contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '1', notes: 'refused child', deliveries: [delivery('HH-M-3', '1', { moisture: '8' })] }, as(users.clerk));
      expectForbidden(posted, { entity: 'delivery', action: 'create', field: 'moisture' });
      expect((await t.request<Rec[]>('GET', listUrl('contracts', { filter: { notes: 'refused child' } }))).body).toEqual([]);
    });

    it('system fields in a body (id, version, created_at, updated_at) are ignored, not honoured', async () => {
      const stamp = '2001-01-01T00:00:00.000Z';
      const started = Date.now();
      const response = await t.request<Rec>('POST', '/api/partners', { id: 4242, version: 9, created_at: stamp, updated_at: stamp, name: 'Systemfelder GmbH' }, as(users.clerk));
      expectStatus(response, 201);
      const created = response.body;
      expect(created.id).not.toBe(4242);
      expect(created.version).toBe(1);
      expect(Date.parse(created.created_at)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(created.updated_at)).toBeGreaterThanOrEqual(started - 1000);
      expectNotFound(await t.request('GET', '/api/partners/4242'));

      // On PUT the URL names the record; an id in the body does not redirect the write to another one.
      const other = await getOne(t, 'partners', secretive.id);
      const updated = await t.request<Rec>('PUT', `/api/partners/${created.id}`, { id: secretive.id, version: created.version, created_at: stamp, updated_at: stamp, name: 'Systemfelder AG' }, as(users.clerk));
      expectStatus(updated, 200);
      expect(updated.body).toMatchObject({ id: created.id, name: 'Systemfelder AG', version: 2, created_at: created.created_at });
      expect(updated.body.updated_at).not.toBe(stamp);
      expect(await getOne(t, 'partners', secretive.id)).toEqual(other);
      // `version` is the optimistic lock, never a value to store: a stale one is a conflict.
      expectStatus(await t.request('PUT', `/api/partners/${created.id}`, { version: 1, name: 'Systemfelder SE' }, as(users.clerk)), 409);
    });
  });

  describe('row scope', () => {
    let finance: Rec[];
    let compliance: Rec[];
    beforeAll(async () => {
      // Only this block uses the finance and compliance desks, so their counts are known.
      finance = [await newContract({ desk: 'finance' }), await newContract({ desk: 'finance', owner: users.fiona.id }), await newContract({ desk: 'finance', owner: users.alice.id })];
      compliance = [await newContract({ desk: 'compliance', owner: users.fiona.id, notes: 'Prüfung läuft' }), await newContract({ desk: 'compliance' })];
    });
    const financeIds = () => finance.map((c) => c.id).sort(byId);

    it('a list and its total count only the rows in scope, on every page', async () => {
      const admin = await t.request<Rec[]>('GET', listUrl('contracts', { filter: { desk: ['finance', 'compliance'] } }));
      expect(admin.headers['x-total-count']).toBe('5');
      const all = await listAs(users.fiona, 'contracts', { sort: ['id', 'ASC'], range: ALL });
      expect(all.ids).toEqual(financeIds());
      expect(all.range).toBe('contracts 0-2/3');
      expect(all.total).toBe('3');
      // A full page and a page past the end make the server count rather than infer the total.
      expect((await listAs(users.fiona, 'contracts', { sort: ['id', 'ASC'], range: [0, 0] })).range).toBe('contracts 0-0/3');
      expect((await listAs(users.fiona, 'contracts', { range: [5, 9] })).range).toBe('contracts */3');
      const outside = await listAs(users.fiona, 'contracts', { filter: { desk: 'compliance' } });
      expect([outside.ids, outside.range, outside.total]).toEqual([[], 'contracts */0', '0']);
      const none = await listAs(users.nodept, 'contracts', { range: [0, 0] });
      expect([none.ids, none.range, none.total]).toEqual([[], 'contracts */0', '0']);
    });

    it('get one outside the scope is a 404 that looks like a record that does not exist', async () => {
      const hidden = compliance[0] as Rec;
      const outside = await get(users.fiona, `/api/contracts/${hidden.id}`);
      expectNotFound(outside, [hidden.number, 'Prüfung läuft']);
      const missing = await get(users.fiona, '/api/contracts/999999');
      expectNotFound(missing);
      expect((outside.body as Obj).message.replace(String(hidden.id), 'N')).toBe((missing.body as Obj).message.replace('999999', 'N'));
      expectStatus(await get(users.fiona, `/api/contracts/${finance[0]?.id}`), 200);
    });

    it('getMany (a reference field resolving its ids) returns only the rows in scope', async () => {
      const ids = [...compliance, ...finance].map((c) => c.id);
      const many = await listAs(users.fiona, 'contracts', { filter: { id: ids } });
      expect(many.ids.sort(byId)).toEqual(financeIds());
      expect(many.range).toBe('contracts 0-2/3');
      expect(JSON.stringify(many.records)).not.toContain('Prüfung läuft');
    });

    it('an update that would move a record out of the update scope is refused and changes nothing', async () => {
      const own = await newContract({ desk: 'contracts', owner: users.alice.id, notes: 'vorher' });
      const response = await t.request('PUT', `/api/contracts/${own.id}`, { owner: users.bob.id, notes: 'nachher' }, as(users.alice));
      expectForbidden(response, { entity: 'contract', action: 'update' });
      expect(await getOne(t, 'contracts', own.id)).toEqual(own);
      // The same change without giving the record away is allowed.
      const kept = await t.request<Rec>('PUT', `/api/contracts/${own.id}`, { notes: 'nachher' }, as(users.alice));
      expectStatus(kept, 200);
      expect(kept.body).toMatchObject({ owner: users.alice.id, notes: 'nachher', version: own.version + 1 });
    });

    it('updating or deleting outside the scope: 403 when the record is readable, 404 when it is not; nothing changes', async () => {
      const readable = await newContract({ desk: 'contracts', owner: users.bob.id, notes: 'Bobs Kontrakt' });
      const unreadable = await newContract({ desk: 'orders', owner: users.carol.id, notes: 'Carols Kontrakt' });
      const secrets = (c: Rec) => [c.number, c.notes];
      expectForbidden(await t.request('PUT', `/api/contracts/${readable.id}`, { quantity: '1' }, as(users.alice)), { entity: 'contract', action: 'update' }, secrets(readable));
      expectForbidden(await t.request('DELETE', `/api/contracts/${readable.id}`, undefined, as(users.alice)), { entity: 'contract', action: 'delete' }, secrets(readable));
      expectNotFound(await t.request('PUT', `/api/contracts/${unreadable.id}`, { quantity: '1' }, as(users.alice)), secrets(unreadable));
      expectNotFound(await t.request('DELETE', `/api/contracts/${unreadable.id}`, undefined, as(users.alice)), secrets(unreadable));
      expect(await getOne(t, 'contracts', readable.id)).toEqual(readable);
      expect(await getOne(t, 'contracts', unreadable.id)).toEqual(unreadable);
      // Their own record they may delete.
      const own = await newContract({ desk: 'contracts', owner: users.alice.id });
      expectStatus(await t.request('DELETE', `/api/contracts/${own.id}`, undefined, as(users.alice)), 200);
      expectNotFound(await t.request('GET', `/api/contracts/${own.id}`));
    });

    it('a create outside the create scope is refused and nothing is created', async () => {
      const total = async () => (await t.request('GET', listUrl('contracts', { range: [0, 0] }))).headers['x-total-count'];
      const before = await total();
      const body = { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '7', desk: 'contracts' };
      expectForbidden(await t.request('POST', '/api/contracts', { ...body, owner: users.bob.id }, as(users.alice)), { entity: 'contract', action: 'create' });
      expectForbidden(await t.request('POST', '/api/contracts', body, as(users.alice)), { entity: 'contract', action: 'create' });
      expect(await total()).toBe(before);
      const created = await t.request<Rec>('POST', '/api/contracts', { ...body, owner: users.alice.id }, as(users.alice));
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ owner: users.alice.id, desk: 'contracts', quantity: expect.stringMatching(/^7(\.0+)?$/) });
    });
  });

  describe('a field hidden by one role and shown by another with a scope', () => {
    let orders: Rec;
    let others: Rec[];
    beforeAll(async () => {
      orders = await newContract({ desk: 'orders', price: '210.50' });
      others = [await newContract({ desk: 'contracts', price: '199.25' }), await newContract({ price: '188.75' })];
    });

    it('is shown only on the rows the revealing grant covers, in lists, getMany and get one', async () => {
      const ids = [orders.id, ...others.map((c) => c.id)];
      const listed = await listAs(users.mixed, 'contracts', { range: ALL });
      const many = await listAs(users.mixed, 'contracts', { filter: { id: ids } });
      expect(many.ids.sort(byId)).toEqual(ids.sort(byId));
      const ones = await Promise.all(ids.map((id) => getAs(users.mixed, 'contracts', id)));
      for (const record of [...listed.records, ...many.records, ...ones]) {
        if (record.desk === 'orders') expect(record).toHaveProperty('price');
        else expect(record, `contract ${record.id} (desk ${record.desk})`).not.toHaveProperty('price');
      }
      expect(ones.find((r) => r.id === orders.id)?.price).toBe(orders.price);
      expect(JSON.stringify([listed.records, many.records, ones])).not.toMatch(/199\.25|188\.75/);
      // Each role alone: the unscoped one never shows the price, the scoped one sees only its rows.
      expect((await listAs(users.priceBlind, 'contracts', { filter: { id: ids } })).records.every((r) => !('price' in r))).toBe(true);
      expect((await listAs(users.ordersDesk, 'contracts', { filter: { id: ids } })).ids).toEqual([orders.id]);
    });

    it('cannot be sorted or filtered by, because it is not readable everywhere', async () => {
      expectBadQuery(await get(users.mixed, listUrl('contracts', { sort: ['price', 'ASC'] })), 'sort');
      expectBadQuery(await get(users.mixed, listUrl('contracts', { filter: { price_gte: 190 } })), 'filter.price_gte');
      // The user who sees the price on every row they can read may do both.
      expectStatus(await get(users.ordersDesk, listUrl('contracts', { sort: ['price', 'ASC'], filter: { price_gte: 190 } })), 200);
      const price = (await metaEntity(users.mixed, 'contract')).fields.find((f: Obj) => f.name === 'price');
      expect(price).toMatchObject({ readable: true, sortable: false, filters: [] });
    });
  });

  describe('children with a scope of their own', () => {
    const TRUCKS = ['HH-AB-101', 'HH-AB-102'] as const;
    /** A contract with two deliveries the yard may see and one it may not. */
    async function contractWithDeliveries(): Promise<{ contract: Rec; visible: [Rec, Rec]; invisible: Rec }> {
      const contract = await newContract({ deliveries: [delivery(TRUCKS[0], '10'), delivery(TRUCKS[1], '20'), delivery('B-XY-999', '40')] });
      const row = (vehicle: string) => (contract.deliveries as Rec[]).find((r) => r.vehicle === vehicle) as Rec;
      return { contract, visible: [row(TRUCKS[0]), row(TRUCKS[1])], invisible: row('B-XY-999') };
    }

    it('rows outside the child read scope are left out of the parent and the child list', async () => {
      const { contract, visible, invisible } = await contractWithDeliveries();
      const one = await getAs(users.yard, 'contracts', contract.id);
      expect(one.deliveries.map((r: Rec) => r.id).sort(byId)).toEqual(visible.map((r) => r.id).sort(byId));
      const rows = await listAs(users.yard, 'deliveries', { filter: { contract: contract.id } });
      expect([rows.ids.sort(byId), rows.total]).toEqual([visible.map((r) => r.id).sort(byId), '2']);
      expect(JSON.stringify([one, rows.records])).not.toContain(invisible.ticket_no);
      expectNotFound(await get(users.yard, `/api/deliveries/${invisible.id}`));
    });

    it('a PUT of the parent with a children list keeps the rows the user cannot see', async () => {
      const { contract, visible, invisible } = await contractWithDeliveries();
      const seen = await getAs(users.yard, 'contracts', contract.id);
      const first = seen.deliveries.find((r: Rec) => r.id === visible[0].id) as Rec;
      // The list as the yard sends it: the first row changed, the second removed, the invisible one never known.
      const response = await t.request('PUT', `/api/contracts/${contract.id}`, { version: seen.version, deliveries: [{ ...first, net_weight: '11' }] }, as(users.yard));
      expectStatus(response, 200);
      const after = (await getOne(t, 'contracts', contract.id)).deliveries as Rec[];
      expect(after.map((r) => r.id).sort(byId)).toEqual([visible[0].id, invisible.id].sort(byId));
      expect(Number(after.find((r) => r.id === visible[0].id)?.net_weight)).toBe(11);
      expect(after.find((r) => r.id === invisible.id)).toEqual(invisible);
    });

    it('a row outside the read scope cannot be reached by its id, through the parent or directly', async () => {
      const { contract, visible, invisible } = await contractWithDeliveries();
      const before = await getOne(t, 'contracts', contract.id);
      const response = await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [...visible, { ...invisible, net_weight: '0' }] }, as(users.yard));
      expectStatus(response, 422);
      expect(response.body).toMatchObject({ code: 'KONTOR_HTTP_INVALID_REFERENCE' });
      expect(JSON.stringify(response.body)).not.toContain(invisible.ticket_no);
      expectNotFound(await t.request('PUT', `/api/deliveries/${invisible.id}`, { net_weight: '0' }, as(users.yard)), [invisible.ticket_no]);
      expectNotFound(await t.request('DELETE', `/api/deliveries/${invisible.id}`, undefined, as(users.yard)), [invisible.ticket_no]);
      expect(await getOne(t, 'contracts', contract.id)).toEqual(before);
    });

    it('the direct child routes refuse a row outside the child create or update scope', async () => {
      const { contract, visible } = await contractWithDeliveries();
      const before = await getOne(t, 'contracts', contract.id);
      expectForbidden(await t.request('POST', '/api/deliveries', { ...delivery('B-XY-1', '3'), contract: contract.id }, as(users.yard)), { entity: 'delivery', action: 'create' });
      expectForbidden(await t.request('PUT', `/api/deliveries/${visible[0].id}`, { vehicle: 'B-XY-2' }, as(users.yard)), { entity: 'delivery', action: 'update' });
      expect(await getOne(t, 'contracts', contract.id)).toEqual(before);
    });

    // Children follow the child entity's own grants, so the parent route must refuse what the child route does.
    it('a new child row written through the parent must lie inside the child create scope', async () => {
      const { contract, visible } = await contractWithDeliveries();
      const before = await getOne(t, 'contracts', contract.id);
      const added = await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [...visible, delivery('B-XY-3', '3')] }, as(users.yard));
      expectForbidden(added, { entity: 'delivery', action: 'create' });
      expect(await getOne(t, 'contracts', contract.id)).toEqual(before);
    });

    it('a child row changed through the parent must not move out of the child update scope', async () => {
      const { contract, visible } = await contractWithDeliveries();
      const before = await getOne(t, 'contracts', contract.id);
      const moved = await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [{ ...visible[0], vehicle: 'B-XY-4' }, visible[1]] }, as(users.yard));
      expectForbidden(moved, { entity: 'delivery', action: 'update' });
      expect(await getOne(t, 'contracts', contract.id)).toEqual(before);
    });
  });

  describe('computed aggregates', () => {
    let contract: Rec;
    beforeAll(async () => {
      contract = await newContract({ deliveries: [delivery('HH-AB-101', '10'), delivery('B-XY-998', '40')] });
    });

    it('are hidden when the field they sum is hidden', async () => {
      expect(Number((await getOne(t, 'contracts', contract.id)).delivered)).toBe(50);
      const one = await getAs(users.weightBlind, 'contracts', contract.id);
      expect(one).not.toHaveProperty('delivered');
      expect(one.deliveries).toHaveLength(2);
      for (const row of one.deliveries) expect(row).not.toHaveProperty('net_weight');
      const listed = await listAs(users.weightBlind, 'contracts', { filter: { id: [contract.id] } });
      expect(listed.ids).toEqual([contract.id]);
      expect(listed.records[0]).not.toHaveProperty('delivered');
      expectBadQuery(await get(users.weightBlind, listUrl('contracts', { sort: ['delivered', 'DESC'] })), 'sort');
      expectBadQuery(await get(users.weightBlind, listUrl('contracts', { filter: { delivered_gte: 45 } })), 'filter.delivered_gte');
      const meta = await metaEntity(users.weightBlind, 'contract');
      expect(meta.fields.map((f: Obj) => f.name)).not.toContain('delivered');
      expect(meta.list).not.toContain('delivered');
    });

    it('are hidden when the field they sum is readable on some rows only', async () => {
      const one = await getAs(users.yardWeightBlind, 'contracts', contract.id);
      expect(one).not.toHaveProperty('delivered');
      const rows = one.deliveries as Rec[];
      expect(rows.map((r) => [r.vehicle, 'net_weight' in r]).sort()).toEqual([['B-XY-998', false], ['HH-AB-101', true]]);
      expectBadQuery(await get(users.yardWeightBlind, listUrl('contracts', { filter: { delivered_gte: 45 } })), 'filter.delivered_gte');
    });

    it('are hidden, with the children, when the child entity is not readable', async () => {
      const one = await getAs(users.contractsOnly, 'contracts', contract.id);
      expect(one).toHaveProperty('quantity');
      expect(one).not.toHaveProperty('deliveries');
      expect(one).not.toHaveProperty('delivered');
      expectBadQuery(await get(users.contractsOnly, listUrl('contracts', { sort: ['delivered', 'ASC'] })), 'sort');
      expect((await metaEntity(users.contractsOnly, 'contract')).fields.map((f: Obj) => f.name)).not.toContain('delivered');
    });

    it('never add up child rows outside the read scope', async () => {
      // The yard sees the 10 t row, not the 40 t one: a total of 50 would tell them what they cannot see.
      const one = await getAs(users.yard, 'contracts', contract.id);
      expect(one.deliveries.map((r: Rec) => Number(r.net_weight))).toEqual([10]);
      const [listed] = (await listAs(users.yard, 'contracts', { filter: { id: [contract.id] } })).records as [Rec];
      // Either answer keeps the 40 t secret: no total at all, or the total of the visible rows.
      const total = (record: Rec) => ('delivered' in record ? Number(record.delivered) : 'hidden');
      expect(['hidden', 10]).toContain(total(one));
      expect(['hidden', 10]).toContain(total(listed));
    });
  });

  describe('dashboard items in _meta', () => {
    /** Each department's dashboard items (by English label) as the user's _meta carries them. */
    async function dashboards(user: Caller): Promise<Record<string, string[]>> {
      const response = await get(user, '/api/_meta');
      expectStatus(response, 200);
      return Object.fromEntries((response.body as Obj).departments.map((d: Obj) => [d.name, d.dashboard.map((item: Obj) => item.label.en)]));
    }
    const CREDIT = 'Partners with a large credit limit';
    const INACTIVE = 'Inactive partners';
    const OPEN = 'Open contracts';
    const DUE = 'Deliveries due within 14 days';
    const PRICE = 'Contracts above 500 per unit';
    const WET = 'Wet deliveries';
    const WEIGHED = 'Deliveries weighed today';

    it('leave out items on an entity the user may not read or a field they may not read on every row', async () => {
      // The admin gets every item, also in `orders`, a department with no entity of its own.
      expect(await dashboards(t)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE, PRICE, WET], orders: [WEIGHED], quality: [], system: [] });
      // Partner credit limits and delivery moisture are hidden from the clerk.
      expect(await dashboards(users.clerk)).toEqual({ masterdata: [INACTIVE], contracts: [OPEN, DUE, PRICE], orders: [WEIGHED] });
      // Deliveries unreadable: their items go, and so does `orders`, which has nothing else for them.
      expect(await dashboards(users.contractsOnly)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE, PRICE] });
      // The price hidden everywhere, or shown on the orders desk's contracts only: a count over all of them would tell.
      expect(await dashboards(users.priceBlind)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE] });
      expect(await dashboards(users.mixed)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE] });
      // A row scope alone hides no field: the count runs over the rows the scope lets them see.
      expect(await dashboards(users.ordersDesk)).toEqual({ contracts: [OPEN, DUE, PRICE] });
      expect(await dashboards(users.yard)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE, PRICE, WET], orders: [WEIGHED] });
      // Net weights hidden, moisture not: the wet deliveries stay.
      expect(await dashboards(users.weightBlind)).toEqual({ masterdata: [CREDIT, INACTIVE], contracts: [OPEN, DUE, PRICE, WET], orders: [WEIGHED] });
    });

    it('are kept exactly when the list route lets the user count them (the same rule as filters)', async () => {
      const adminMeta = (await get(t, '/api/_meta')).body as Obj;
      const items = adminMeta.departments.flatMap((d: Obj) => d.dashboard) as Obj[];
      const resource = (entity: string) => adminMeta.entities.find((e: Obj) => e.name === entity).resource as string;
      const mismatches: string[] = [];
      for (const [name, user] of Object.entries(users)) {
        const kept = new Set(Object.values(await dashboards(user)).flat());
        for (const item of items) {
          // As the overview counts: newest first by id (the entity's own sort may be on a field hidden from the user).
          const response = await get(user, listUrl(resource(item.entity), { filter: resolveFilter(item.filter), sort: ['id', 'DESC'], range: [0, 0] }));
          if ((response.status === 200) !== kept.has(item.label.en)) mismatches.push(`${name} "${item.label.en}": list ${response.status}, _meta ${kept.has(item.label.en) ? 'keeps' : 'drops'} it`);
          else if (response.status !== 200) expect([400, 403], `${name} "${item.label.en}"`).toContain(response.status);
        }
      }
      expect(mismatches).toEqual([]);
    });
  });

  describe('403 answers', () => {
    it('name the missing grant and carry no record data', async () => {
      const stored = await getOne(t, 'partners', secretive.id);
      const secrets = [stored.name, SECRET_EMAIL, stored.credit_limit, 'Vertraulich'];
      expectForbidden(await t.request('DELETE', `/api/partners/${secretive.id}`, undefined, as(users.clerk)), { entity: 'partner', action: 'delete' }, secrets);
      expectForbidden(await t.request('PUT', `/api/partners/${secretive.id}`, { name: 'x' }, as(users.contractsOnly)), { entity: 'partner', action: 'update' }, secrets);
      expectForbidden(await t.request('POST', '/api/contracts', { side: 'sale', partner: secretive.id, commodity: commodity.id, quantity: '1' }, as(users.contractsOnly)), { entity: 'contract', action: 'create' }, secrets);
      expectForbidden(await get(users.yard, `/api/samples`), { entity: 'sample', action: 'read' });
      expect(await getOne(t, 'partners', secretive.id)).toEqual(stored);
    });
  });
});
