import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { DestructiveSchemaChangeError } from '../../server/db/sync-schema.ts';
import { adminHeaders, copyApiProject, createTestDatabase, describeEachEngine, type TestDatabase } from './harness.ts';

const copyProject = () => copyApiProject(tmpdir(), 'kontor-sync-');

const COMMODITY = 'entities/masterdata/commodity.yaml';
const PARTNER = 'entities/masterdata/partner.yaml';
const CONTRACT = 'entities/contracts/contract.yaml';
const REGION = 'entities/masterdata/region.yaml';

/** Inserts `text` before the `list:` line of a YAML definition, i.e. as the last fields. */
const addFields = (yaml: string, text: string) => yaml.replace(/^list:/m, `${text}list:`);

async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<{ status: number; body: any }> {
  const response = await app.inject({ method, url, headers: await adminHeaders(app), ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.body === '' ? undefined : JSON.parse(response.body) };
}

async function ok(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<any> {
  const response = await call(app, method, url, payload);
  expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body;
}

/** What a refused start says: the error class, the column named, and the way out. */
async function expectRefused(start: Promise<FastifyInstance>, table: string, column: string): Promise<DestructiveSchemaChangeError> {
  const error = await start.then(
    async (app) => {
      await app.close();
      throw new Error(`the server started although "${table}.${column}" changed destructively`);
    },
    (e: unknown) => e,
  );
  expect(error, String(error)).toBeInstanceOf(DestructiveSchemaChangeError);
  const refused = error as DestructiveSchemaChangeError;
  expect(refused.message).toContain(column);
  expect(refused.message).toMatch(new RegExp(`\\b${table}\\b`));
  expect(refused.message).toContain('kontor migrate');
  expect(refused.changes.some((c) => c.column === column && c.destructive)).toBe(true);
  return refused;
}

describeEachEngine('schema sync on start', (engine) => {
  let dir: string;
  let db: TestDatabase;
  const originals = new Map<string, string>();
  const start = () => buildApp({ dir, databaseUrl: db.url });
  async function withApp<T>(work: (app: FastifyInstance) => Promise<T>): Promise<T> {
    const app = await start();
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  }
  const original = (file: string) => originals.get(file) as string;
  const write = (file: string, text: string) => writeFile(join(dir, file), text);
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    dir = await copyProject();
    db = await createTestDatabase(engine);
    for (const file of [COMMODITY, PARTNER, CONTRACT]) originals.set(file, await readFile(join(dir, file), 'utf8'));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the first start creates the tables; a restart with the same definitions changes nothing', async () => {
    await withApp(async (app) => {
      expect(app.kontor.db.schema.applied.length).toBeGreaterThan(0);
      ids.commodity = (await ok(app, 'POST', '/api/commodities', { name: 'Weizen', hs_code: '1001', shelf_life_days: 365 })).id;
      ids.partner = (await ok(app, 'POST', '/api/partners', { name: 'Müller', notes: 'Notiz bleibt' })).id;
      ids.contract = (await ok(app, 'POST', '/api/contracts', { side: 'sale', partner: ids.partner, commodity: ids.commodity, quantity: '123.456', deliveries: [{ ticket_no: 'S-1', net_weight: '1.5' }] })).id;
    });
    await withApp(async (app) => {
      expect(app.kontor.db.schema).toEqual({ applied: [], pending: [] });
      expect(await ok(app, 'GET', `/api/contracts/${ids.contract}`)).toMatchObject({ quantity: '123.456', delivered: '1.500' });
    });
  });

  it('an added field becomes a column and a new entity a table; the data stays', async () => {
    await write(COMMODITY, addFields(original(COMMODITY), '  origin:\n    type: string\n    maxLength: 40\n  supplier:\n    type: reference\n    to: partner\n'));
    await write(REGION, 'entity: region\nlabel: { en: Region, de: Region }\ntitle: name\nfields:\n  name: { type: string, required: true }\n');
    await withApp(async (app) => {
      expect(app.kontor.db.schema.applied.length).toBeGreaterThan(0);
      const commodity = await ok(app, 'GET', `/api/commodities/${ids.commodity}`);
      expect(commodity).toMatchObject({ name: 'Weizen', hs_code: '1001', shelf_life_days: 365, origin: null, supplier: null, version: 1 });
      expect((await ok(app, 'POST', '/api/regions', { name: 'Nord' })).name).toBe('Nord');
      expect(await ok(app, 'PUT', `/api/commodities/${ids.commodity}`, { origin: 'DE' })).toMatchObject({ origin: 'DE' });
      expect(await ok(app, 'PUT', `/api/commodities/${ids.commodity}`, { supplier: ids.partner })).toMatchObject({ origin: 'DE', supplier: ids.partner });
      expect(await ok(app, 'GET', `/api/partners/${ids.partner}`)).toMatchObject({ notes: 'Notiz bleibt' });
    });
    await withApp(async (app) => {
      expect(app.kontor.db.schema.applied).toEqual([]);
      expect(await ok(app, 'GET', `/api/commodities/${ids.commodity}`)).toMatchObject({ origin: 'DE', supplier: ids.partner });
    });
  });

  it('a removed field is refused, naming the column and `kontor migrate`; nothing is lost', async () => {
    await write(PARTNER, original(PARTNER).replace(/^ {2}notes:\n(?: {4}.*\n)+/m, ''));
    expect(await readFile(join(dir, PARTNER), 'utf8')).not.toContain('notes:');
    const refused = await expectRefused(start(), 'partner', 'notes');
    expect(refused.changes.find((c) => c.column === 'notes')?.kind).toBe('removed_column');
    await write(PARTNER, original(PARTNER));
    await withApp(async (app) => {
      expect(await ok(app, 'GET', `/api/partners/${ids.partner}`)).toMatchObject({ notes: 'Notiz bleibt' });
    });
  });

  it('a retyped field is refused, naming the column and `kontor migrate`; nothing is lost', async () => {
    const added = await readFile(join(dir, COMMODITY), 'utf8');
    await write(COMMODITY, added.replace(/shelf_life_days:\n {4}type: integer\n {4}min: 0\n {4}max: 3650\n {4}unit: days\n/, 'shelf_life_days:\n    type: string\n'));
    expect(await readFile(join(dir, COMMODITY), 'utf8')).toMatch(/shelf_life_days:\n {4}type: string/);
    const refused = await expectRefused(start(), 'commodity', 'shelf_life_days');
    expect(refused.changes.find((c) => c.column === 'shelf_life_days')?.kind).toBe('retyped_column');
    await write(COMMODITY, added);
    await withApp(async (app) => {
      expect(await ok(app, 'GET', `/api/commodities/${ids.commodity}`)).toMatchObject({ name: 'Weizen', shelf_life_days: 365 });
    });
  });

  it('a decimal whose scale changes is refused: its stored values would change meaning', async () => {
    await write(CONTRACT, original(CONTRACT).replace(/precision: 14\n {4}scale: 3/, 'precision: 14\n    scale: 2'));
    expect(await readFile(join(dir, CONTRACT), 'utf8')).toMatch(/precision: 14\n {4}scale: 2/);
    await expectRefused(start(), 'contract', 'quantity');
    await write(CONTRACT, original(CONTRACT));
    await withApp(async (app) => {
      expect(await ok(app, 'GET', `/api/contracts/${ids.contract}`)).toMatchObject({ quantity: '123.456' });
    });
  });

  it('a removed entity keeps its table: bringing the definition back finds the data', async () => {
    const region = await readFile(join(dir, REGION), 'utf8');
    const id = await withApp(async (app) => (await ok(app, 'POST', '/api/regions', { name: 'Süd' })).id as number);
    await unlink(join(dir, REGION));
    await withApp(async (app) => {
      expect((await call(app, 'GET', '/api/regions')).status).toBe(404);
    });
    await write(REGION, region);
    await withApp(async (app) => {
      expect(await ok(app, 'GET', `/api/regions/${id}`)).toMatchObject({ name: 'Süd' });
    });
  });

  describe('on a table that already has rows', () => {
    let ownDir: string;
    let ownDb: TestDatabase;
    beforeAll(async () => {
      ownDir = await copyProject();
      ownDb = await createTestDatabase(engine);
    });
    afterAll(async () => {
      await ownDb?.drop();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    });

    it('an added boolean or required field with a default is added; existing rows get the default', async () => {
      let app = await buildApp({ dir: ownDir, databaseUrl: ownDb.url });
      let id: number;
      try {
        id = (await ok(app, 'POST', '/api/commodities', { name: 'Gerste' })).id;
      } finally {
        await app.close();
      }
      const path = join(ownDir, COMMODITY);
      await writeFile(path, addFields(await readFile(path, 'utf8'), '  organic:\n    type: boolean\n  quality_class:\n    type: enum\n    required: true\n    default: A\n    values: [A, B]\n'));
      app = await buildApp({ dir: ownDir, databaseUrl: ownDb.url });
      try {
        expect(await ok(app, 'GET', `/api/commodities/${id}`)).toMatchObject({ name: 'Gerste', organic: false, quality_class: 'A' });
        expect((await call(app, 'GET', `/api/commodities?filter=${encodeURIComponent('{"organic":false}')}`)).body).toHaveLength(1);
      } finally {
        await app.close();
      }
    });
  });
});
