import { rm } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldRegistry } from '../../generators/fields/registry.ts';
import { compileProject } from '../../generators/model/compile-project.ts';
import { lotTraceShape } from '../../generators/trace/lot-trace-shape.ts';
import { expectExit, runKontor, runKontorInProcess } from './cli-runner.ts';
import { apiProject, describeEachEngine, overlayProject, repoRoot, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, type Rec } from './seed-helpers.ts';

/**
 * Lot traceability (EU 178/2002 Art. 18): `GET /api/stock_lots/:id/trace` and `kontor trace lot`, on the
 * trace overlay (test/fixtures/overlays/trace/: the demo's stock lot, movement and weighbridge ticket, and
 * roles that each withhold something). The chain: suppliers Nordkorn and Ostsee deliver lots A and B (A also
 * names Altmark as its origin supplier), C is blended from A and B, D is made from C; C goes out to
 * Hafenmühle on a ticket naming it, D to the customer of a sale contract on a ticket naming no partner.
 */
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const traceProject = await overlayProject('trace');
afterAll(() => rm(traceProject, { recursive: true, force: true }));

describe('which projects have a trace', () => {
  const shapeOf = async (dir: string) => {
    const compiled = await compileProject(dir, { registry: new FieldRegistry() });
    if (!compiled.ok) throw new Error(`${dir}: ${JSON.stringify(compiled.issues.slice(0, 3))}`);
    return lotTraceShape(compiled.model);
  };

  it('the demo project and the trace overlay have one (with the contract fallback), the API fixture has none', async () => {
    expect(await shapeOf(repoRoot)).toMatchObject({ lot: { entity: 'stock_lot' }, partner: 'partner', contract: { entity: 'contract', partner: 'partner' } });
    expect(await shapeOf(traceProject)).toMatchObject({ lot: { entity: 'stock_lot' }, ticket: { contract: 'contract' } });
    expect(await shapeOf(apiProject)).toBeNull();
  });
});

