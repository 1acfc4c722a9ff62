import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiProject, createTestDatabase, describeEachEngine, repoRoot, TEST_PASSWORD, type TestDatabase } from './harness.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `kontor start` as a user runs it: prints where it listens, and on SIGTERM lets requests in flight finish. */
describeEachEngine('kontor start and SIGTERM', (engine) => {
  let database: TestDatabase;
  let server: ChildProcess;
  let output = '';
  let base: string;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'start', '--dir', apiProject], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', KONTOR_DEMO_PASSWORD: TEST_PASSWORD },
    });
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    server.stdout?.on('data', (chunk) => (output += String(chunk)));
    server.stderr?.on('data', (chunk) => (output += String(chunk)));
    // Start-up takes 2-3 s alone but over 10 s while the rest of the suite loads both cores: allow 45 s.
    for (let i = 0; i < 450 && !output.includes('Kontor is running') && server.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (!output.includes('Kontor is running')) throw new Error(`the server did not start:\n${output}`);
  }, 60_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await database.drop();
  });

  it('prints the URLs of the API and its documentation', () => {
    expect(output).toContain('Kontor is running');
    expect(output).toContain(`${base}/api/docs`);
    expect(output).toContain(`${base}/api/openapi.json`);
  });

  it('creates one demo user per role on an empty database and prints the logins', async () => {
    expect(output).toContain('Demo logins');
    for (const role of ['admin', 'trader', 'employee', 'auditor']) expect(output).toMatch(new RegExp(`^  ${role} `, 'm'));
    expect(output).toContain('(from KONTOR_DEMO_PASSWORD)');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'trader', password: TEST_PASSWORD }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { roles: string[] } }).user.roles).toEqual(['trader']);
  });

  it('finishes requests in flight on SIGTERM, then exits 0', async () => {
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const received = () => output.split('\n').filter((line) => line.includes('incoming request') && line.includes('"POST"')).length;
    const before = received();
    // Several writes in flight at the moment the signal arrives: each must complete.
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      fetch(`${base}/api/commodities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: `Ware ${i}` }) }),
    );
    // The signal goes out once the server has received all ten (its log says so), not before.
    for (let i = 0; i < 200 && received() < before + 10; i++) await new Promise((r) => setTimeout(r, 1));
    server.kill('SIGTERM');
    const statuses = await Promise.all(inFlight.map(async (request) => (await request).status));
    expect(statuses).toEqual(Array(10).fill(201));
    expect(await exited, output).toBe(0);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});
