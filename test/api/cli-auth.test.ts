import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { hashToken } from '../../server/auth/token-store.ts';
import { addUser, listUsers } from '../../server/auth/users.ts';
import { apiProject, createTestDatabase, describeEachEngine, repoRoot, type TestDatabase } from './harness.ts';
import { expectExit, runKontor, runKontorInProcess } from './cli-runner.ts';

/**
 * `kontor user`, `kontor token create` and `kontor explain` as an operator runs them, against the API on the
 * same database. A spawn costs seconds of CPU, so one run of each command family is a real process (`user
 * add` on a database the server never ran on, `token create` whose stdout a shell captures, `explain`) and the
 * others call the command in the test process (runKontorInProcess: same function, output and exit code).
 */




async function post(app: FastifyInstance, url: string, payload: object) {
  const response = await app.inject({ method: 'POST', url, payload });
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, any> };
}

async function me(app: FastifyInstance, token: string) {
  const response = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, any> };
}

/** A CLI run takes seconds of CPU (TypeScript, the model, the database); several at once on a busy machine take longer. */
const CLI_TIMEOUT = 120_000;

const FIRST_PASSWORD = 'anna first password';
const SECOND_PASSWORD = 'anna second password';

describeEachEngine('kontor user and token create', (engine) => {
  let database: TestDatabase;
  let started: FastifyInstance | undefined;
  /** `kontor <args> --dir <api project>` on this engine's database, in the test process. */
  const run = (...args: string[]) => runKontorInProcess(database.url, ...args, '--dir', apiProject);
  /** The same as a process of its own. */
  const spawned = (...args: string[]) => runKontor(database.url, ...args, '--dir', apiProject);
  let cliToken = '';
  let tokenCreatedAt = 0;
  /** The server, started once the CLI has made the user and the token. */
  const api = async () => (started ??= await buildApp({ dir: apiProject, databaseUrl: database.url }));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await started?.close();
    await database?.drop();
  });

  it('user add works on a database the server has never run on', async () => {
    const added = await spawned('user', 'add', 'anna', '--password', FIRST_PASSWORD, '--roles', 'trader,hr', '--name', 'Anna Berg', '--email', 'anna@example.com', '--department', 'contracts');
    expectExit(added, 0);
    expect(added.stdout).toMatch(/^Added user anna \(id \d+\) with roles trader, hr$/m);
  }, CLI_TIMEOUT);

  it('refuses an unknown role (naming the known ones), a short password, a taken username and a bad duration; passwd, token create and list work', async () => {
    tokenCreatedAt = Date.now();
    const [unknownRole, shortPassword, taken, badDuration, passwd, token, list] = await Promise.all([
      run('user', 'add', 'bruno', '--password', 'long enough password', '--roles', 'trader,wizard'),
      run('user', 'add', 'carla', '--password', 'short1', '--roles', 'trader'),
      // Usernames are stored lowercase: ANNA is anna.
      run('user', 'add', 'ANNA', '--password', 'long enough password', '--roles', 'trader'),
      run('token', 'create', '--user', 'anna', '--expires', 'soon'),
      run('user', 'passwd', 'anna', '--password', SECOND_PASSWORD),
      spawned('token', 'create', '--user', 'anna', '--label', 'erp export'),
      run('user', 'list'),
    ]);
    expectExit(unknownRole, 1);
    expect(unknownRole.stderr).toContain('"wizard"');
    for (const role of ['admin', 'managing_director', 'trader', 'hr', 'employee', 'auditor']) expect(unknownRole.stderr).toMatch(new RegExp(`\\b${role}\\b`));
    expect(shortPassword.code).not.toBe(0);
    expect(shortPassword.stderr).toContain('at least 10 characters');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('already has this username');
    expectExit(badDuration, 2);
    expect(badDuration.stderr).toContain('"soon" is not a duration');
    expect(badDuration.stdout).toBe('');

    expectExit(passwd, 0);
    expectExit(token, 0);
    // stdout is only the token, so that `TOKEN=$(kontor token create ...)` works.
    expect(token.stdout).toMatch(/^kt_[A-Za-z0-9_-]{40,}\n$/);
    cliToken = token.stdout.trim();
    expect(token.stderr).toContain('Token for anna, valid until');
    expectExit(list, 0);
    expect(list.stdout.trimEnd().split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['USERNAME', 'ROLES', 'STATUS', 'NAME', 'DEPARTMENT'],
      ['anna', 'trader,hr', 'active', 'Anna Berg', 'contracts'],
    ]);
  }, CLI_TIMEOUT);

  it('the user and the token made by the CLI work against the API started afterwards', async () => {
    const app = await api();
    const user = { username: 'anna', display_name: 'Anna Berg', email: 'anna@example.com', department: 'contracts', roles: ['trader', 'hr'] };
    const loggedIn = await post(app, '/api/auth/login', { username: 'anna', password: SECOND_PASSWORD });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.user).toMatchObject(user);
    // user passwd replaced the first password.
    expect(await post(app, '/api/auth/login', { username: 'anna', password: FIRST_PASSWORD })).toMatchObject({ status: 401, body: { code: 'KONTOR_HTTP_LOGIN_FAILED' } });
    expect(await me(app, cliToken)).toMatchObject({ status: 200, body: user });
    // Stored like any token (only its hash), as an API token with the label and the default lifetime.
    const stored = await app.kontor.db.reader.all('SELECT kind, label, expires_at FROM kontor_token WHERE token_hash = ?', [hashToken(cliToken)]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'api', label: 'erp export' });
    const expiresIn = Number(stored[0]?.expires_at) - tokenCreatedAt;
    expect(expiresIn).toBeGreaterThan(90 * 86_400_000 - 120_000);
    expect(expiresIn).toBeLessThan(90 * 86_400_000 + 120_000);
    // The refused commands created nobody.
    expect((await listUsers(app.kontor.operations)).map((u) => u.username)).toEqual(['anna']);
  });

  it('user disable ends the CLI token in the running server at once; user enable lets them log in again', async () => {
    const app = await api();
    const session = (await post(app, '/api/auth/login', { username: 'anna', password: SECOND_PASSWORD })).body.token as string;
    expect((await me(app, cliToken)).status).toBe(200);

    expectExit(await run('user', 'disable', 'anna'), 0);
    expect(await me(app, cliToken)).toMatchObject({ status: 401, body: { code: 'KONTOR_HTTP_UNAUTHENTICATED' } });
    expect(await me(app, session)).toMatchObject({ status: 401, body: { code: 'KONTOR_HTTP_UNAUTHENTICATED' } });
    expect(await post(app, '/api/auth/login', { username: 'anna', password: SECOND_PASSWORD })).toMatchObject({ status: 401, body: { code: 'KONTOR_HTTP_LOGIN_FAILED' } });

    expectExit(await run('user', 'enable', 'anna'), 0);
    expect((await post(app, '/api/auth/login', { username: 'anna', password: SECOND_PASSWORD })).status).toBe(200);
  }, CLI_TIMEOUT);
});

