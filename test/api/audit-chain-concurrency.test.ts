import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { verifyChain } from '../../server/audit/verify-chain.ts';
import { describeEachEngine, repoRoot, startTestApp, TEST_PASSWORD, type TestApp } from './harness.ts';
import { create, expectStatus, type Rec } from './seed-helpers.ts';
import { runKontorInProcess } from './cli-runner.ts';

/**
 * Two servers on one database, both writing at once, must continue one audit chain: every change exactly
 * one entry, sequence numbers 1..N without a gap or a repeat, each entry linked to the one before. On
 * PostgreSQL the appends of the two connection pools (or processes) are serialized by an advisory lock; on
 * SQLite by its single writer. The servers are reached over real HTTP, so requests really overlap.
 *
 * Two apps in one process share one event loop: on SQLite, whose driver is synchronous, one app's write
 * transaction never yields to the other's, so only the two `kontor start` processes contend for the file
 * (with deferred instead of immediate transactions, that test loses entries; the in-process one does not).
 * On PostgreSQL both variants contend (without the advisory lock both lose about half the entries).
 */

/** Writes each server sends at once: creates of new records and updates of records of their own. */
const CREATES = 20;
const UPDATES = 20;
/** Updates each server sends to one partner both of them change: some may lose (409), none may vanish from the trail. */
const CONTENDED = 5;
/** Spawned servers compile TypeScript and open the database: seconds each, more side by side. */
const PROCESS_TIMEOUT = 180_000;
const GENESIS = '0'.repeat(64);

type Row = Record<string, unknown>;

interface Outcome {
  status: number;
  body: Row;
}

interface Workload {
  /** What each write request answered, by kind. */
  created: Array<Outcome & { name: string }>;
  updated: Array<Outcome & { partner: number; notes: string }>;
  contended: Array<Outcome & { notes: string }>;
}