describeEachEngine('lot trace', (engine) => {
  let t: TestApp;
  const users = {} as Record<'releaser' | 'storekeeper' | 'counter' | 'clerk', { token: string; id: number }>;
  const partner = {} as Record<'altmark' | 'nordkorn' | 'ostsee' | 'hafen' | 'futter', Rec>;
  const lot = {} as Record<'A' | 'B' | 'C' | 'D', Rec>;
  const move = {} as Record<'inA' | 'inB' | 'outC' | 'outD', Rec>;
  const ticket = {} as Record<'inA' | 'inB' | 'outC' | 'outD', Rec>;
  let contract: Rec;
  let weizen: Rec;

  beforeAll(async () => {
    t = await startTestApp(engine, { dir: traceProject });
    for (const name of ['releaser', 'storekeeper', 'counter', 'clerk'] as const) users[name] = await t.loginAs(name, [name]);
    const names = { altmark: 'Altmark Agrar eG', nordkorn: 'Nordkorn GmbH', ostsee: 'Ostsee Getreide KG', hafen: 'Hafenmühle AG', futter: 'Futterwerk Süd GmbH' } as const;
    for (const [key, name] of Object.entries(names)) partner[key as keyof typeof names] = await create(t, 'partners', { name, kind: 'both' });
    weizen = await create(t, 'commodities', { name: 'Weizen' });
    contract = await create(t, 'contracts', { side: 'sale', partner: partner.futter.id, commodity: weizen.id, quantity: '100' });
    const newLot = (body: Record<string, unknown>) => create(t, 'stock_lots', { commodity: weizen.id, ...body });
    lot.A = await newLot({ quantity: '25', produced_at: '2026-03-02', status: 'released', origin_supplier: partner.altmark.id });
    lot.B = await newLot({ quantity: '30', produced_at: '2026-03-03', status: 'quarantine' });
    lot.C = await newLot({ quantity: '55', produced_at: '2026-03-04', status: 'released', parent_lots: [lot.A.id, lot.B.id] });
    lot.D = await newLot({ quantity: '20', produced_at: '2026-03-05', status: 'released', parent_lots: [lot.C.id] });
    ticket.inA = await create(t, 'weighbridge_tickets', { direction: 'in', partner: partner.nordkorn.id, weighed_at: '2026-03-02T08:00:00.000Z' });
    ticket.inB = await create(t, 'weighbridge_tickets', { direction: 'in', partner: partner.ostsee.id, weighed_at: '2026-03-03T09:00:00.000Z' });
    ticket.outC = await create(t, 'weighbridge_tickets', { direction: 'out', partner: partner.hafen.id, weighed_at: '2026-03-06T10:00:00.000Z' });
    ticket.outD = await create(t, 'weighbridge_tickets', { direction: 'out', contract: contract.id, weighed_at: '2026-03-07T11:00:00.000Z' });
    const newMove = (kind: string, of: Rec, quantity: string, at: string, by: Rec) => create(t, 'stock_movements', { kind, lot: of.id, quantity, moved_at: at, weighbridge_ticket: by.id });
    move.inA = await newMove('in', lot.A, '25', '2026-03-02T08:10:00.000Z', ticket.inA);
    move.inB = await newMove('in', lot.B, '30', '2026-03-03T09:10:00.000Z', ticket.inB);
    move.outC = await newMove('out', lot.C, '20', '2026-03-06T10:10:00.000Z', ticket.outC);
    move.outD = await newMove('out', lot.D, '5', '2026-03-07T11:10:00.000Z', ticket.outD);
    // Movements that are no intake or dispatch are not part of the trace.
    await create(t, 'stock_movements', { kind: 'blend', lot: lot.C.id, quantity: '55', moved_at: '2026-03-04T12:00:00.000Z' });
    await create(t, 'stock_movements', { kind: 'transfer', lot: lot.A.id, quantity: '25', moved_at: '2026-03-02T13:00:00.000Z' });
  });
  afterAll(async () => t?.close());

  type Who = keyof typeof users | 'admin';
  const trace = (id: number, query = '', who: Who = 'admin') => t.request<Rec>('GET', `/api/stock_lots/${id}/trace${query}`, undefined, who === 'admin' ? {} : { token: users[who].token });
  async function traced(id: number, query = '', who: Who = 'admin'): Promise<Rec> {
    const response = await trace(id, query, who);
    expectStatus(response, 200);
    return response.body;
  }
  const ref = (record: Rec, title: string) => ({ id: record.id, title: record[title] });
  const lotRef = (of: Rec) => ref(of, 'lot_number');
  const lotRow = (level: number, of: Rec, via: Rec[]) => ({ level, lot: lotRef(of), via: via.map((v) => v.id), commodity: ref(weizen, 'name'), quantity: of.quantity, date: of.produced_at });
  const event = (of: Rec, at: string, quantity?: string) => ({ ...ref(of, 'number'), date: of[at], ...(quantity ? { quantity } : {}) });
  const moved = (level: number, of: Rec, by: Rec, m: Rec, who: Rec | null, extra: Rec | Record<string, unknown> = {}) => ({
    level, lot: lotRef(of), source: 'movement', partner: who && ref(who, 'name'), movement: event(m, 'moved_at', m.quantity), ticket: event(by, 'weighed_at'), contract: null, ...extra,
  });

  describe('one step back, one step forward (depth 1)', () => {
    it('a blend: its parent lots, the lot made from it, and the customer its dispatch ticket names', async () => {
      const body = await traced(lot.C.id);
      expect(body.lot).toEqual((await t.request('GET', `/api/stock_lots/${lot.C.id}`)).body);
      expect(body).toEqual({
        lot: body.lot,
        depth: 1,
        entities: { lot: 'stock_lot', partner: 'partner', movement: 'stock_movement', ticket: 'weighbridge_ticket', contract: 'contract', commodity: 'commodity' },
        suppliers: { rows: [], hidden: 0 },
        parents: { rows: [lotRow(1, lot.A, [lot.C]), lotRow(1, lot.B, [lot.C])], hidden: 0 },
        children: { rows: [lotRow(1, lot.D, [lot.C])], hidden: 0 },
        customers: { rows: [moved(1, lot.C, ticket.outC, move.outC, partner.hafen)], hidden: 0 },
      });
    });

    it('an intake lot: its origin supplier and the partner of its intake ticket, and the blend made from it', async () => {
      const body = await traced(lot.A.id, '?depth=1');
      expect(body.suppliers).toEqual({
        rows: [
          { level: 1, lot: lotRef(lot.A), source: 'origin', partner: ref(partner.altmark, 'name'), movement: null, ticket: null, contract: null },
          moved(1, lot.A, ticket.inA, move.inA, partner.nordkorn),
        ],
        hidden: 0,
      });
      expect(body.parents).toEqual({ rows: [], hidden: 0 });
      expect(body.children).toEqual({ rows: [lotRow(1, lot.C, [lot.A])], hidden: 0 });
      // A went into C; no dispatch left A itself.
      expect(body.customers).toEqual({ rows: [], hidden: 0 });
    });

    it('a lot without links answers empty sections', async () => {
      const lone = await create(t, 'stock_lots', { commodity: weizen.id, quantity: '1', status: 'released' });
      const body = await traced(lone.id);
      for (const section of ['suppliers', 'parents', 'children', 'customers']) expect(body[section]).toEqual({ rows: [], hidden: 0 });
    });
  });

  describe('?depth walks further for a recall', () => {
    it('backwards: the suppliers of the parent lots at level 2', async () => {
      const body = await traced(lot.D.id, '?depth=2');
      expect(body.depth).toBe(2);
      expect(body.parents.rows).toEqual([lotRow(1, lot.C, [lot.D]), lotRow(2, lot.A, [lot.C]), lotRow(2, lot.B, [lot.C])]);
      // D's own customer (level 1); C's dispatch is no customer of D (forward from D, not from C).
      expect(body.customers.rows).toEqual([moved(1, lot.D, ticket.outD, move.outD, partner.futter, { contract: ref(contract, 'number') })]);
      // Suppliers of A and B are three steps from D: not yet at depth 2.
      expect(body.suppliers.rows).toEqual([]);
      const deeper = await traced(lot.D.id, '?depth=3');
      expect(deeper.suppliers.rows.map((r: Rec) => [r.level, r.lot.id, r.partner.title])).toEqual([
        [3, lot.A.id, 'Altmark Agrar eG'],
        [3, lot.A.id, 'Nordkorn GmbH'],
        [3, lot.B.id, 'Ostsee Getreide KG'],
      ]);
    });

    it('forwards: children of children and their customers, a ticket without partner answered by its contract\'s', async () => {
      const one = await traced(lot.A.id, '?depth=2');
      expect(one.children.rows).toEqual([lotRow(1, lot.C, [lot.A]), lotRow(2, lot.D, [lot.C])]);
      expect(one.customers.rows).toEqual([moved(2, lot.C, ticket.outC, move.outC, partner.hafen)]);
      const three = await traced(lot.A.id, '?depth=3');
      expect(three.customers.rows).toEqual([
        moved(2, lot.C, ticket.outC, move.outC, partner.hafen),
        moved(3, lot.D, ticket.outD, move.outD, partner.futter, { contract: ref(contract, 'number') }),
      ]);
      // Nothing beyond: depth 10 finds the same.
      const ten = await traced(lot.A.id, '?depth=10');
      expect(ten.children).toEqual(three.children);
      expect(ten.customers).toEqual(three.customers);
    });

    it('stops at a cycle instead of walking it again', async () => {
      const x = await create(t, 'stock_lots', { commodity: weizen.id, quantity: '1', status: 'released' });
      const y = await create(t, 'stock_lots', { commodity: weizen.id, quantity: '1', status: 'released', parent_lots: [x.id] });
      expectStatus(await t.request('PUT', `/api/stock_lots/${x.id}`, { parent_lots: [y.id] }), 200);
      const body = await traced(x.id, '?depth=10');
      expect(body.parents.rows.map((r: Rec) => r.lot.id)).toEqual([y.id]);
      expect(body.children.rows.map((r: Rec) => r.lot.id)).toEqual([y.id]);
    });

    it('refuses a depth outside 1..10 and unknown parameters (400); an unknown lot is 404', async () => {
      for (const query of ['?depth=0', '?depth=11', '?depth=two', '?depth=1.5', '?depth=', '?deep=2']) {
        expectError(await trace(lot.A.id, query), 400, { code: 'KONTOR_HTTP_BAD_QUERY' });
      }
      expectError(await trace(999_999), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      expectError(await trace(0), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
    });
  });

  describe('permissions', () => {
    it('a role without read on stock_lot gets 403 naming the grant', async () => {
      const body = expectError(await trace(lot.C.id, '', 'clerk'), 403, { code: 'KONTOR_HTTP_FORBIDDEN' }) as unknown as Rec;
      expect(body.missing).toEqual({ entity: 'stock_lot', action: 'read' });
    });

    it('a lot outside the read scope is 404, as GET answers; parents outside it are counted, not shown, and not walked through', async () => {
      expectError(await trace(lot.B.id, '', 'releaser'), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      const body = await traced(lot.C.id, '?depth=2', 'releaser');
      expect(body.parents).toEqual({ rows: [lotRow(1, lot.A, [lot.C])], hidden: 1 });
      // Ostsee delivered into B, which they may not see: not among the suppliers, and not counted there either.
      expect(body.suppliers.rows.map((r: Rec) => r.partner?.title)).toEqual(['Altmark Agrar eG', 'Nordkorn GmbH']);
      expect(body.suppliers.hidden).toBe(0);
      // D's dispatch names only a contract, which they may not read: no customer, and the contract counted.
      expect(body.customers).toEqual({
        rows: [moved(1, lot.C, ticket.outC, move.outC, partner.hafen), moved(2, lot.D, ticket.outD, move.outD, null)],
        hidden: 1,
      });
    });

    it('partners they may not read, and a ticket field they may not read, are left out and counted', async () => {
      const body = await traced(lot.A.id, '', 'storekeeper');
      // The origin supplier (a partner they may not read) has no row; the intake's partner is a hidden field.
      expect(body.suppliers).toEqual({ rows: [moved(1, lot.A, ticket.inA, move.inA, null)], hidden: 2 });
      expect(body.suppliers.rows[0].ticket).toEqual(event(ticket.inA, 'weighed_at'));
      const forward = await traced(lot.C.id, '?depth=2', 'storekeeper');
      // C's customer is a hidden field. D's ticket names a contract they may read; they may not read the
      // ticket's partner field, so the contract's partner is not asked for (that would tell the field is empty).
      expect(forward.customers).toEqual({
        rows: [moved(1, lot.C, ticket.outC, move.outC, null), moved(2, lot.D, ticket.outD, move.outD, null, { contract: ref(contract, 'number') })],
        hidden: 1,
      });
    });

    it('without the parent_lots field and movements, parents, children and movements are all counted as hidden', async () => {
      const body = await traced(lot.C.id, '', 'counter');
      expect(body.lot).not.toHaveProperty('parent_lots');
      expect(body.lot).not.toHaveProperty('quantity');
      expect(body.parents).toEqual({ rows: [], hidden: 2 });
      expect(body.children).toEqual({ rows: [], hidden: 1 });
      expect(body.customers).toEqual({ rows: [], hidden: 1 });
      expect(body.suppliers).toEqual({ rows: [], hidden: 0 });
      // A lot row leaves out what they may not read (quantity), as every answer does.
      const fromA = await traced(lot.A.id, '', 'counter');
      expect(fromA.suppliers).toEqual({ rows: [], hidden: 2 });
    });
  });

  describe('the API description', () => {
    it('lists the route in the OpenAPI document, which still passes an independent validator, and the answers match it', async () => {
      const doc = (await t.request<Rec>('GET', '/api/openapi.json')).body;
      const operation = doc.paths['/api/stock_lots/{id}/trace']?.get;
      expect(operation).toMatchObject({ operationId: 'trace_stock_lot', tags: ['warehouse'] });
      expect(operation.parameters.map((p: Rec) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:depth']);
      // 401 comes with every protected route (server/auth).
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['LotTrace', 'LotTraceLot', 'LotTraceParty', 'LotTraceRef', 'LotTraceEvent']));
      const result = await new Validator().validate(structuredClone(doc));
      expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();

      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema(doc as object, 'openapi.json');
      const schema = (status: string) => ajv.getSchema(`openapi.json#/paths/~1api~1stock_lots~1{id}~1trace/get/responses/${status}/content/application~1json/schema`) as ValidateFunction;
      const answers = [
        [await trace(lot.C.id, '?depth=3'), '200'],
        [await trace(lot.A.id, '', 'storekeeper'), '200'],
        [await trace(lot.A.id, '?depth=99'), '400'],
        [await trace(lot.A.id, '', 'clerk'), '403'],
        [await trace(lot.B.id, '', 'releaser'), '404'],
      ] as const;
      for (const [response, status] of answers) {
        expect(String(response.status)).toBe(status);
        const validate = schema(status);
        expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
      }
    });

    it('_meta marks the stock lot as traceable, and no other entity', async () => {
      const meta = (await t.request<Rec>('GET', '/api/_meta', undefined, { token: users.releaser.token })).body;
      expect(meta.entities.filter((e: Rec) => 'trace' in e).map((e: Rec) => [e.name, e.trace])).toEqual([['stock_lot', true]]);
    });
  });

  describe('kontor trace lot', () => {
    const CLI_TIMEOUT = 120_000;
    /** The table as a process of its own; the other runs call the command in this process (same function, output and exit code). */
    const spawned = (...args: string[]) => runKontor(t.databaseUrl, 'trace', ...args, '--dir', traceProject);
    const kontor = (...args: string[]) => runKontorInProcess(t.databaseUrl, 'trace', ...args, '--dir', traceProject);

    it('prints the lot and its four sections (exit 0), the same trace as JSON, and exits 1 for an unknown lot, 2 for a wrong command line', async () => {
      const [table, german, json, unknown, noNumber, badDepth, noLot] = await Promise.all([
        spawned('lot', lot.C.lot_number, '--depth', '2'),
        kontor('lot', lot.A.lot_number, '--lang', 'de'),
        kontor('lot', lot.C.lot_number, '--depth', '2', '--json'),
        kontor('lot', 'P-1999-99999'),
        kontor('lot'),
        kontor('lot', lot.C.lot_number, '--depth', '11'),
        kontor('partner', 'x'),
      ]);
      expectExit(table, 0);
      const out = table.stdout;
      expect(out).toContain(`Stock lot ${lot.C.lot_number}`);
      for (const heading of ['Suppliers', 'Parent lots', 'Child lots', 'Customers']) expect(out).toMatch(new RegExp(`^${heading}\\b`, 'm'));
      for (const text of [lot.A.lot_number, lot.B.lot_number, lot.D.lot_number, 'Hafenmühle AG', 'Futterwerk Süd GmbH', 'Nordkorn GmbH', move.outC.number, ticket.outC.number, contract.number, '20.000 t']) expect(out).toContain(text);
      expectExit(german, 0);
      expect(german.stdout).toContain(`Partie ${lot.A.lot_number}`);
      for (const heading of ['Lieferanten', 'Ausgangspartien', 'Folgepartien', 'Kunden']) expect(german.stdout).toMatch(new RegExp(`^${heading}\\b`, 'm'));
      expect(german.stdout).toContain('Altmark Agrar eG');
      expectExit(json, 0);
      expect(JSON.parse(json.stdout)).toEqual((await trace(lot.C.id, '?depth=2')).body);
      expectExit(unknown, 1);
      expect(unknown.stderr).toContain('P-1999-99999');
      for (const run of [noNumber, badDepth, noLot]) {
        expectExit(run, 2);
        expect(run.stderr).toContain('Usage: kontor trace lot');
      }
    }, CLI_TIMEOUT);
  });
});
