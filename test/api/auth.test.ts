import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { hashToken, issueToken } from '../../server/auth/token-store.ts';
import { addUser, setUserActive } from '../../server/auth/users.ts';
import { apiProject, describeEachEngine, overlayProject, startTestApp, TEST_PASSWORD, type TestApp, type TestResponse } from './harness.ts';
import { expectError, expectStatus, listUrl } from './seed-helpers.ts';

/**
 * Login, bearer tokens, logout, disabled users, login throttling, the token check on every route, and that
 * password hashes never leave the database.
 */

/** Login takes the client address from the connection: each throttling test uses addresses of its own. */
let lastAddress = 0;
const freshAddress = () => `192.0.2.${++lastAddress}`;

interface LoginBody {
  token: string;
  expires_at: string;
  user: Record<string, unknown>;
}

async function login(app: FastifyInstance, username: string, password: string, address = freshAddress()): Promise<TestResponse<LoginBody & { code?: string }>> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
}

async function me(app: FastifyInstance, token: string): Promise<TestResponse> {
  const response = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
}

function expectUnauthenticated(response: TestResponse): void {
  expectError(response, 401, { code: 'KONTOR_HTTP_UNAUTHENTICATED' });
  expect(response.headers['www-authenticate']).toBe('Bearer');
}