async function send(base: string, headers: Record<string, string>, method: 'POST' | 'PUT', path: string, body: Row): Promise<Outcome> {
  const response = await fetch(`${base}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Row };
}

/**
 * Every server at once: CREATES commodities, UPDATES partners (each its own share of `partners`), CONTENDED
 * updates of the one `shared` partner. All requests start before any is answered.
 */
async function runWorkload(servers: readonly string[], headers: Record<string, string>, partners: readonly Rec[], shared: Rec): Promise<Workload> {
  const created: Array<Promise<Workload['created'][number]>> = [];
  const updated: Array<Promise<Workload['updated'][number]>> = [];
  const contended: Array<Promise<Workload['contended'][number]>> = [];
  for (let i = 0; i < Math.max(CREATES, UPDATES, CONTENDED); i++) {
    for (const [s, base] of servers.entries()) {
      if (i < CREATES) {
        const name = `Ware ${s}-${i}`;
        created.push(send(base, headers, 'POST', '/api/commodities', { name }).then((outcome) => ({ ...outcome, name })));
      }
      if (i < UPDATES) {
        const partner = partners[s * UPDATES + i] as Rec;
        const notes = `server ${s}, update ${i}`;
        updated.push(send(base, headers, 'PUT', `/api/partners/${partner.id}`, { notes }).then((outcome) => ({ ...outcome, partner: partner.id, notes })));
      }
      if (i < CONTENDED) {
        const notes = `contended ${s}-${i}`;
        contended.push(send(base, headers, 'PUT', `/api/partners/${shared.id}`, { notes }).then((outcome) => ({ ...outcome, notes })));
      }
    }
  }
  return { created: await Promise.all(created), updated: await Promise.all(updated), contended: await Promise.all(contended) };
}

/** The partners the updates go to (one share per server) and the one every server fights over. */
async function seedPartners(t: TestApp, servers: number): Promise<{ partners: Rec[]; shared: Rec }> {
  const partners: Rec[] = [];
  for (let i = 0; i < servers * UPDATES; i++) partners.push(await create(t, 'partners', { name: `Partner ${i}` }));
  return { partners, shared: await create(t, 'partners', { name: 'Geteilt GmbH', notes: 'initial' }) };
}

const storedRows = async (t: TestApp) => t.app.kontor.db.reader.all('SELECT * FROM kontor_audit ORDER BY seq', []);

/**
 * The chain checked twice: by the server's own verifier, and here from the rows with node:crypto and the
 * published hash rule, so a mistake shared by the writer and the verifier cannot pass unseen.
 */
async function expectOneChain(t: TestApp, expectedEntries: number): Promise<Row[]> {
  const verdict = await verifyChain(t.app.kontor.db.reader);
  expect(verdict).toEqual({ ok: true, entries: expectedEntries, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const rows = await storedRows(t);
  expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: expectedEntries }, (_, i) => i + 1));
  let previous = GENESIS;
  let previousAt = '';
  for (const row of rows) {
    const number = (value: unknown) => (value === null ? null : Number(value));
    const content = [Number(row.seq), row.at, number(row.actor_id), row.actor, row.action, row.entity, number(row.record_id), row.changes, row.reason, row.request_id, row.ip, row.retain_until, row.prev_hash];
    expect(row.prev_hash, `prev_hash of entry ${String(row.seq)}`).toBe(previous);
    expect(createHash('sha256').update(JSON.stringify(content)).digest('hex'), `hash of entry ${String(row.seq)}`).toBe(row.hash);
    // Time is taken under the append lock, so it never runs backwards along the chain (sorting by `at` is sorting by seq).
    expect(String(row.at) >= previousAt, `at of entry ${String(row.seq)}`).toBe(true);
    previous = String(row.hash);
    previousAt = String(row.at);
  }
  if (verdict.ok) expect(verdict.head).toBe(previous);
  return rows;
}

/** Each successful write is in the trail exactly once, with what it changed; each refused one is not. */
function expectEveryChangeOnce(rows: readonly Row[], work: Workload, shared: Rec): void {
  const entriesOf = (entity: string, id: unknown, action: string) => rows.filter((r) => r.entity === entity && Number(r.record_id) === Number(id) && r.action === action);
  for (const outcome of work.created) {
    expect(outcome.status, `create ${outcome.name}: ${JSON.stringify(outcome.body)}`).toBe(201);
    const entries = entriesOf('commodity', outcome.body.id, 'create');
    expect(entries, outcome.name).toHaveLength(1);
    expect(JSON.parse(String(entries[0]?.changes))).toMatchObject({ name: [null, outcome.name] });
  }
  for (const outcome of work.updated) {
    expect(outcome.status, `update of partner ${outcome.partner}: ${JSON.stringify(outcome.body)}`).toBe(200);
    const entries = entriesOf('partner', outcome.partner, 'update');
    expect(entries, `partner ${outcome.partner}`).toHaveLength(1);
    expect(JSON.parse(String(entries[0]?.changes))).toEqual({ notes: [null, outcome.notes] });
  }
  // The shared partner: writes that lost to another at the same moment are refused as a version conflict
  // (never silently overwritten); each one that went through is one entry, and the entries form one story,
  // each starting from the value the one before left.
  const won = work.contended.filter((o) => o.status === 200);
  for (const outcome of work.contended) expect([200, 409], JSON.stringify(outcome.body)).toContain(outcome.status);
  expect(won.length).toBeGreaterThan(0);
  const story = entriesOf('partner', shared.id, 'update').map((r) => (JSON.parse(String(r.changes)) as { notes: [string, string] }).notes);
  expect(story.map(([, after]) => after).sort()).toEqual(won.map((o) => o.notes).sort());
  let value = 'initial';
  for (const [before, after] of story) {
    expect(before).toBe(value);
    value = after;
  }
}

describeEachEngine('one audit chain under concurrent writes from two servers', (engine) => {
  let t: TestApp | undefined;
  let second: FastifyInstance | undefined;
  const children: ChildProcess[] = [];

  afterEach(async () => {
    await Promise.all(children.splice(0).map(stopProcess));
    await second?.close();
    second = undefined;
    await t?.close();
    t = undefined;
  });

  it('two apps (buildApp twice, each its own connections) on one database: 2 × 40 parallel writes over HTTP', async () => {
    t = await startTestApp(engine, { dir: repoRoot });
    second = await buildApp({ dir: repoRoot, databaseUrl: t.databaseUrl });
    const { partners, shared } = await seedPartners(t, 2);
    await second.listen({ host: '127.0.0.1', port: 0 });
    const address = second.server.address();
    const servers = [await t.listen(), `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`];
    const before = (await storedRows(t)).length;

    const work = await runWorkload(servers, t.authHeaders, partners, shared);
    const won = work.contended.filter((o) => o.status === 200).length;
    const rows = await expectOneChain(t, before + 2 * CREATES + 2 * UPDATES + won);
    expectEveryChangeOnce(rows, work, shared);
  });

  it('two `kontor start` processes on one database, each logged in: 2 × 40 parallel writes; `kontor audit verify` agrees', async () => {
    t = await startTestApp(engine, { dir: repoRoot });
    const { partners, shared } = await seedPartners(t, 2);
    const started = await Promise.all([startProcess(t.databaseUrl, children), startProcess(t.databaseUrl, children)]);
    // A login on each server: two more entries (action login), appended by the processes like any change.
    const tokens: string[] = [];
    for (const base of started) {
      const login = await send(base, {}, 'POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD });
      expectStatus({ status: login.status, headers: {}, body: login.body }, 200);
      tokens.push(String(login.body.token));
    }
    const before = (await storedRows(t)).length;
    expect((await storedRows(t)).filter((r) => r.action === 'login')).toHaveLength(2);

    const work = await runWorkload(started, { authorization: `Bearer ${tokens[0]}` }, partners, shared);
    const won = work.contended.filter((o) => o.status === 200).length;
    const expected = before + 2 * CREATES + 2 * UPDATES + won;
    const rows = await expectOneChain(t, expected);
    expectEveryChangeOnce(rows, work, shared);

    const verify = await runKontorInProcess(t.databaseUrl, 'audit', 'verify', '--dir', repoRoot);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toBe(`${expected} entries verified, chain intact\n`);
  }, PROCESS_TIMEOUT);
});

/** `kontor start` on a free port; resolves with its base URL once it prints where it listens. */
function startProcess(databaseUrl: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'start', '--dir', repoRoot, '--host', '127.0.0.1', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`kontor start ended (exit ${String(code)}) before listening:\n${output}`)));
  });
}

/** SIGTERM (the server finishes in-flight requests and closes the database), then wait for the exit. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