describeEachEngine('kontor explain', (engine) => {
  let database: TestDatabase;
  let roles: string[];
  const explain = (...args: string[]) => runKontor(database.url, 'explain', ...args, '--dir', repoRoot);
  const explainInProcess = (...args: string[]) => runKontorInProcess(database.url, 'explain', ...args, '--dir', repoRoot);

  /** The text of config/roles.yaml at each `config/roles.yaml:line:column` the output names. */
  const places = (output: string) =>
    [...output.matchAll(/ at config\/roles\.yaml:(\d+):(\d+)/g)].map(([, line, column]) => roles[Number(line) - 1]?.slice(Number(column) - 1) ?? '');

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    roles = (await readFile(join(repoRoot, 'config', 'roles.yaml'), 'utf8')).split('\n');
    // The real project's roles.yaml (trader, employee, hr...): the users are made in-process, which is faster.
    const app = await buildApp({ dir: repoRoot, databaseUrl: database.url });
    try {
      await addUser(app.kontor.operations, { username: 'tina', password: 'tina password', roles: ['trader'] });
      await addUser(app.kontor.operations, { username: 'emil', password: 'emil password', roles: ['employee'], department: 'finance' });
    } finally {
      await app.close();
    }
  });
  afterAll(async () => database?.drop());

  it('ALLOWED (exit 0) and DENIED (exit 1), with each grant\'s place in config/roles.yaml and the user\'s values in the scope', async () => {
    const [allowed, denied] = await Promise.all([
      explain('--user', 'tina', '--entity', 'contract', '--action', 'update'),
      explainInProcess('--user', 'emil', '--entity', 'employee', '--action', 'delete', '--field', 'salary'),
    ]);

    expectExit(allowed, 0);
    expect(allowed.stdout).toMatch(/^User tina: roles trader$/m);
    expect(allowed.stdout).toMatch(/^Entity contract \(department contracts\)$/m);
    expect(allowed.stdout).toMatch(/^trader: contract at config\/roles\.yaml:\d+:\d+$/m);
    // Both of trader's contract grants, each pointing at its own entry in the file.
    expect(places(allowed.stdout)).toEqual([
      expect.stringMatching(/^\{ actions: \[read, create, export, duplicate\] \}/),
      expect.stringMatching(/^\{ actions: \[update, delete, activate, fulfil, cancel\], scope: \{ trader: \$user \} \}/),
    ]);
    expect(allowed.stdout).toMatch(/^ {2}rows: {5}trader = \$user \(\d+\)$/m);
    expect(allowed.stdout).toMatch(/^ALLOWED: update on trader = \$user \(\d+\)$/m);

    expectExit(denied, 1);
    expect(denied.stdout).toMatch(/^User emil \(department finance\): roles employee$/m);
    expect(places(denied.stdout)).toHaveLength(1);
    // A grant that is the entity's only one is placed at its key, one in a list at the list item.
    expect(places(denied.stdout)[0]).toMatch(/^employee: \{ actions: \[read\], hide: \[salary, iban, tax_id\], scope: \{ user: \$user \} \}/);
    expect(denied.stdout).toMatch(/^ {2}hidden: {3}salary, iban, tax_id$/m);
    expect(denied.stdout).toMatch(/^Allowed actions: read$/m);
    expect(denied.stdout).toMatch(/^DENIED: no role grants "delete" on employee$/m);
    expect(denied.stdout).toMatch(/^Field salary: hidden \(absent from every answer\); not writable$/m);
  }, CLI_TIMEOUT);
});
