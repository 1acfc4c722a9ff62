/**
 * REST benchmark (issue 3, item 9): the same 100,000-row SQLite table served by Kontor's generated routes and
 * by a hand-written Fastify + better-sqlite3 baseline, each in its own child process, measured with autocannon
 * on loopback. Prints req/s, p50/p99 and Kontor/baseline per scenario and the peak RSS of each server, and
 * writes the figures to bench/results/rest-<timestamp>.json.
 *
 *   npm run bench                         (10 s per scenario and server, 20 connections)
 *   BENCH_DURATION=3 npm run bench        (quick)
 *
 * Settings (environment):
 *   BENCH_DURATION     seconds measured per scenario, server and round (default 10)
 *   BENCH_WARMUP       seconds of warm-up per scenario and server, not measured (default 2; 1 under 5 s)
 *   BENCH_CONNECTIONS  concurrent connections (default 20)
 *   BENCH_ROWS         rows in the table (default 100000)
 *   BENCH_ROUNDS       measure each scenario that many times, the two servers alternating, and report medians
 *                      (default 1; 3 gives steadier ratios on a busy machine)
 *   BENCH_SCENARIOS    comma list (default all: list,list-recent,like,getOne,create)
 *   BENCH_PROFILE      kontor | baseline | both: run that server under --cpu-prof, profiles in BENCH_PROFILE_DIR
 *                      (default bench/results/profiles); summarize with bench/profile-summary.ts
 *   BENCH_STRICT=1     exit 1 when a target is missed (a non-2xx answer always fails the run)
 *   BENCH_NO_RESULTS=1 do not write the JSON file
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { buildApp } from '../server/app.ts';
import { issueToken } from '../server/auth/token-store.ts';
import { addUser } from '../server/auth/users.ts';
import { SCENARIOS, type Scenario } from './lib/scenarios.ts';
import { seedBenchItems } from './lib/seed.ts';
import { killAllServers, ServerProcess, type ServerStats } from './lib/server-process.ts';

const here = import.meta.dirname;
const SERVERS = ['baseline', 'kontor'] as const;
type ServerName = (typeof SERVERS)[number];

function envNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${text}: expected a positive number`);
  return value;
}

const duration = envNumber('BENCH_DURATION', 10);
const settings = {
  duration,
  warmup: envNumber('BENCH_WARMUP', duration < 5 ? 1 : 2),
  connections: Math.round(envNumber('BENCH_CONNECTIONS', 20)),
  rows: Math.round(envNumber('BENCH_ROWS', 100_000)),
  rounds: Math.round(envNumber('BENCH_ROUNDS', 1)),
};
const selected = (process.env.BENCH_SCENARIOS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = selected.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
const scenarios = selected.length > 0 ? SCENARIOS.filter((s) => selected.includes(s.name)) : SCENARIOS;
const profile = process.env.BENCH_PROFILE ?? '';
if (!['', 'kontor', 'baseline', 'both'].includes(profile)) throw new Error(`BENCH_PROFILE=${profile}: expected kontor, baseline or both`);
const profileDir = resolve(process.env.BENCH_PROFILE_DIR ?? join(here, 'results', 'profiles'));

interface Measurement {
  reqPerSec: number;
  latencyP50: number;
  latencyP99: number;
  latencyAvg: number;
  /** Server CPU time (user + system) per answered request: less sensitive than req/s to other load on the machine. */
  cpuMicrosPerRequest: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  peakRssMb: number;
}