function expectLocked(response: TestResponse, maxSeconds: number): void {
  expectError(response, 429, { code: 'KONTOR_HTTP_TOO_MANY_LOGINS' });
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds, `Retry-After: ${String(response.headers['retry-after'])}`).toBe(true);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('login, tokens and logout', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('login answers a token, its expiry (sessionTtl, default 12h) and the user; the token works as Bearer', async () => {
    const { id } = await t.loginAs('greta', ['trader', 'hr'], { display_name: 'Greta Hansen', email: 'greta@example.com', department: 'contracts' });
    const before = Date.now();
    // Usernames are stored lowercase; a login typed with capitals finds the same user.
    const response = await login(t.app, 'Greta', TEST_PASSWORD);
    expectStatus(response, 200);
    const user = { id, username: 'greta', display_name: 'Greta Hansen', email: 'greta@example.com', department: 'contracts', roles: ['trader', 'hr'] };
    expect(response.body).toEqual({ token: expect.stringMatching(/^\S{32,}$/), expires_at: expect.any(String), user });
    const expiresIn = Date.parse(response.body.expires_at) - before;
    expect(expiresIn).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(expiresIn).toBeLessThan(12 * 3600_000 + 60_000);
    expect(await me(t.app, response.body.token)).toMatchObject({ status: 200, body: user });
    // The scheme name is case-insensitive (RFC 7235).
    const lower = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `bearer ${response.body.token}` } });
    expect(lower.statusCode).toBe(200);
  });

  it('login refuses a body without username or password (400) and one that is not JSON (415)', async () => {
    expectError(await t.request('POST', '/api/auth/login', { username: 'greta' }, { token: null }), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['password'] });
    expectError(await t.request('POST', '/api/auth/login', { password: TEST_PASSWORD }, { token: null }), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['username'] });
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: 'username=greta&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
  });

  it('a wrong password, an unknown username and a disabled user get the same 401 answer', async () => {
    await t.loginAs('hugo', ['trader']);
    await t.loginAs('ines', ['trader']);
    await setUserActive(t.app.kontor.operations, 'ines', false);
    const wrongPassword = await login(t.app, 'hugo', 'not the password');
    const unknownUser = await login(t.app, 'nobody-here', TEST_PASSWORD);
    const disabledUser = await login(t.app, 'ines', TEST_PASSWORD);
    for (const response of [wrongPassword, unknownUser, disabledUser]) {
      expectError(response, 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
      expect(response.body).not.toHaveProperty('token');
    }
    // Telling them apart would let anyone probe which usernames exist or are disabled.
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(disabledUser.body).toEqual(wrongPassword.body);
  });

  it('a username locks after 5 failures, whatever the address: 429 with Retry-After even with the right password', async () => {
    await t.loginAs('jakob', ['trader']);
    for (let i = 1; i <= 5; i++) expectError(await login(t.app, 'jakob', `wrong ${i}`), 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
    const locked = await login(t.app, 'jakob', TEST_PASSWORD);
    expectLocked(locked, 15 * 60);
    expect(locked.body).not.toHaveProperty('token');
    // The same username typed differently is the same lock.
    expectLocked(await login(t.app, 'JAKOB', TEST_PASSWORD), 15 * 60);
    // Other users are not affected.
    await t.loginAs('karla', ['trader']);
    expectStatus(await login(t.app, 'karla', TEST_PASSWORD), 200);
  });

  it('concurrent wrong passwords do not get past the lock: of 20 at once, at most 5 are checked', async () => {
    await t.loginAs('xenia', ['trader']);
    // Each from an address of its own, so only the username's count can stop them.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t.app, 'xenia', `wrong ${i}`)));
    expect(answers.map((a) => a.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // Each 401 is a password guess that was tried; a burst must not buy more guesses than a sequence.
    expect(answers.filter((a) => a.status === 401).length, 'wrong passwords checked (401) instead of refused (429)').toBeLessThanOrEqual(5);
    expectLocked(await login(t.app, 'xenia', TEST_PASSWORD), 15 * 60);
  });

  it('a successful login clears the username\'s failures', async () => {
    await t.loginAs('lena', ['trader']);
    const address = freshAddress();
    for (let i = 1; i <= 4; i++) expectStatus(await login(t.app, 'lena', `wrong ${i}`, address), 401);
    expectStatus(await login(t.app, 'lena', TEST_PASSWORD, address), 200);
    // Without the reset these four would make eight, and the fifth failure would have locked the username.
    for (let i = 5; i <= 8; i++) expectStatus(await login(t.app, 'lena', `wrong ${i}`, address), 401);
    expectStatus(await login(t.app, 'lena', TEST_PASSWORD, address), 200);
  });

  it('an address locks after 4 × 5 failures over any usernames; a success from it does not clear its count', async () => {
    await t.loginAs('moritz', ['trader']);
    const address = freshAddress();
    for (let i = 1; i <= 19; i++) expectStatus(await login(t.app, `guess-${i}`, 'password123', address), 401);
    expectStatus(await login(t.app, 'moritz', TEST_PASSWORD, address), 200);
    expectStatus(await login(t.app, 'guess-20', 'password123', address), 401);
    expectLocked(await login(t.app, 'moritz', TEST_PASSWORD, address), 15 * 60);
    // Only that address: the user may still log in from anywhere else.
    expectStatus(await login(t.app, 'moritz', TEST_PASSWORD, freshAddress()), 200);
  });

  it('tokens are stored only as their SHA-256, with the expiry as epoch milliseconds', async () => {
    await t.loginAs('nora', ['trader']);
    const response = await login(t.app, 'nora', TEST_PASSWORD);
    expectStatus(response, 200);
    const { token, expires_at: expiresAt } = response.body;
    const rows = await t.app.kontor.db.reader.all('SELECT token_hash, expires_at FROM kontor_token', []);
    const row = rows.find((r) => r.token_hash === hashToken(token));
    expect(row, 'no kontor_token row holds the SHA-256 of the token').toBeDefined();
    expect(Number(row?.expires_at)).toBe(Date.parse(expiresAt));
    expect(rows.some((r) => JSON.stringify(r).includes(token))).toBe(false);
  });

  it('logout answers 204 and revokes that token only; the user\'s other tokens keep working', async () => {
    await t.loginAs('otto', ['trader']);
    const first = (await login(t.app, 'otto', TEST_PASSWORD)).body.token;
    const second = (await login(t.app, 'otto', TEST_PASSWORD)).body.token;
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${first}` } });
    expect(logout.statusCode).toBe(204);
    expect(logout.body).toBe('');
    expectUnauthenticated(await me(t.app, first));
    expectUnauthenticated(await t.request('GET', '/api/partners', undefined, { token: first }));
    expect((await me(t.app, second)).status).toBe(200);
  });

  it('an expired token answers 401', async () => {
    const { id } = await t.loginAs('paula', ['trader']);
    const { token } = await issueToken(t.app.kontor.operations, id, 'session', 1);
    expect((await me(t.app, token)).status).toBe(200);
    await sleep(1100);
    expectUnauthenticated(await me(t.app, token));
  });

  it('disabling a user (kontor user disable) ends every token of theirs at once, and login', async () => {
    const { token } = await t.loginAs('quentin', ['trader']);
    const second = (await login(t.app, 'quentin', TEST_PASSWORD)).body.token;
    await setUserActive(t.app.kontor.operations, 'quentin', false);
    expectUnauthenticated(await me(t.app, token));
    expectUnauthenticated(await me(t.app, second));
    expectError(await login(t.app, 'quentin', TEST_PASSWORD), 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
  });

  it('disabling a user through PUT /api/users/:id { active: false } as admin ends their tokens too', async () => {
    const { token, id } = await t.loginAs('rosa', ['trader']);
    expect((await me(t.app, token)).status).toBe(200);
    const updated = await t.request('PUT', `/api/users/${id}`, { active: false });
    expectStatus(updated, 200);
    expect(updated.body).toMatchObject({ id, active: false });
    expectUnauthenticated(await me(t.app, token));
    expectError(await login(t.app, 'rosa', TEST_PASSWORD), 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
  });

  it('deleting a user through DELETE /api/users/:id ends their tokens and their login', async () => {
    const { token, id } = await t.loginAs('sophie', ['trader']);
    expectStatus(await t.request('DELETE', `/api/users/${id}`), 200);
    expectUnauthenticated(await me(t.app, token));
    expectError(await login(t.app, 'sophie', TEST_PASSWORD), 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
  });
});

describeEachEngine('changing passwords', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('a user changes their own password with the current one; their other sessions end, this one stays', async () => {
    const { token: other } = await t.loginAs('paula', ['trader']);
    const current = (await login(t.app, 'paula', TEST_PASSWORD)).body.token;
    const wrong = await t.request('POST', '/api/auth/password', { current_password: 'not it at all', new_password: 'a brand new secret' }, { token: current });
    expectError(wrong, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
    expect(wrong.body.errors).toHaveProperty('current_password');
    expectError(await t.request('POST', '/api/auth/password', { current_password: TEST_PASSWORD, new_password: 'short' }, { token: current }), 400, { code: 'KONTOR_HTTP_VALIDATION' });
    expectStatus(await t.request('POST', '/api/auth/password', { current_password: TEST_PASSWORD, new_password: 'a brand new secret' }, { token: current }), 204);
    expectStatus(await me(t.app, current), 200);
    expectUnauthenticated(await me(t.app, other));
    expectError(await login(t.app, 'paula', TEST_PASSWORD), 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
    expectStatus(await login(t.app, 'paula', 'a brand new secret'), 200);
  });

  it("someone with update on users sets another's password and ends their sessions; others get 403", async () => {
    const { id, token: hers } = await t.loginAs('quirin', ['trader']);
    const { token: trader } = await t.loginAs('rolf', ['trader']);
    // In this fixture project only admin has grants: the trader may not update users.
    const refused = await t.request('PUT', `/api/users/${id}/password`, { password: 'set by someone else' }, { token: trader });
    expectError(refused, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
    expect(refused.body.missing).toEqual({ entity: 'user', action: 'update' });
    // The admin (the harness's default caller) may.
    expectError(await t.request('PUT', '/api/users/999999/password', { password: 'set by someone else' }), 404);
    expectStatus(await t.request('PUT', `/api/users/${id}/password`, { password: 'set by someone else' }), 204);
    expectUnauthenticated(await me(t.app, hers));
    expectStatus(await login(t.app, 'quirin', 'set by someone else'), 200);
  });
});

describeEachEngine('the token check on every route', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  /** A route's URL with a number for `:id` (999999: no record has it, so nothing is changed or deleted). */
  const concrete = (url: string) => url.replaceAll(':id', '999999');
  const inject = (method: string, url: string, headers: Record<string, string>) =>
    t.app.inject({ method: method as 'GET', url, headers, ...(method === 'POST' || method === 'PUT' ? { payload: {} } : {}) });

  it('every protected route answers 401 without a token, with a malformed header, and with an unknown, expired, revoked or disabled user\'s token', async () => {
    const context = t.app.kontor.operations;
    const admin = (await t.request<{ id: number }>('GET', '/api/auth/me')).body.id;
    const expired = (await issueToken(context, admin, 'session', 1)).token;
    const revoked = (await login(t.app, 'tester', TEST_PASSWORD)).body.token;
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${revoked}` } })).statusCode).toBe(204);
    const disabled = (await t.loginAs('disabled-user', ['admin'])).token;
    await setUserActive(context, 'disabled-user', false);
    await sleep(1100);
    const variants: Record<string, Record<string, string>> = {
      'no Authorization header': {},
      'Bearer without a token': { authorization: 'Bearer ' },
      'Basic credentials': { authorization: `Basic ${Buffer.from(`tester:${TEST_PASSWORD}`).toString('base64')}` },
      // Only `Bearer <token>` counts: a valid token sent any other way must not get in.
      'a valid token under another scheme': { authorization: `Token ${t.token}` },
      'a valid token followed by junk': { authorization: `Bearer ${t.token} x` },
      'an unknown token': { authorization: `Bearer kt_${randomBytes(32).toString('base64url')}` },
      'an expired token': { authorization: `Bearer ${expired}` },
      'a logged-out token': { authorization: `Bearer ${revoked}` },
      "a disabled user's token": { authorization: `Bearer ${disabled}` },
    };
    const routes = t.app.kontor.routes.filter((r) => r.protected);
    // The project's entities, users, _meta and the auth routes: if this shrinks, the loop below proves little.
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/auth/me', 'POST /api/auth/logout', 'GET /api/_meta', 'GET /api/users', 'PUT /api/users/:id', 'DELETE /api/partners/:id']));
    const wrong: string[] = [];
    for (const route of routes) {
      const url = concrete(route.url);
      expect(url, `${route.method} ${route.url} has a parameter this test does not fill`).not.toMatch(/[:*]/);
      for (const [variant, headers] of Object.entries(variants)) {
        const response = await inject(route.method, url, headers);
        const code = route.method === 'HEAD' ? 'KONTOR_HTTP_UNAUTHENTICATED' : (JSON.parse(response.body) as { code?: string }).code;
        if (response.statusCode !== 401 || code !== 'KONTOR_HTTP_UNAUTHENTICATED' || response.headers['www-authenticate'] !== 'Bearer') {
          wrong.push(`${route.method} ${url} with ${variant}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
      // The same request with a valid token gets past the check, so the 401s above come from the token alone.
      const valid = (await issueToken(context, admin, 'session', 60)).token;
      const ok = await inject(route.method, url, { authorization: `Bearer ${valid}` });
      if (ok.statusCode === 401) wrong.push(`${route.method} ${url} with a valid token: 401 ${ok.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the API routes without a token are exactly login, health, ready, the app name, the docs and the OpenAPI document', async () => {
    const isDocs = (url: string) => /^\/api\/docs(\/|$)/.test(url);
    // Outside /api are the admin app's files (public: the login page must load before anyone signs in).
    const open = t.app.kontor.routes.filter((r) => !r.protected && (r.url.startsWith('/api') || r.url === '*'));
    expect(open.filter((r) => !isDocs(r.url)).map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      ['OPTIONS *', 'POST /api/auth/login', 'GET /api/health', 'HEAD /api/health', 'GET /api/ready', 'HEAD /api/ready', 'GET /api/openapi.json', 'HEAD /api/openapi.json', 'GET /api/_app', 'HEAD /api/_app'].sort(),
    );
    const docs = open.filter((r) => isDocs(r.url));
    expect(docs.map((r) => `${r.method} ${r.url}`)).toContain('GET /api/docs');
    expect(docs.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
    // Nothing under /api/docs is protected by accident either: a client needs the docs to learn how to log in.
    expect(t.app.kontor.routes.filter((r) => isDocs(r.url) && r.protected)).toEqual([]);
    for (const route of open.filter((r) => r.method === 'GET')) {
      const response = await t.app.inject({ method: 'GET', url: route.url.replace('*', 'index.html') });
      expect(response.statusCode, `GET ${route.url} without a token`).toBeLessThan(400);
    }
  });
});

describeEachEngine('password hashes', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  const storedHash = async (userId: number) => {
    const rows = await t.app.kontor.db.reader.all('SELECT password_hash FROM kontor_credential WHERE user_id = ?', [userId]);
    return String(rows[0]?.password_hash);
  };

  it('are salted scrypt hashes, never the password', async () => {
    const sven = await t.loginAs('sven', ['trader']);
    const tilda = await t.loginAs('tilda', ['trader']);
    const hash = await storedHash(sven.id);
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain(TEST_PASSWORD);
    // Same password, different salt: equal hashes would show who shares a password.
    expect(await storedHash(tilda.id)).not.toBe(hash);
  });

  it('never appear in an answer: user list, one user, a created user, _meta, me, login', async () => {
    const { id } = await t.loginAs('ulla', ['trader']);
    const hash = await storedHash(id);
    const created = await t.request('POST', '/api/users', { username: 'viktor', roles: ['trader'] });
    expectStatus(created, 201);
    const answers: Record<string, TestResponse> = {
      'GET /api/users': await t.request('GET', '/api/users'),
      'GET /api/users/:id': await t.request('GET', `/api/users/${id}`),
      'POST /api/users': created,
      'GET /api/_meta': await t.request('GET', '/api/_meta'),
      'GET /api/auth/me': await t.request('GET', '/api/auth/me'),
      'POST /api/auth/login': await login(t.app, 'ulla', TEST_PASSWORD),
      'GET /api/openapi.json': await t.request('GET', '/api/openapi.json'),
    };
    for (const [route, response] of Object.entries(answers)) {
      expect(response.status, route).toBeLessThan(300);
      const text = JSON.stringify(response.body);
      expect(text, route).not.toContain(hash);
      expect(text, route).not.toContain('scrypt$');
      expect(text, route).not.toContain('password_hash');
      expect(text, route).not.toContain(TEST_PASSWORD);
    }
    const users = answers['GET /api/users']?.body as Array<Record<string, unknown>>;
    expect(users.find((u) => u.id === id)).toBeDefined();
    const meta = answers['GET /api/_meta']?.body as { entities: Array<{ name: string; fields: Array<{ name: string }> }> };
    expect(meta.entities.find((e) => e.name === 'user')?.fields.map((f) => f.name).sort()).toEqual(['active', 'department', 'display_name', 'email', 'roles', 'username']);
  });

  it('cannot be filtered, sorted or searched by, nor written through /api/users (400)', async () => {
    const { id } = await t.loginAs('walter', ['trader']);
    expectError(await t.request('GET', listUrl('users', { filter: { password_hash: 'x' } })), 400, { code: 'KONTOR_HTTP_BAD_QUERY' });
    expectError(await t.request('GET', listUrl('users', { filter: { 'password_hash_like': 'scrypt' } })), 400);
    expectError(await t.request('GET', listUrl('users', { sort: ['password_hash', 'ASC'] })), 400, { code: 'KONTOR_HTTP_BAD_QUERY' });
    // Passwords are set through the CLI only.
    expectError(await t.request('POST', '/api/users', { username: 'xaver', roles: ['trader'], password: 'a new password' }), 400, { code: 'KONTOR_HTTP_VALIDATION' });
    expectError(await t.request('PUT', `/api/users/${id}`, { password_hash: 'scrypt$1$1$1$x$y' }), 400, { code: 'KONTOR_HTTP_VALIDATION' });
    expectStatus(await login(t.app, 'walter', TEST_PASSWORD), 200);
  });
});

describeEachEngine('the auth settings of config/app.yaml', (engine) => {
  /** sessionTtl 2h, maxFailures 3, window 3s, lockout 2s. */
  let authProject: string;
  let t: TestApp;
  beforeAll(async () => {
    authProject = await overlayProject('auth');
    t = await startTestApp(engine, { dir: authProject });
  });
  afterAll(async () => {
    await t?.close();
    await rm(authProject, { recursive: true, force: true });
  });

  it('sessionTtl sets the lifetime of a login token', async () => {
    await t.loginAs('anke', ['trader']);
    const before = Date.now();
    const response = await login(t.app, 'anke', TEST_PASSWORD);
    expectStatus(response, 200);
    const expiresIn = Date.parse(response.body.expires_at) - before;
    expect(expiresIn).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(expiresIn).toBeLessThan(2 * 3600_000 + 60_000);
  });

  it('maxFailures failures lock for `lockout`; afterwards the right password works again', async () => {
    await t.loginAs('bernd', ['trader']);
    for (let i = 1; i <= 3; i++) expectStatus(await login(t.app, 'bernd', `wrong ${i}`), 401);
    expectLocked(await login(t.app, 'bernd', TEST_PASSWORD), 2);
    await sleep(2100);
    expectStatus(await login(t.app, 'bernd', TEST_PASSWORD), 200);
  });

  it('failures older than `window` no longer count', async () => {
    await t.loginAs('clara', ['trader']);
    for (let i = 1; i <= 2; i++) expectStatus(await login(t.app, 'clara', `wrong ${i}`), 401);
    await sleep(3100);
    // A new window: two more failures make two, not four (which would have locked at three).
    for (let i = 3; i <= 4; i++) expectStatus(await login(t.app, 'clara', `wrong ${i}`), 401);
    expectStatus(await login(t.app, 'clara', TEST_PASSWORD), 200);
    for (let i = 5; i <= 7; i++) expectStatus(await login(t.app, 'clara', `wrong ${i}`), 401);
    expectLocked(await login(t.app, 'clara', TEST_PASSWORD), 2);
  });
});

describeEachEngine('two server processes on one database', (engine) => {
  let t: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await startTestApp(engine);
    second = await buildApp({ dir: apiProject, databaseUrl: t.databaseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a token from one works on the other; a logout on one ends it on the other', async () => {
    await t.loginAs('dora', ['trader']);
    const { token } = (await login(t.app, 'dora', TEST_PASSWORD)).body;
    expect(await me(second, token)).toMatchObject({ status: 200, body: { username: 'dora' } });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
    expectUnauthenticated(await me(second, token));
  });

  it('disabling a user on one ends their tokens on the other', async () => {
    const { token } = await t.loginAs('emil', ['trader']);
    expect((await me(second, token)).status).toBe(200);
    await setUserActive(second.kontor.operations, 'emil', false);
    expectUnauthenticated(await me(t.app, token));
  });

  it('failed logins on one count on the other', async () => {
    await addUser(t.app.kontor.operations, { username: 'fritz', password: TEST_PASSWORD, roles: ['trader'] });
    for (let i = 1; i <= 5; i++) expectStatus(await login(i % 2 === 0 ? second : t.app, 'fritz', `wrong ${i}`), 401);
    expectLocked(await login(second, 'fritz', TEST_PASSWORD), 15 * 60);
    expectLocked(await login(t.app, 'fritz', TEST_PASSWORD), 15 * 60);
  });
});
