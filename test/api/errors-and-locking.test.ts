import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp, type TestResponse } from './harness.ts';
import { create, expectError, expectNoInternals, expectStatus, getOne, update, type Rec } from './seed-helpers.ts';

/** A request with a raw body and content type, which the harness's JSON helper cannot send. */
async function raw(t: TestApp, method: 'POST' | 'PUT', url: string, payload: string | Buffer, contentType?: string): Promise<TestResponse> {
  const response = await t.app.inject({ method, url, payload, headers: { ...t.authHeaders, ...(contentType ? { 'content-type': contentType } : {}) } });
  let body: unknown;
  try {
    body = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    body = response.body;
  }
  return { status: response.statusCode, headers: response.headers, body };
}

describeEachEngine('errors and optimistic locking', (engine) => {
  let t: TestApp;
  let partner: Rec;
  let commodity: Rec;
  let vat = 100;
  const nextVat = () => `DE${String(++vat).padStart(9, '0')}`;
  beforeAll(async () => {
    t = await startTestApp(engine);
    commodity = await create(t, 'commodities', { name: 'Weizen' });
    partner = await create(t, 'partners', { name: 'Müller Agrar GmbH', vat_id: nextVat() });
  });
  afterAll(async () => t.close());
  let listening: string | undefined;
  /** Real HTTP on loopback, for requests that must really run at the same time. */
  const baseUrl = async () => (listening ??= await t.listen());

  const newContract = (deliveries: Array<Record<string, unknown>> = []) =>
    create(t, 'contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '10', deliveries });

  describe('404', () => {
    it.each(['999999', 'abc', '0', '-1', '1.5', '1e3', '0x10', '9999999999999999999', '999999999999999', '2147483648'])('unknown record id %s on GET, PUT and DELETE', async (id) => {
      expectError(await t.request('GET', `/api/partners/${id}`), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      expectError(await t.request('PUT', `/api/partners/${id}`, { name: 'x' }), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      expectError(await t.request('DELETE', `/api/partners/${id}`), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
    });

    it('unknown routes', async () => {
      for (const [method, url] of [
        ['GET', '/api/nonexistent'],
        ['GET', '/api/nonexistent/1'],
        ['POST', '/api/nonexistent'],
        ['GET', '/api/partners/1/extra'],
        ['GET', '/api'],
      ] as const) {
        expectError(await t.request(method, url, method === 'POST' ? {} : undefined), 404, { code: 'KONTOR_HTTP_ROUTE_NOT_FOUND' });
      }
      // Outside /api every path is the admin app's (its router owns them), never a JSON error.
      const page = await t.app.inject({ method: 'GET', url: '/nonexistent' });
      expect(page.headers['content-type']).toMatch(/^text\/html/);
    });

    it('a deleted record is gone: a second DELETE is a 404', async () => {
      const p = await create(t, 'partners', { name: 'Einmal' });
      expectStatus(await t.request('DELETE', `/api/partners/${p.id}`), 200);
      expectError(await t.request('DELETE', `/api/partners/${p.id}`), 404);
      expectError(await t.request('PUT', `/api/partners/${p.id}`, { name: 'wieder' }), 404);
    });
  });

  describe('400, 413, 415: bodies', () => {
    it('an unknown property → 400 naming it, on POST, PUT and in a child row', async () => {
      const post = expectError(await t.request('POST', '/api/partners', { name: 'X', nickname: 'Y' }), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['nickname'] });
      expect(post.message).toContain('nickname');
      expectError(await t.request('PUT', `/api/partners/${partner.id}`, { colour: 'blau' }), 400, { fields: ['colour'] });
      expectError(
        await t.request('POST', '/api/contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '1', deliveries: [{ ticket_no: 'U-1', net_weight: '1', driver: 'Hans' }] }),
        400,
        { fields: ['deliveries.0.driver'] },
      );
    });

    it('malformed JSON → 400', async () => {
      for (const payload of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x"}}', '']) {
        expectError(await raw(t, 'POST', '/api/partners', payload, 'application/json'), 400, { code: 'KONTOR_HTTP_MALFORMED_JSON' });
      }
      expectError(await raw(t, 'PUT', `/api/partners/${partner.id}`, '{"name":"x",}', 'application/json'), 400, { code: 'KONTOR_HTTP_MALFORMED_JSON' });
    });

    it('JSON that is not an object → 400', async () => {
      for (const payload of ['[1,2]', 'null', '"Müller"', '42', 'true']) {
        const response = await raw(t, 'POST', '/api/partners', payload, 'application/json');
        expectError(response, 400);
      }
    });

    it('a charset parameter on application/json is fine', async () => {
      expectStatus(await raw(t, 'POST', '/api/partners', JSON.stringify({ name: 'Zeichensatz' }), 'application/json; charset=utf-8'), 201);
    });

    it.each(['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'text/csv'])('content type %s → 415', async (type) => {
      expectError(await raw(t, 'POST', '/api/partners', 'name=x', type), 415, { code: 'KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE' });
      expectError(await raw(t, 'PUT', `/api/partners/${partner.id}`, 'name=x', type), 415, { code: 'KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE' });
    });

    it('a body over the 1 MiB limit → 413; one just under it is accepted', async () => {
      const over = JSON.stringify({ name: 'Gross', notes: 'x'.repeat(1024 * 1024) });
      expectError(await raw(t, 'POST', '/api/partners', over, 'application/json'), 413, { code: 'KONTOR_HTTP_BODY_TOO_LARGE' });
      expectError(await raw(t, 'PUT', `/api/partners/${partner.id}`, over, 'application/json'), 413, { code: 'KONTOR_HTTP_BODY_TOO_LARGE' });
      const under = JSON.stringify({ name: 'Gross genug', notes: 'ä'.repeat(400_000) });
      const created = await raw(t, 'POST', '/api/partners', under, 'application/json');
      expectStatus(created, 201);
      expect((created.body as Rec).notes).toHaveLength(400_000);
    });
  });

  describe('409', () => {
    it('a unique value taken → 409 naming the field, on POST and PUT', async () => {
      const taken = partner.vat_id as string;
      const post = expectError(await t.request('POST', '/api/partners', { name: 'Doppelgänger', vat_id: taken }), 409, { code: 'KONTOR_HTTP_UNIQUE_VIOLATION', fields: ['vat_id'] });
      expect(post.message).toMatch(/vat/i);
      const other = await create(t, 'partners', { name: 'Anderer', vat_id: nextVat() });
      expectError(await t.request('PUT', `/api/partners/${other.id}`, { vat_id: taken, notes: 'nicht speichern' }), 409, { fields: ['vat_id'] });
      expect(await getOne(t, 'partners', other.id)).toMatchObject({ vat_id: other.vat_id, notes: null, version: other.version });
      expectError(await t.request('POST', '/api/commodities', { name: commodity.name }), 409, { fields: ['name'] });
      // Empty values are not duplicates of each other.
      await create(t, 'partners', { name: 'Ohne USt 1', vat_id: null });
      await create(t, 'partners', { name: 'Ohne USt 2' });
    });

    it('deleting a partner a contract still points at → 409; once the contract is gone it can go', async () => {
      const p = await create(t, 'partners', { name: 'Gebunden', vat_id: nextVat() });
      const contract = await create(t, 'contracts', { side: 'purchase', partner: p.id, commodity: commodity.id, quantity: '1' });
      const body = expectError(await t.request('DELETE', `/api/partners/${p.id}`), 409, { code: 'KONTOR_HTTP_STILL_REFERENCED' });
      expect(body.message).toMatch(/contract/i);
      expect((await getOne(t, 'partners', p.id)).name).toBe('Gebunden');
      expectError(await t.request('DELETE', `/api/commodities/${commodity.id}`), 409, { code: 'KONTOR_HTTP_STILL_REFERENCED' });
      expectStatus(await t.request('DELETE', `/api/contracts/${contract.id}`), 200);
      expectStatus(await t.request('DELETE', `/api/partners/${p.id}`), 200);
    });
  });

  describe('optimistic locking', () => {
    it('a stale version → 409 KONTOR_HTTP_VERSION_CONFLICT and nothing changes', async () => {
      const p = await create(t, 'partners', { name: 'Version' });
      const v2 = await update(t, 'partners', p.id, { version: p.version, notes: 'erste' });
      expect(v2.version).toBe(p.version + 1);
      const body = expectError(await t.request('PUT', `/api/partners/${p.id}`, { version: p.version, notes: 'veraltet' }), 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT' });
      expect(body.errors).toHaveProperty('version');
      expect(await getOne(t, 'partners', p.id)).toMatchObject({ notes: 'erste', version: v2.version });
      expectError(await t.request('PUT', `/api/partners/${p.id}`, { version: v2.version + 5, notes: 'zukunft' }), 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT' });
    });

    it('a PUT without version merges and still bumps the version', async () => {
      const p = await create(t, 'partners', { name: 'Ohne Version', email: 'a@example.org', credit_limit: '5000', kind: 'supplier' });
      const updated = await update(t, 'partners', p.id, { notes: 'nur das' });
      expect(updated).toMatchObject({ name: 'Ohne Version', email: 'a@example.org', credit_limit: '5000.00', kind: 'supplier', notes: 'nur das', version: p.version + 1 });
      expect(updated.updated_at >= p.updated_at).toBe(true);
      expect(updated.created_at).toBe(p.created_at);
    });

    it('PUT merges: the fields absent from the body keep their values (updateMany)', async () => {
      const p = await create(t, 'partners', { name: 'Mischen', vat_id: nextVat(), active: false, commodities: [commodity.id], notes: 'bleibt' });
      const updated = await update(t, 'partners', p.id, { kind: 'both' });
      expect(updated).toEqual({ ...p, kind: 'both', version: p.version + 1, updated_at: updated.updated_at });
      expect(await getOne(t, 'partners', p.id)).toEqual(updated);
    });

    it('the id in a PUT body does not redirect the write', async () => {
      const a = await create(t, 'partners', { name: 'A' });
      const b = await create(t, 'partners', { name: 'B' });
      expect((await update(t, 'partners', a.id, { id: b.id, name: 'A2' })).id).toBe(a.id);
      expect((await getOne(t, 'partners', b.id)).name).toBe('B');
    });

    it('changing only a child row bumps the parent version', async () => {
      const contract = await newContract([{ ticket_no: 'V-1', net_weight: '1' }]);
      const row = contract.deliveries[0] as Rec;
      const updated = await update(t, 'contracts', contract.id, { version: contract.version, deliveries: [{ ...row, net_weight: '2' }] });
      expect(updated.version).toBe(contract.version + 1);
      expect(updated.delivered).toBe('2.000');
      expectError(await t.request('PUT', `/api/contracts/${contract.id}`, { version: contract.version, deliveries: [] }), 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT' });
      expect((await getOne(t, 'contracts', contract.id)).deliveries).toHaveLength(1);
      const added = await update(t, 'contracts', contract.id, { version: updated.version, deliveries: [...updated.deliveries, { ticket_no: 'V-2', net_weight: '1' }] });
      expect(added.version).toBe(updated.version + 1);
      const removed = await update(t, 'contracts', contract.id, { version: added.version, deliveries: [] });
      expect(removed.version).toBe(added.version + 1);
    });

    it('concurrent PUTs with the same version: exactly one wins', async () => {
      const base = await baseUrl();
      const p = await create(t, 'partners', { name: 'Wettlauf' });
      const contenders = ['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs'];
      const answers = await Promise.all(
        contenders.map(async (notes) => {
          const response = await fetch(`${base}/api/partners/${p.id}`, { method: 'PUT', headers: { ...t.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ version: p.version, notes }) });
          return { status: response.status, body: (await response.json()) as Rec };
        }),
      );
      const winners = answers.filter((a) => a.status === 200);
      const losers = answers.filter((a) => a.status !== 200);
      expect(winners, JSON.stringify(answers.map((a) => a.status))).toHaveLength(1);
      for (const loser of losers) expect(loser.body).toMatchObject({ statusCode: 409, code: 'KONTOR_HTTP_VERSION_CONFLICT' });
      const final = await getOne(t, 'partners', p.id);
      expect(final).toMatchObject({ notes: winners[0]?.body.notes, version: p.version + 1 });
    });

    it('concurrent child edits of one contract with the same version: exactly one wins', async () => {
      const base = await baseUrl();
      const contract = await newContract([{ ticket_no: 'C-0', net_weight: '1' }]);
      const answers = await Promise.all(
        [1, 2, 3, 4].map(async (n) => {
          const response = await fetch(`${base}/api/contracts/${contract.id}`, {
            method: 'PUT',
            headers: { ...t.authHeaders, 'content-type': 'application/json' },
            body: JSON.stringify({ version: contract.version, deliveries: [{ ticket_no: `C-${n}`, net_weight: String(n) }] }),
          });
          return response.status;
        }),
      );
      expect(answers.filter((s) => s === 200), JSON.stringify(answers)).toHaveLength(1);
      expect(answers.filter((s) => s === 409)).toHaveLength(3);
      const final = await getOne(t, 'contracts', contract.id);
      expect(final.deliveries).toHaveLength(1);
      expect(final.version).toBe(contract.version + 1);
    });
  });

  describe('DELETE', () => {
    // ra-data-simple-rest sends text/plain; react-admin's fetchJson (other providers) adds application/json.
    it.each(['text/plain', 'application/json'])('a bodiless DELETE with Content-Type %s', async (type) => {
      const p = await create(t, 'partners', { name: `Löschen ${type}` });
      const response = await t.app.inject({ method: 'DELETE', url: `/api/partners/${p.id}`, headers: { ...t.authHeaders, 'content-type': type } });
      expect(response.statusCode, `${type}: ${response.body}`).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ id: p.id });
    });

    it('answers with the deleted record as GET showed it', async () => {
      const p = await create(t, 'partners', { name: 'Abschied', vat_id: nextVat(), commodities: [commodity.id], credit_limit: '12.5' });
      const before = await getOne(t, 'partners', p.id);
      const response = await t.request('DELETE', `/api/partners/${p.id}`);
      expectStatus(response, 200);
      expect(response.body).toEqual(before);
      expectNoInternals(response);
      expectError(await t.request('GET', `/api/partners/${p.id}`), 404);
    });
  });

  it('error answers are JSON with the same status in the body', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/partners/abc', headers: t.authHeaders });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 404 });
  });
});