interface ScenarioResult {
  name: string;
  description: string;
  target: number;
  /** Medians over the rounds (peak RSS: the maximum; error counts: the sum). */
  baseline: Measurement;
  kontor: Measurement;
  /** Kontor/baseline of the median req/s. */
  ratio: number;
  /** Baseline/Kontor of the server CPU time per request (1 = as cheap as the baseline). */
  cpuRatio: number;
  met: boolean;
  rounds: Array<{ baseline: Measurement; kontor: Measurement; ratio: number }>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function combine(measurements: Measurement[]): Measurement {
  const pick = (key: keyof Measurement) => median(measurements.map((m) => m[key]));
  const sum = (key: keyof Measurement) => measurements.reduce((total, m) => total + m[key], 0);
  return {
    reqPerSec: Math.round(pick('reqPerSec')),
    latencyP50: pick('latencyP50'),
    latencyP99: pick('latencyP99'),
    latencyAvg: pick('latencyAvg'),
    cpuMicrosPerRequest: Math.round(pick('cpuMicrosPerRequest')),
    requests: sum('requests'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    peakRssMb: Math.max(...measurements.map((m) => m.peakRssMb)),
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'kontor-bench-'));
const cleanUp = () => {
  killAllServers();
  rmSync(tmp, { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    cleanUp();
    process.exit(130);
  });
}

/** The bearer token every request sends (set once the database exists). */
let authorization = '';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const log = (text: string) => console.log(text);

/** Kontor creates the schema (exactly as on a first start), then the rows go in through better-sqlite3. */
async function createDatabase(): Promise<{ kontor: string; baseline: string; sqliteVersion: string; seedMs: number }> {
  const started = performance.now();
  const seed = join(tmp, 'seed.db');
  const app = await buildApp({ dir: join(here, 'project'), databaseUrl: `sqlite:${seed}` });
  // Kontor answers only with a token: every request carries one (an admin's), so each measured request
  // pays the token check, as in production. The baseline has no authentication and ignores the header.
  const user = await addUser(app.kontor.operations, { username: 'bench', password: 'bench-password', roles: ['admin'] });
  authorization = `Bearer ${(await issueToken(app.kontor.operations, user.id as number, 'api', 86_400)).token}`;
  await app.close();
  seedBenchItems(seed, settings.rows);
  const db = new Database(seed, { readonly: true });
  const { version } = db.prepare('select sqlite_version() as version').get() as { version: string };
  db.close();
  const files = { kontor: join(tmp, 'kontor.db'), baseline: join(tmp, 'baseline.db') };
  copyFileSync(seed, files.kontor);
  copyFileSync(seed, files.baseline);
  return { ...files, sqliteVersion: version, seedMs: Math.round(performance.now() - started) };
}

async function startServer(name: ServerName, dbPath: string): Promise<ServerProcess> {
  // One file per thread (the main thread's is the big one; tsx's loader runs in a second thread).
  const dir = join(profileDir, name);
  const execArgv = profile === name || profile === 'both' ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  if (execArgv.length > 0) mkdirSync(dir, { recursive: true });
  return ServerProcess.start(name, join(here, 'servers', `${name}.ts`), [dbPath], execArgv);
}

async function send(server: ServerProcess, scenario: Scenario, request = scenario.sample) {
  const response = await fetch(server.url + request.path, {
    method: scenario.method,
    headers: { authorization, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    ...(request.body ? { body: request.body } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* kept as text */
  }
  return { status: response.status, contentRange: response.headers.get('content-range'), body };
}

/**
 * Both servers must give the same answer to each scenario's sample request (same rows, same JSON, same
 * Content-Range), or the comparison would not be fair. A create compares all but id and timestamps.
 */
async function checkParity(servers: Record<ServerName, ServerProcess>): Promise<void> {
  for (const scenario of scenarios) {
    const [a, b] = await Promise.all(SERVERS.map((name) => send(servers[name], scenario)));
    const problems: string[] = [];
    const expected = scenario.method === 'POST' ? 201 : 200;
    if (a!.status !== expected || b!.status !== expected) problems.push(`status baseline ${a!.status}, kontor ${b!.status} (expected ${expected})`);
    if (a!.contentRange !== b!.contentRange) problems.push(`Content-Range baseline "${a!.contentRange}", kontor "${b!.contentRange}"`);
    const comparable = (body: unknown) => {
      if (scenario.method !== 'POST' || typeof body !== 'object' || body === null) return body;
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = body as Record<string, unknown>;
      return rest;
    };
    if (!isDeepStrictEqual(comparable(a!.body), comparable(b!.body))) {
      problems.push(`bodies differ:\n  baseline ${JSON.stringify(a!.body).slice(0, 600)}\n  kontor   ${JSON.stringify(b!.body).slice(0, 600)}`);
    }
    if (problems.length > 0) throw new Error(`parity check "${scenario.name}" (${scenario.method} ${scenario.sample.path}) failed: ${problems.join('; ')}`);
  }
  log(`Parity: both servers answer the sample request of each scenario identically (${scenarios.map((s) => s.name).join(', ')}).`);
}

function cannon(server: ServerProcess, scenario: Scenario, seconds: number): Promise<Result> {
  const next = scenario.requests(settings.rows);
  return Promise.resolve(autocannon({
    url: server.url,
    connections: settings.connections,
    duration: seconds,
    method: scenario.method,
    headers: { authorization, ...(scenario.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = next();
          request.path = path;
          if (body !== undefined) request.body = body;
          return request;
        },
      },
    ],
  }));
}

async function measure(server: ServerProcess, scenario: Scenario, warmUp: boolean): Promise<Measurement> {
  if (warmUp) await cannon(server, scenario, settings.warmup);
  const before = await server.stats(true);
  const result = await cannon(server, scenario, settings.duration);
  const stats: ServerStats = await server.stats(true);
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}: ${count}`).join(', ');
    const request = scenario.requests(settings.rows)();
    const probe = await send(server, scenario, request).catch((error: Error) => ({ status: 0, body: error.message }));
    throw new Error(
      `${server.name} / ${scenario.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts (status codes ${codes}); ` +
        `a probe ${scenario.method} ${request.path} answered ${probe.status}: ${JSON.stringify(probe.body).slice(0, 500)}`,
    );
  }
  return {
    reqPerSec: Math.round(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyAvg: Math.round(result.latency.average * 100) / 100,
    cpuMicrosPerRequest: Math.round((stats.cpuMicros - before.cpuMicros) / Math.max(1, result['2xx'])),
    requests: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssMb: mb(stats.sampledPeakRss),
  };
}

const pad = (text: string | number, width: number, left = false) => (left ? String(text).padEnd(width) : String(text).padStart(width));
const thousands = (n: number) => n.toLocaleString('en-US');

function printScenario(result: ScenarioResult): void {
  for (const name of SERVERS) {
    const m = result[name];
    log(
      `  ${pad(name, 9, true)} ${pad(thousands(m.reqPerSec), 8)} req/s   p50 ${pad(m.latencyP50, 4)} ms   p99 ${pad(m.latencyP99, 4)} ms   ` +
        `non-2xx ${m.non2xx}   CPU ${pad(thousands(m.cpuMicrosPerRequest), 6)} µs/req   peak RSS ${m.peakRssMb} MB`,
    );
  }
  log(`  ratio     ${result.ratio.toFixed(2)} (target ≥ ${result.target}: ${result.met ? 'met' : 'MISSED'}); by CPU per request ${result.cpuRatio.toFixed(2)}`);
}

function printTable(results: ScenarioResult[], peak: Record<ServerName, number>): void {
  const rows = [
    ['scenario', 'baseline req/s', 'kontor req/s', 'ratio', 'target', 'CPU ratio', 'baseline p50/p99 ms', 'kontor p50/p99 ms'],
    ...results.map((r) => [
      r.name,
      thousands(r.baseline.reqPerSec),
      thousands(r.kontor.reqPerSec),
      r.ratio.toFixed(2),
      `≥${r.target} ${r.met ? 'ok' : 'MISSED'}`,
      r.cpuRatio.toFixed(2),
      `${r.baseline.latencyP50} / ${r.baseline.latencyP99}`,
      `${r.kontor.latencyP50} / ${r.kontor.latencyP99}`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  log('');
  for (const [index, row] of rows.entries()) {
    log(row.map((cell, i) => pad(cell, widths[i]!, i === 0)).join('  '));
    if (index === 0) log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  log('ratio = Kontor req/s ÷ baseline req/s; CPU ratio = baseline ÷ Kontor server CPU time per request (less sensitive to other load)');
  log(`\nPeak RSS: baseline ${peak.baseline} MB, kontor ${peak.kontor} MB`);
}

async function main(): Promise<number> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  log(
    `Kontor REST benchmark: ${settings.rows.toLocaleString('en-US')} rows, ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per scenario and server` +
      (settings.rounds > 1 ? ` × ${settings.rounds} rounds (medians)` : '') +
      `\n${availableParallelism()} × ${cpu}, Node ${process.version}`,
  );
  const db = await createDatabase();
  log(`Database: SQLite ${db.sqliteVersion}, ${settings.rows.toLocaleString('en-US')} bench_item rows created in ${db.seedMs} ms (one copy per server)`);

  const servers = {} as Record<ServerName, ServerProcess>;
  let results: ScenarioResult[] = [];
  const peak: Record<ServerName, number> = { baseline: 0, kontor: 0 };
  const startup: Record<ServerName, number> = { baseline: 0, kontor: 0 };
  try {
    for (const name of SERVERS) {
      servers[name] = await startServer(name, db[name]);
      startup[name] = servers[name].startupMs;
      log(`Started ${name} (pid ${servers[name].pid}) on ${servers[name].url} in ${servers[name].startupMs} ms`);
    }
    await checkParity(servers);

    // Scenario by scenario, both servers back to back, so drift on a shared machine hits both sides of a ratio
    // alike; which one goes first alternates (by scenario and round) so that neither always follows the other.
    // Only one server is under load at a time; create runs last so every read sees the same 100k rows.
    for (const [index, scenario] of scenarios.entries()) {
      log(`\n${scenario.name}: ${scenario.description}`);
      const rounds: ScenarioResult['rounds'] = [];
      for (let round = 0; round < settings.rounds; round++) {
        const measured = {} as Record<ServerName, Measurement>;
        const order = (index + round) % 2 === 0 ? SERVERS : [...SERVERS].reverse();
        for (const name of order) measured[name] = await measure(servers[name], scenario, round === 0);
        const { baseline, kontor } = measured;
        rounds.push({ baseline, kontor, ratio: Math.round((kontor.reqPerSec / baseline.reqPerSec) * 100) / 100 });
        if (settings.rounds > 1) {
          log(`  round ${round + 1} (${order.join(' first, ')} second): baseline ${thousands(baseline.reqPerSec)} req/s, kontor ${thousands(kontor.reqPerSec)} req/s, ratio ${rounds.at(-1)!.ratio.toFixed(2)}`);
        }
      }
      const baseline = combine(rounds.map((r) => r.baseline));
      const kontor = combine(rounds.map((r) => r.kontor));
      const ratio = Math.round((kontor.reqPerSec / baseline.reqPerSec) * 100) / 100;
      const cpuRatio = Math.round((baseline.cpuMicrosPerRequest / kontor.cpuMicrosPerRequest) * 100) / 100;
      const result = { name: scenario.name, description: scenario.description, target: scenario.target, baseline, kontor, ratio, cpuRatio, met: ratio >= scenario.target, rounds };
      results = [...results, result];
      printScenario(result);
    }
    for (const name of SERVERS) peak[name] = mb((await servers[name].stats()).maxRss);
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
  if (profile) log(`\nCPU profiles in ${relative(process.cwd(), profileDir)} (<server>/CPU.*.cpuprofile, the largest per server is its main thread; summarize: node --import tsx bench/profile-summary.ts <file>)`);

  printTable(results, peak);
  if (process.env.BENCH_NO_RESULTS !== '1') {
    const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
    const dir = join(here, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `rest-${stamp}.json`);
    const machine = { cpus: availableParallelism(), cpu, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, platform: process.platform, sqlite: db.sqliteVersion };
    writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), settings, machine, profiled: profile || null, startupMs: startup, peakRssMb: peak, scenarios: results }, null, 2)}\n`);
    log(`Results: ${relative(process.cwd(), file)}`);
  }
  const missed = results.filter((r) => !r.met);
  if (missed.length > 0) log(`Targets missed: ${missed.map((r) => `${r.name} ${r.ratio.toFixed(2)} < ${r.target}`).join(', ')}`);
  return missed.length > 0 && process.env.BENCH_STRICT === '1' ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`\nBENCHMARK FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
}
// autocannon may leave sockets behind; the exit handler stops what is left and removes the temporary files.
process.exit();
