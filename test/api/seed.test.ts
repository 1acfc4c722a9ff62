import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pivotTableName, tableName } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { buildApp } from '../../server/app.ts';
import { verifyChain } from '../../server/audit/verify-chain.ts';
import { ensureDemoUsers } from '../../server/auth/demo-users.ts';
import type { OperationContext } from '../../server/operations/operation-context.ts';
import { listRecords } from '../../server/operations/read-records.ts';
import { insertRecord } from '../../server/operations/write-records.ts';
import { systemActor } from '../../server/permissions/actor.ts';
import { autoSeed } from '../../server/seed/auto-seed.ts';
import { SeedRefusedError, seedProject } from '../../server/seed/run-seed.ts';
import { countRecords, seededEntities } from '../../server/seed/seeded-entities.ts';
import { LARGE_COUNTS } from '../../entities/shared/seed/large.ts';
import { adminHeaders, apiProject, createTestDatabase, describeEachEngine, repoRoot, TEST_PASSWORD, type TestDatabase } from './harness.ts';
import { expectExit, runKontor, runKontorInProcess } from './cli-runner.ts';

/**
 * `kontor seed` on the demo project: the small data through the audited write path (every entity filled,
 * the domain rules satisfied, the same data on every run), the refusal to seed twice, auto-seeding on the
 * first start, the CLI's exit codes, and the large data in bulk at a test scale with its one `seed` event.
 * The large seed runs as a process of its own; the other CLI runs call the command in the test process
 * (runKontorInProcess: same function, output and exit code, without the seconds of CPU a process costs).
 */

/** A small seed writes about 1,300 records one by one through the write path; on a busy 2-core machine that takes a while. */
const SEED_TIMEOUT = 300_000;
const SCALE = 0.001;

interface Seeded {
  database: TestDatabase;
  app: FastifyInstance;
  context: OperationContext;
}

/** A fresh database of the demo project with its demo users (as on a first start). */
async function demoDatabase(engine: 'sqlite' | 'postgresql'): Promise<Seeded> {
  const database = await createTestDatabase(engine);
  const app = await buildApp({ dir: repoRoot, databaseUrl: database.url });
  await ensureDemoUsers(app.kontor.operations, TEST_PASSWORD);
  return { database, app, context: app.kontor.operations };
}

async function close(seeded: Seeded | undefined): Promise<void> {
  await seeded?.app.close();
  await seeded?.database.drop();
}

/** Every business record and link row, without timestamps (they are the clock's, not the recipe's). */
async function canonicalDump(context: OperationContext): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const entity of seededEntities(context.model)) {
    const rows = await context.db.reader.all(`SELECT * FROM ${quote(tableName(entity.name))} ORDER BY ${quote('id')}`, []);
    dump[entity.name] = rows.map(({ created_at: _c, updated_at: _u, ...row }) => row);
    for (const field of entity.fields.filter((f) => f.type === 'many')) {
      dump[`${entity.name}.${field.name}`] = await context.db.reader.all(`SELECT * FROM ${quote(pivotTableName(entity.name, field.name))} ORDER BY 1, 2`, []);
    }
  }
  return dump;
}

async function auditRows(context: OperationContext, action: string): Promise<Array<{ changes: string; actor: string }>> {
  return (await context.db.reader.all(`SELECT ${quote('changes')}, ${quote('actor')} FROM ${quote('kontor_audit')} WHERE ${quote('action')} = ? ORDER BY ${quote('seq')}`, [action])) as Array<{ changes: string; actor: string }>;
}

