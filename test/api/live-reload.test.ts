import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { runKontorInProcess } from './cli-runner.ts';
import { adminHeaders, copyApiProject, createTestDatabase, describeEachEngine, type TestDatabase } from './harness.ts';

/**
 * Live reload (`kontor start` watching entities/ and config/), on a copy of the API fixture project: the
 * server runs in this process as startServer starts it (its own HTTP server on a real port, the watcher,
 * the app switch), without signal handlers; its log is captured line by line.
 */

const COMMODITY = 'entities/masterdata/commodity.yaml';
const ORIGIN = `  origin:
    type: string
    maxLength: 60
    label: { en: Origin, de: Herkunft }
`;

/** The contract: SHA-256 over config/ (without generated/) and entities/, sorted by path, path and content. */
async function definitionsHash(dir: string): Promise<string> {
  const files = (await glob(['config/**/*', 'entities/**/*'], { cwd: dir, ignore: ['config/generated/**'] })).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(await readFile(join(dir, file))).update('\0');
  return hash.digest('hex');
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachEngine('live reload of the definitions', (engine) => {
  let database: TestDatabase;
  let dir: string;
  let server: RunningServer;
  let base: string;
  let headers: Record<string, string>;
  let original: string;
  let initialHash: string;
  let reloadedHash: string;
  const log: string[] = [];
  const messages = () => log.map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
  /** Waits for a log message matching `pattern` among those logged after `from`; returns it and those before it. */
  const logged = async (pattern: RegExp, from: number) => {
    await until(() => messages().slice(from).some((m) => pattern.test(m)), `a log line matching ${pattern}`);
    const all = messages().slice(from);
    return all.slice(0, all.findIndex((m) => pattern.test(m)) + 1);
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, model: response.headers.get('kontor-model'), body: (await response.json()) as any };
  };
  const commodityFields = async () => ((await api('GET', '/api/_meta')).body.entities as Array<{ name: string; fields: Array<{ name: string }> }>).find((e) => e.name === 'commodity')!.fields.map((f) => f.name);
  const withOrigin = () => original.replace('list: [name', `${ORIGIN}list: [name`);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    dir = await copyApiProject();
    original = await readFile(join(dir, COMMODITY), 'utf8');
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(...chunk.toString().split('\n').filter((line) => line.startsWith('{')));
        done();
      },
    });
    // The start-up banner (URLs, demo logins) is not what this file is about.
    const banner = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      server = await startServer({ dir, databaseUrl: database.url, host: '127.0.0.1', port: 0, watch: true, signals: false, logger: { level: 'info', stream } });
    } finally {
      banner.mockRestore();
    }
    base = server.url;
    headers = await adminHeaders(server.app);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the definitions in every answer (Kontor-Model) and in _meta.modelHash', async () => {
    initialHash = await definitionsHash(dir);
    const health = await fetch(`${base}/api/health`);
    expect(health.headers.get('kontor-model')).toBe(initialHash);
    expect((await api('GET', '/api/_meta')).body.modelHash).toBe(initialHash);
    // A browser app on another origin may read it.
    const cors = await fetch(`${base}/api/health`, { headers: { origin: 'http://elsewhere.example' } });
    expect(cors.headers.get('access-control-expose-headers')).toContain('Kontor-Model');
  });

  it('swaps in a model with a new field while clients keep reading and writing: no request fails', async () => {
    const clients = 8;
    const seen: Array<Array<string | null>> = Array.from({ length: clients }, () => []);
    const failures: string[] = [];
    let answered = 0;
    let stop = false;
    const call = async (i: number, method: string, path: string, body?: unknown) => {
      try {
        const response = await api(method, path, body);
        seen[i]!.push(response.model);
        answered += 1;
        if (response.status !== (method === 'POST' ? 201 : 200)) failures.push(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      } catch (error) {
        failures.push(`${method} ${path}: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
      }
    };
    const load = Array.from({ length: clients }, async (_, i) => {
      for (let n = 0; !stop; n++) {
        await call(i, 'GET', `/api/commodities?range=${encodeURIComponent('[0,9]')}&sort=${encodeURIComponent('["id","DESC"]')}`);
        await call(i, 'POST', '/api/commodities', { name: `Load ${i}-${n}` });
      }
    });
    await until(() => answered >= 40, 'the load to get going');
    const from = log.length;
    await writeFile(join(dir, COMMODITY), withOrigin());
    reloadedHash = await definitionsHash(dir);
    // Every client keeps going until it has had several answers from the new model.
    await until(() => seen.every((hashes) => hashes.filter((h) => h === reloadedHash).length >= 4), 'every client to be answered by the new model');
    stop = true;
    await Promise.all(load);

    expect(failures).toEqual([]);
    expect(reloadedHash).not.toBe(initialHash);
    for (const hashes of seen) {
      // One switch per client: the old model's answers, then only the new one's.
      const first = hashes.indexOf(reloadedHash);
      expect(new Set(hashes.slice(0, first))).toEqual(new Set([initialHash]));
      expect(new Set(hashes.slice(first))).toEqual(new Set([reloadedHash]));
    }
    expect(await logged(/^Model reloaded: added commodity\.origin/, from)).not.toEqual([]);
    // The previous app closed (and let go of its database) once its last answer was out.
    await until(() => server.draining === 0, 'the previous app to close');
    expect(await commodityFields()).toContain('origin');
    expect((await api('GET', '/api/_meta')).body.modelHash).toBe(reloadedHash);
    const created = await api('POST', '/api/commodities', { name: 'Durum wheat', origin: 'Canada' });
    expect(created).toMatchObject({ status: 201, model: reloadedHash, body: { name: 'Durum wheat', origin: 'Canada' } });
    expect((await api('GET', `/api/commodities/${created.body.id}`)).body.origin).toBe('Canada');
  }, 90_000);

  it('keeps serving the model it has when the definitions turn invalid, and logs each issue at file:line:column', async () => {
    let from = log.length;
    await writeFile(join(dir, COMMODITY), withOrigin().replace('  origin:\n    type: string', '  origin:\n    type: strnig'));
    let lines = await logged(/^Definitions invalid/, from);
    expect(lines.at(-1)).toMatch(/^Definitions invalid \(entities\/masterdata\/commodity\.yaml\): 1 issue; still serving the previous model$/);
    expect(lines).toContainEqual(expect.stringMatching(/^entities\/masterdata\/commodity\.yaml:\d+:\d+ KONTOR_CFG_UNKNOWN_FIELD_TYPE .*strnig.*\(did you mean "string"\?\)$/));

    from = log.length;
    await writeFile(join(dir, COMMODITY), `${withOrigin()}\nlist: [name, {unclosed\n`);
    lines = await logged(/^Definitions invalid/, from);
    expect(lines).toContainEqual(expect.stringMatching(/^entities\/masterdata\/commodity\.yaml:\d+:\d+ KONTOR_CFG_YAML_SYNTAX /));

    const health = await fetch(`${base}/api/health`);
    expect(health.headers.get('kontor-model')).toBe(reloadedHash);
    expect(await commodityFields()).toContain('origin');
    expect((await api('POST', '/api/commodities', { name: 'Still served', origin: 'Ukraine' })).status).toBe(201);
  }, 60_000);

  it('does not apply a change that would lose data, and says `kontor migrate` applies it', async () => {
    const from = log.length;
    const withoutHsCode = withOrigin()
      .replace(/ {2}hs_code:\n( {4}.*\n)+/, '')
      .replace('list: [name, hs_code,', 'list: [name,')
      .replace('search: [name, hs_code]', 'search: [name]');
    await writeFile(join(dir, COMMODITY), withoutHsCode);
    const lines = await logged(/^Definitions not reloaded/, from);
    expect(lines).toContainEqual(expect.stringMatching(/^Not reloaded: would lose or invalidate data: column "(public\.)?commodity\.hs_code" .*no longer defined/));
    expect(lines.at(-1)).toContain('`npx kontor migrate`');
    expect(lines.at(-1)).toContain('still serving the previous model');
    expect((await fetch(`${base}/api/health`)).headers.get('kontor-model')).toBe(reloadedHash);
    expect(await commodityFields()).toContain('hs_code');

    // Back to the definitions the server runs: nothing to do, nothing logged as a reload.
    await writeFile(join(dir, COMMODITY), withOrigin());
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(messages().slice(from).filter((m) => m.startsWith('Model reloaded'))).toEqual([]);
  }, 60_000);

  it('writes the applied change to the audit trail: entities, fields and the hash of the definitions, chain intact', async () => {
    const { body, status } = await api('GET', `/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'model_change' }))}`);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      actor: 'system',
      actor_id: null,
      action: 'model_change',
      entity: null,
      changes: { hash: reloadedHash, previous_hash: initialHash, added: [{ entity: 'commodity', field: 'origin' }], removed: [], changed: [], settings: [] },
    });
    expect(body[0].changes.schema.join('\n')).toMatch(/origin/);
    const verify = await runKontorInProcess(database.url, 'audit', 'verify', '--dir', dir);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 60_000);
});
