import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { issueToken } from '../../server/auth/token-store.ts';
import { addUser, findUser } from '../../server/auth/users.ts';
import { updateRecord } from '../../server/operations/write-records.ts';
import { systemActor } from '../../server/permissions/actor.ts';

/** The password of every user the tests create. */
export const TEST_PASSWORD = 'correct horse battery';

export type Engine = 'sqlite' | 'postgresql';
export const engines: readonly Engine[] = ['sqlite', 'postgresql'];

export const repoRoot = join(import.meta.dirname, '..', '..');
/** The project the API tests run on: the starter entities plus `sample`, one field of every scalar type. */
export const apiProject = join(repoRoot, 'test', 'fixtures', 'api-project');

/** PostgreSQL for tests; each test file gets a database of its own, dropped afterwards. */
const POSTGRES_ADMIN_URL = process.env.KONTOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let counter = 0;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'kontor-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `kontor_test_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
}

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  databaseUrl: string;
  /** A session token of the `tester` user (role admin), sent by `request` unless told otherwise. */
  token: string;
  /** `{ authorization: 'Bearer <token>' }`, for clients that speak real HTTP. */
  authHeaders: Record<string, string>;
  /** As the admin tester; `options.token` acts as another user (null: no Authorization header). */
  request<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, options?: { token?: string | null; headers?: Record<string, string> }): Promise<TestResponse<T>>;
  /** Creates a user with these roles and logs them in; returns their token and id. */
  loginAs(username: string, roles: string[], extra?: Record<string, unknown>): Promise<{ token: string; id: number }>;
  /** Listens on a free loopback port, for clients that speak real HTTP; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real app (real database, real schema sync) on a fresh database of the given engine. */
export async function startTestApp(engine: Engine, options: { dir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  let app: FastifyInstance;
  try {
    app = await buildApp({ dir: options.dir ?? apiProject, databaseUrl: database.url });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const loginAs = async (username: string, roles: string[], extra: Record<string, unknown> = {}) => {
    const context = app.kontor.operations;
    const user = await addUser(context, { username, password: TEST_PASSWORD, roles });
    if (Object.keys(extra).length > 0) await updateRecord(context, systemActor('test'), 'user', user.id as number, extra);
    const issued = await issueToken(context, user.id as number, 'session', 3600);
    return { token: issued.token, id: user.id as number };
  };
  const admin = await loginAs('tester', ['admin']);
  const request: TestApp['request'] = async (method, url, body, options = {}) => {
    const token = options.token === undefined ? admin.token : options.token;
    const headers = { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers };
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    const text = response.body;
    return { status: response.statusCode, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    engine,
    app,
    databaseUrl: database.url,
    token: admin.token,
    authHeaders: { authorization: `Bearer ${admin.token}` },
    request,
    loginAs,
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A copy of the API fixture project that a test may edit, below `parent` (default: the system temp folder;
 * migration files need a parent inside the repository, where node_modules resolves). The TypeScript
 * definitions import the definition helper by a relative path, rewritten to an absolute one. Edit only YAML
 * definitions: a TypeScript module stays cached in the process after its first import.
 */
export async function copyApiProject(parent = tmpdir(), prefix = 'kontor-project-'): Promise<string> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, prefix));
  await cp(apiProject, dir, { recursive: true });
  const helper = join(repoRoot, 'generators', 'model', 'entity-definition.ts');
  for (const file of ['entities/contracts/delivery.ts', 'entities/quality/sample.ts']) {
    const path = join(dir, file);
    await writeFile(path, (await readFile(path, 'utf8')).replace('../../../../../generators/model/entity-definition.ts', helper));
  }
  return dir;
}

/**
 * `{ authorization }` of an admin session on an app built by the test itself (not by startTestApp): the
 * `tester` user is created on first use and found again after a restart on the same database.
 */
export async function adminHeaders(app: FastifyInstance): Promise<Record<string, string>> {
  const context = app.kontor.operations;
  const existing = await findUser(context, 'tester');
  const id = (existing ?? (await addUser(context, { username: 'tester', password: TEST_PASSWORD, roles: ['admin'] }))).id as number;
  const issued = await issueToken(context, id, 'session', 3600);
  return { authorization: `Bearer ${issued.token}` };
}

/**
 * The API fixture project with some files replaced: `test/fixtures/overlays/<name>/` holds only what
 * differs (a roles.yaml, an app.yaml, one entity), laid over a fresh copy. Remove the folder afterwards.
 */
export async function overlayProject(name: string): Promise<string> {
  const dir = await copyApiProject(tmpdir(), `kontor-${name}-`);
  await cp(join(repoRoot, 'test', 'fixtures', 'overlays', name), dir, { recursive: true });
  return dir;
}

/** Runs a describe block once per engine: every API test file covers SQLite and PostgreSQL. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${name} [${engine}]`, () => body(engine));
}