describeEachEngine('kontor seed', (engine) => {
  let first: Seeded | undefined;
  let records = 0;

  beforeAll(async () => {
    first = await demoDatabase(engine);
    records = (await seedProject(first.context, repoRoot, { size: 'small' })).records;
  }, SEED_TIMEOUT);
  afterAll(() => close(first));

  it('small fills every entity of the demo, most with five records or more', async () => {
    const counts = await countRecords(first!.context.model, first!.context.db.reader);
    expect(Object.keys(counts)).toHaveLength(45);
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
    expect(Object.entries(counts).filter(([, n]) => n < 5).length).toBeLessThanOrEqual(3);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(records);
    expect(records).toBeGreaterThan(1000);
  });

  it('small writes through the audited write path: an entry per record, states by transitions, one seed event; the chain verifies', async () => {
    const { context } = first!;
    const creates = await auditRows(context, 'create');
    // Every seeded record has its create entry (the hooks' records too), with the actor `seed`.
    expect(creates.filter((row) => row.actor === 'seed').length).toBe(records);
    expect((await auditRows(context, 'transition')).length).toBeGreaterThan(50);
    const [event, ...more] = await auditRows(context, 'seed');
    expect(more).toEqual([]);
    const changes = JSON.parse(event!.changes) as Record<string, any>;
    expect(changes).toMatchObject({ size: 'small', records, per_row_audit: true, recipe: 'entities/shared/seed/recipe.ts', recipe_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await verifyChain(context.db.reader)).ok).toBe(true);
  });

  it('the data is what the screens and rules need: states, demo users, the credit warnings, the refused call-off', async () => {
    const { context } = first!;
    const seed = systemActor('test');
    const list = async (entity: string, filter: Record<string, unknown> = {}) => (await listRecords(context, seed, entity, { filter, range: [0, 4999] })).records;
    const states = (rows: Array<Record<string, unknown>>, field = 'status') => new Set(rows.map((r) => r[field]));
    expect(states(await list('contract'))).toEqual(new Set(['draft', 'active', 'fulfilled', 'cancelled']));
    expect(states(await list('call_off'))).toEqual(new Set(['draft', 'confirmed', 'in_transit', 'delivered', 'cancelled']));
    expect(states(await list('invoice'))).toEqual(new Set(['draft', 'posted', 'reversed']));
    const users = Object.fromEntries((await list('user')).map((u) => [u.username, u.id]));
    expect((await list('contract', { trader: users.trader })).length).toBeGreaterThan(20);
    const [me] = await list('employee', { user: users.employee });
    const [director] = await list('employee', { user: users.managing_director });
    expect(me?.manager).toBe(director?.id);
    expect((await list('task', { assignee: users.trader })).length).toBeGreaterThan(0);
    const warned = (await list('contract')).filter((c) => typeof c.credit_warning === 'string');
    expect(warned.length).toBeGreaterThanOrEqual(1);
    expect(warned.length).toBeLessThanOrEqual(2);
    // A lot trace has something to show: blends have parents, lots have movements in and out.
    expect((await list('stock_lot')).some((lot) => Array.isArray(lot.parent_lots) && lot.parent_lots.length === 2)).toBe(true);
    expect(states(await list('stock_movement'), 'kind')).toEqual(new Set(['in', 'out', 'transfer', 'blend', 'adjustment']));
    // Tierfutter Vechta holds only an expired GMP+ certificate: a call-off of its feed wheat contract is refused.
    const [partner] = await list('partner', { name: 'Tierfutter Vechta GmbH' });
    const [contract] = await list('contract', { partner: partner?.id });
    expect(contract?.status).toBe('active');
    await expect(insertRecord(context, seed, 'call_off', { contract: contract?.id, quantity: '25', requested_from: new Date().toISOString().slice(0, 10) })).rejects.toMatchObject({ code: 'KONTOR_HTTP_RULE_VIOLATION' });
  });

  it('refuses to seed a database that holds records, unless forced; the CLI says so with exit 1', async () => {
    await expect(seedProject(first!.context, repoRoot, { size: 'small' })).rejects.toBeInstanceOf(SeedRefusedError);
    const run = await runKontorInProcess(first!.database.url, 'seed', '--dir', repoRoot);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/already holds records .*--force/s);
  }, SEED_TIMEOUT);

  it('is deterministic: the first start of a second database seeds the same records (KONTOR_SEED=0 and existing records skip it)', async () => {
    let second: Seeded | undefined;
    try {
      second = await demoDatabase(engine);
      expect(await autoSeed(second.context, repoRoot, { KONTOR_SEED: '0' })).toBeNull();
      expect(await autoSeed(second.context, apiProject)).toBeNull();
      const seeded = await autoSeed(second.context, repoRoot, {});
      expect(seeded?.records).toBe(records);
      expect(await autoSeed(second.context, repoRoot, {})).toBeNull();
      expect(await canonicalDump(second.context)).toEqual(await canonicalDump(first!.context));
    } finally {
      await close(second);
    }
  }, SEED_TIMEOUT);

  it('CLI: a wrong command line and a project without a recipe exit 2; --help exits 0', async () => {
    const [size, scale, noRecipe, help] = await Promise.all([
      runKontorInProcess(first!.database.url, 'seed', '--size', 'huge'),
      runKontorInProcess(first!.database.url, 'seed', '--scale', '0.1'),
      runKontorInProcess(first!.database.url, 'seed', '--dir', apiProject),
      runKontorInProcess(first!.database.url, 'seed', '--help'),
    ]);
    expectExit(size, 2);
    expect(size.stderr).toContain('--size is small or large');
    expectExit(scale, 2);
    expectExit(noRecipe, 2);
    expect(noRecipe.stderr).toContain('no seed recipe');
    expectExit(help, 0);
    expect(help.stdout).toContain('--size large');
  }, SEED_TIMEOUT);

  it(`large at scale ${SCALE}: the rows in bulk, one seed event, a valid chain, numbers and ids that later creates continue`, async () => {
    const database = await createTestDatabase(engine);
    let app: FastifyInstance | undefined;
    try {
      const run = await runKontor(database.url, 'seed', '--size', 'large', '--scale', String(SCALE), '--dir', repoRoot);
      expectExit(run, 0);
      expect(run.stdout).toMatch(/^Seeded the demo data \(large\): [\d,]+ records in [\d.]+ s$/m);
      app = await buildApp({ dir: repoRoot, databaseUrl: database.url });
      const context = app.kontor.operations;
      const counts = await countRecords(context.model, context.db.reader);
      for (const [entity, atScaleOne] of Object.entries(LARGE_COUNTS)) {
        if (entity !== 'partner' && entity !== 'certificate' && entity !== 'supplier_approval') expect(counts[entity], entity).toBe(Math.max(1, Math.round(atScaleOne * SCALE)));
      }
      expect(counts.delivery).toBe(counts.weighbridge_ticket);
      const events = await auditRows(context, 'seed');
      expect(events).toHaveLength(1);
      const changes = JSON.parse(events[0]!.changes) as Record<string, any>;
      expect(changes).toMatchObject({ size: 'large', scale: SCALE, complete: true, per_row_audit: false, counts: { contract: counts.contract, invoice_line: counts.invoice_line } });
      expect(changes.records).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
      expect(await auditRows(context, 'create')).toEqual([]);
      const verify = await runKontorInProcess(database.url, 'audit', 'verify', '--dir', repoRoot);
      expectExit(verify, 0);

      // Every entity reads back through the API (values decode), and a new record continues ids and numbers.
      const headers = await adminHeaders(app);
      for (const entity of seededEntities(context.model)) {
        const response = await app.inject({ method: 'GET', url: `/api/${entity.resource}?range=[0,9]`, headers });
        expect(response.statusCode, `${entity.name}: ${response.body}`).toBe(200);
      }
      const [last] = (await listRecords(context, systemActor('test'), 'contract', { sort: ['id', 'DESC'], range: [0, 0] })).records;
      const [partner] = (await listRecords(context, systemActor('test'), 'partner', { range: [0, 0] })).records;
      const [commodity] = (await listRecords(context, systemActor('test'), 'commodity', { range: [0, 0] })).records;
      const created = await app.inject({ method: 'POST', url: '/api/contracts', headers, payload: { side: 'sale', partner: partner?.id, commodity: commodity?.id, quantity: '100' } });
      expect(created.statusCode, created.body).toBe(201);
      const body = JSON.parse(created.body) as Record<string, unknown>;
      expect(body.id).toBe(Number(last?.id) + 1);
      expect(Number(String(body.number).split('-').at(-1))).toBe(Number(String(last?.number).split('-').at(-1)) + 1);

      const again = await runKontorInProcess(database.url, 'seed', '--size', 'large', '--scale', String(SCALE), '--dir', repoRoot);
      expectExit(again, 1);
    } finally {
      await app?.close();
      await database.drop();
    }
  }, SEED_TIMEOUT);
});
