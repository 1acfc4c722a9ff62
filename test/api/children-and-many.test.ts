import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, getOne, list, update, type Rec } from './seed-helpers.ts';

const sortedIds = (ids: number[]) => [...ids].sort((a, b) => a - b);

describeEachEngine('children and many-to-many', (engine) => {
  let t: TestApp;
  let partner: Rec;
  let commodities: Rec[];
  let ticket = 0;
  const nextTicket = () => `W-${++ticket}`;
  beforeAll(async () => {
    t = await startTestApp(engine);
    commodities = [];
    for (const name of ['Weizen', 'Gerste', 'Raps']) commodities.push(await create(t, 'commodities', { name }));
    partner = await create(t, 'partners', { name: 'Müller Agrar GmbH' });
  });
  afterAll(async () => t.close());

  const contractBody = (deliveries: Array<Record<string, unknown>> = []) => ({
    side: 'purchase',
    partner: partner.id,
    commodity: (commodities[0] as Rec).id,
    quantity: '1000',
    deliveries,
  });
  const deliveriesOf = async (contractId: number) => (await list(t, 'deliveries', { filter: { contract: contractId }, sort: ['id', 'ASC'] })).records;

  describe('children (contract.deliveries)', () => {
    it('are created with their parent and returned by POST and GET', async () => {
      const contract = await create(t, 'contracts', contractBody([
        { ticket_no: nextTicket(), net_weight: '24.5', date: '2026-03-01', vehicle: 'HH-AB 123' },
        { ticket_no: nextTicket(), net_weight: 25.125, moisture: '14.2' },
      ]));
      expect(contract.deliveries).toHaveLength(2);
      expect(contract.deliveries[0]).toMatchObject({ contract: contract.id, net_weight: '24.500', date: '2026-03-01', vehicle: 'HH-AB 123', moisture: null });
      expect(contract.deliveries[1]).toMatchObject({ contract: contract.id, net_weight: '25.125', moisture: '14.20' });
      expect(contract.deliveries[1].date).toMatch(/^\d{4}-\d{2}-\d{2}$/); // default: today
      expect(contract.delivered).toBe('49.625');
      const read = await getOne(t, 'contracts', contract.id);
      expect(read.deliveries).toEqual(contract.deliveries);
      expect((await deliveriesOf(contract.id)).map((d) => d.id)).toEqual(contract.deliveries.map((d: Rec) => d.id));
    });

    it('one PUT adds a row, changes a row and removes a row; the computed sum follows', async () => {
      const contract = await create(t, 'contracts', contractBody([
        { ticket_no: nextTicket(), net_weight: '10' },
        { ticket_no: nextTicket(), net_weight: '20' },
        { ticket_no: nextTicket(), net_weight: '30' },
      ]));
      expect(contract.delivered).toBe('60.000');
      const [keep, change, remove] = contract.deliveries as [Rec, Rec, Rec];
      const added = nextTicket();
      const updated = await update(t, 'contracts', contract.id, {
        version: contract.version,
        deliveries: [keep, { ...change, net_weight: '22.222', vehicle: 'B-XY 9' }, { ticket_no: added, net_weight: '0.5', date: '2026-04-01' }],
      });
      expect(updated.deliveries.map((d: Rec) => d.ticket_no).sort()).toEqual([keep.ticket_no, change.ticket_no, added].sort());
      const byTicket = new Map(updated.deliveries.map((d: Rec) => [d.ticket_no, d]));
      expect(byTicket.get(keep.ticket_no)).toMatchObject({ id: keep.id, net_weight: '10.000' });
      expect(byTicket.get(change.ticket_no)).toMatchObject({ id: change.id, net_weight: '22.222', vehicle: 'B-XY 9' });
      expect(byTicket.get(added)).toMatchObject({ contract: contract.id, net_weight: '0.500', date: '2026-04-01' });
      expect(updated.delivered).toBe('32.722');
      const read = await getOne(t, 'contracts', contract.id);
      expect(read.delivered).toBe('32.722');
      expect(sortedIds(read.deliveries.map((d: Rec) => d.id))).toEqual(sortedIds(updated.deliveries.map((d: Rec) => d.id)));
      expectError(await t.request('GET', `/api/deliveries/${remove.id}`), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      const listed = await list(t, 'contracts', { filter: { id: [contract.id] } });
      expect(listed.records[0]?.delivered).toBe('32.722');
    });

    it('rows sent back as GET returned them (empty decimals as null) are accepted', async () => {
      const contract = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '4' }]));
      expect(contract.deliveries[0].moisture).toBeNull();
      const updated = await update(t, 'contracts', contract.id, { ...contract, notes: 'wie gelesen' });
      expect(updated).toMatchObject({ notes: 'wie gelesen', delivered: '4.000' });
      expect(updated.deliveries).toEqual(contract.deliveries);
    });

    it('a PUT without the children field keeps them; an empty array removes them all', async () => {
      const contract = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '5' }]));
      const merged = await update(t, 'contracts', contract.id, { notes: 'nur Notiz' });
      expect(merged.deliveries).toHaveLength(1);
      expect(merged.delivered).toBe('5.000');
      const emptied = await update(t, 'contracts', contract.id, { deliveries: [] });
      expect(emptied.deliveries).toEqual([]);
      expect(emptied.delivered).toBe('0.000');
      expect(await deliveriesOf(contract.id)).toEqual([]);
    });

    it('a child id that belongs to another contract → 422, and neither contract changes', async () => {
      const mine = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '1' }]));
      const other = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '2' }]));
      const foreign = other.deliveries[0] as Rec;
      const response = await t.request('PUT', `/api/contracts/${mine.id}`, { deliveries: [{ ...foreign, net_weight: '99' }] });
      const body = expectError(response, 422, { code: 'KONTOR_HTTP_INVALID_REFERENCE' });
      expect(Object.keys(body.errors ?? {}).some((k) => k.startsWith('deliveries')), JSON.stringify(body)).toBe(true);
      expect((await getOne(t, 'contracts', other.id)).deliveries).toEqual(other.deliveries);
      expect((await getOne(t, 'contracts', mine.id)).deliveries).toEqual(mine.deliveries);
    });

    it('a child row with an id that does not exist → 422', async () => {
      const contract = await create(t, 'contracts', contractBody([]));
      expectError(await t.request('PUT', `/api/contracts/${contract.id}`, { deliveries: [{ id: 987_654, ticket_no: nextTicket(), net_weight: '1' }] }), 422);
    });

    it('the parent reference sent in a row is ignored: the row stays with the record it is saved in', async () => {
      const mine = await create(t, 'contracts', contractBody([]));
      const other = await create(t, 'contracts', contractBody([]));
      const updated = await update(t, 'contracts', mine.id, { deliveries: [{ ticket_no: nextTicket(), net_weight: '3', contract: other.id }] });
      expect(updated.deliveries[0]?.contract).toBe(mine.id);
      expect(await deliveriesOf(other.id)).toEqual([]);
    });

    it('an invalid row → 400 naming the row and field; nothing is saved', async () => {
      const contract = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '7' }]));
      const response = await t.request('PUT', `/api/contracts/${contract.id}`, {
        notes: 'darf nicht gespeichert werden',
        deliveries: [...contract.deliveries, { ticket_no: nextTicket(), net_weight: '-1' }, { net_weight: '1' }],
      });
      expectError(response, 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['deliveries.1.net_weight', 'deliveries.2.ticket_no'] });
      expectError(await t.request('POST', '/api/contracts', contractBody([{ ticket_no: nextTicket(), net_weight: 'viel' }])), 400, { fields: ['deliveries.0.net_weight'] });
      const read = await getOne(t, 'contracts', contract.id);
      expect(read).toMatchObject({ notes: null, version: contract.version, delivered: '7.000' });
      expect(read.deliveries).toEqual(contract.deliveries);
    });

    it('a unique violation in a row → 409 naming the field, and the whole PUT rolls back', async () => {
      const a = await create(t, 'contracts', contractBody([{ ticket_no: nextTicket(), net_weight: '1' }]));
      const b = await create(t, 'contracts', contractBody([]));
      const taken = (a.deliveries[0] as Rec).ticket_no;
      const response = await t.request('PUT', `/api/contracts/${b.id}`, { notes: 'nicht speichern', deliveries: [{ ticket_no: nextTicket(), net_weight: '2' }, { ticket_no: taken, net_weight: '3' }] });
      const body = expectError(response, 409, { code: 'KONTOR_HTTP_UNIQUE_VIOLATION' });
      expect(JSON.stringify(body.errors ?? {})).toContain('ticket_no');
      const read = await getOne(t, 'contracts', b.id);
      expect(read).toMatchObject({ notes: null, deliveries: [], version: b.version });
    });

    it('deleting the contract deletes its deliveries and answers with the record as it was', async () => {
      const contract = await create(t, 'contracts', contractBody([
        { ticket_no: nextTicket(), net_weight: '1' },
        { ticket_no: nextTicket(), net_weight: '2' },
      ]));
      const response = await t.request<Rec>('DELETE', `/api/contracts/${contract.id}`);
      expectStatus(response, 200);
      expect(response.body).toMatchObject({ id: contract.id, number: contract.number, delivered: '3.000' });
      expect(response.body.deliveries).toEqual(contract.deliveries);
      expectError(await t.request('GET', `/api/contracts/${contract.id}`), 404);
      for (const d of contract.deliveries as Rec[]) expectError(await t.request('GET', `/api/deliveries/${d.id}`), 404);
      expect(await deliveriesOf(contract.id)).toEqual([]);
    });
  });

  describe('many-to-many (partner.commodities)', () => {
    it('set on create, replaced by PUT, kept when left out, cleared by []', async () => {
      const [c1, c2, c3] = commodities as [Rec, Rec, Rec];
      const created = await create(t, 'partners', { name: 'Händler Eins', commodities: [c2.id, c1.id] });
      expect(sortedIds(created.commodities)).toEqual(sortedIds([c1.id, c2.id]));
      expect(sortedIds((await getOne(t, 'partners', created.id)).commodities)).toEqual(sortedIds([c1.id, c2.id]));
      expect((await update(t, 'partners', created.id, { commodities: [c3.id] })).commodities).toEqual([c3.id]);
      expect((await getOne(t, 'partners', created.id)).commodities).toEqual([c3.id]);
      expect((await update(t, 'partners', created.id, { notes: 'andere Änderung' })).commodities).toEqual([c3.id]);
      expect(sortedIds((await update(t, 'partners', created.id, { commodities: [c1.id, c2.id, c3.id] })).commodities)).toEqual(sortedIds([c1.id, c2.id, c3.id]));
      expect((await update(t, 'partners', created.id, { commodities: [] })).commodities).toEqual([]);
      expect((await getOne(t, 'partners', created.id)).commodities).toEqual([]);
    });

    it('a change to the links alone bumps the version', async () => {
      const created = await create(t, 'partners', { name: 'Händler Zwei' });
      const updated = await update(t, 'partners', created.id, { version: created.version, commodities: [(commodities[0] as Rec).id] });
      expect(updated.version).toBeGreaterThan(created.version);
      expectError(await t.request('PUT', `/api/partners/${created.id}`, { version: created.version, commodities: [] }), 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT' });
    });

    it('the list filters by a linked id and returns the links', async () => {
      const [, , c3] = commodities as [Rec, Rec, Rec];
      const a = await create(t, 'partners', { name: 'Raps Handel', commodities: [c3.id] });
      const result = await list(t, 'partners', { filter: { commodities: c3.id } });
      expect(result.ids).toContain(a.id);
      expect(result.records.every((p) => p.commodities.includes(c3.id))).toBe(true);
    });

    it('duplicate ids → 400', async () => {
      const c1 = commodities[0] as Rec;
      expectError(await t.request('POST', '/api/partners', { name: 'Doppelt', commodities: [c1.id, c1.id] }), 400, { fields: ['commodities'] });
    });

    it('deleting a linked record removes the link; a set_null reference becomes null', async () => {
      const gone = await create(t, 'commodities', { name: 'Hirse' });
      const p = await create(t, 'partners', { name: 'Hirse Handel', commodities: [gone.id, (commodities[0] as Rec).id] });
      const sample = await create(t, 'samples', { name: 'Hirse Probe', commodity: gone.id, partners: [p.id] });
      expectStatus(await t.request('DELETE', `/api/commodities/${gone.id}`), 200);
      expect((await getOne(t, 'partners', p.id)).commodities).toEqual([(commodities[0] as Rec).id]);
      expect((await getOne(t, 'samples', sample.id)).commodity).toBeNull();
      expectStatus(await t.request('DELETE', `/api/partners/${p.id}`), 200);
      expect((await getOne(t, 'samples', sample.id)).partners).toEqual([]);
    });
  });

  describe('references to records that do not exist → 422 naming the field', () => {
    it.each([
      ['POST contract partner', 'POST', 'contracts', () => ({ ...contractBody(), partner: 987_654 }), ['partner']],
      ['POST contract commodity and partner', 'POST', 'contracts', () => ({ ...contractBody(), partner: 987_654, commodity: 876_543 }), ['partner', 'commodity']],
      ['POST partner commodities', 'POST', 'partners', () => ({ name: 'X', commodities: [(commodities[0] as Rec).id, 987_654] }), ['commodities']],
      ['POST sample commodity', 'POST', 'samples', () => ({ name: 'X', commodity: 987_654 }), ['commodity']],
      ['POST sample partners', 'POST', 'samples', () => ({ name: 'X', partners: [987_654] }), ['partners']],
    ] as Array<[string, 'POST', string, () => Record<string, unknown>, string[]]>)('%s', async (_, method, resource, body, fields) => {
      const before = (await list(t, resource)).records.length;
      expectError(await t.request(method, `/api/${resource}`, body()), 422, { code: 'KONTOR_HTTP_INVALID_REFERENCE', fields });
      expect((await list(t, resource)).records.length).toBe(before);
    });

    it.each([
      ['commodity', 99_999_999_999, 'commodity'],
      ['partners', [99_999_999_999], 'partners.0'],
    ])('an id beyond the integer column range (%s) → 400 or 422 naming the field, never a 500', async (field, value, errorKey) => {
      const response = await t.request('POST', '/api/samples', { name: 'Riesig', [field]: value });
      expect([400, 422], JSON.stringify(response.body)).toContain(response.status);
      expectError(response, response.status, { fields: [errorKey] });
    });

    it('PUT with a missing reference → 422 and the record is unchanged', async () => {
      const contract = await create(t, 'contracts', contractBody([]));
      expectError(await t.request('PUT', `/api/contracts/${contract.id}`, { partner: 987_654, notes: 'nein' }), 422, { fields: ['partner'] });
      const p = await create(t, 'partners', { name: 'Unverändert', commodities: [(commodities[1] as Rec).id] });
      expectError(await t.request('PUT', `/api/partners/${p.id}`, { commodities: [987_654] }), 422, { fields: ['commodities'] });
      expect((await getOne(t, 'contracts', contract.id))).toMatchObject({ partner: partner.id, notes: null, version: contract.version });
      expect((await getOne(t, 'partners', p.id)).commodities).toEqual([(commodities[1] as Rec).id]);
    });
  });
});
