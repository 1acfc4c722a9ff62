/**
 * End-to-end tests of the admin UI: a real Kontor server (the demo project: the repository's own config/ and
 * entities/) on a fresh SQLite file, serving the built admin app, driven by Debian's Chromium through
 * playwright-core. One server and one browser per test file; `setupE2E()` registers the vitest hooks.
 *
 * Every page a test opens is watched: a console error or an uncaught page error fails the test, except the
 * "Failed to load resource" line Chromium logs for an HTTP error answer the test provoked on purpose (a 409,
 * a 401...), which the test declares with `expectHttpErrors(status, path)`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { issueToken } from '../../server/auth/token-store.ts';
import { addUser } from '../../server/auth/users.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');
const adminDist = join(repoRoot, 'admin', 'dist');
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
const tmpRoot = join(repoRoot, 'test', '.tmp');

/** The password of every user the e2e tests create. */
export const E2E_PASSWORD = 'e2e password 12345';

/** How long a UI state may take to appear (a loaded 2-core machine running the whole suite is slow). */
export const UI_TIMEOUT = 20_000;

export interface E2EUser {
  username: string;
  roles: string[];
  displayName: string;
  id: number;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface E2EOptions {
  /** Browser locale (`--lang` and the context's locale); default en-GB. */
  locale?: string;
  /**
   * The UI language preset in a fresh browser profile before the app first loads (the app's own default is
   * German, config/app.yaml); null leaves the app to its default. Default 'en'.
   */
  uiLanguage?: 'en' | 'de' | null;
  /** Users to create besides `admin` (role admin): name → roles. */
  users?: Record<string, string[]>;
}

export interface E2E {
  baseUrl: string;
  app: FastifyInstance;
  context: BrowserContext;
  users: Record<string, E2EUser>;
  /** A session token of `admin`, for seeding and for changes "by someone else" during a test. */
  adminToken: string;
  /** Calls the REST API over HTTP, as `admin` unless another token is given. */
  api<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  /** Like api() but fails unless the status is the expected one (default: 200, or 201 for POST). */
  apiOk<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, status?: number): Promise<T>;
  /** A new tab in the file's browser, watched for console and page errors (closed after the test). */
  newPage(): Promise<Page>;
  /** Declares an HTTP error answer the current test provokes on purpose: its console line is not a failure. */
  expectHttpErrors(status: number, pathPart: string | RegExp): void;
  /** Saves a screenshot to test-results/screenshots/<name>.png (an artifact, not committed). */
  screenshot(page: Page, name: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// The admin build: once per test run, not by several test files at the same time.

let building: Promise<void> | null = null;

/**
 * Runs `admin/build-admin.ts --if-stale` (once per worker process, under a lock shared by the test files'
 * workers) and copies the build to `target`: the server of a test file serves its own copy, so a rebuild
 * of admin/dist while the tests run (by another file, or by hand) cannot pull the assets from under a page.
 */
export async function adminBuild(target: string): Promise<void> {
  await withBuildLock(async () => {
    building ??= buildAdmin();
    await building;
    await copyBuild(target);
  });
}

function buildAdmin(): Promise<void> {
  // As `npm run build:admin` runs it: vitest sets NODE_ENV=test, which would make Vite bundle React's
  // development build (other warnings, other speed) instead of the production build users get.
  const { NODE_ENV: _, ...env } = process.env;
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'admin', 'build-admin.ts'), '--if-stale'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the admin app failed (exit ${code}):\n${output}`))));
  });
}

/** Copies admin/dist; retried while it is incomplete (a build elsewhere empties it first). */
async function copyBuild(target: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await rm(target, { recursive: true, force: true });
    try {
      await cp(adminDist, target, { recursive: true });
      const index = await readFile(join(target, 'index.html'), 'utf8');
      const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
      if (assets.length > 0 && assets.every((asset) => existsSync(join(target, asset)))) return;
    } catch {
      // admin/dist is being rebuilt right now
    }
    if (attempt >= 60) throw new Error(`${adminDist} stays incomplete; is a build of the admin app failing?`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function withBuildLock(work: () => Promise<void>): Promise<void> {
  await mkdir(tmpRoot, { recursive: true });
  const lock = join(tmpRoot, 'admin-build.lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run is stale after a few minutes (a build takes well under one).
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 180_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} is held by another test process for too long`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Console watching.

interface Watched {
  page: Page;
  problems: string[];
}

function failedResource(message: ConsoleMessage): { status: number; url: string } | null {
  const match = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
  return match ? { status: Number(match[1]), url: message.location().url } : null;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Starts the server and the browser before the file's tests and stops them after; returns the handle the
 * tests use (filled in by beforeAll).
 */
export function setupE2E(options: E2EOptions = {}): E2E {
  const locale = options.locale ?? 'en-GB';
  const uiLanguage = options.uiLanguage === undefined ? 'en' : options.uiLanguage;
  let dir = '';
  let profile = '';
  let watched: Watched[] = [];
  let allowed: Array<{ status: number; path: string | RegExp }> = [];
  const handle = {} as E2E;
  // Browser steps take seconds, and starting the server compiles every route of the demo project (the bulk
  // of beforeAll); before the hooks below are registered, so they get these timeouts too.
  vi.setConfig({ testTimeout: 90_000, hookTimeout: 240_000 });

  beforeAll(async () => {
    await mkdir(tmpRoot, { recursive: true });
    await mkdir(screenshotDir, { recursive: true });
    dir = await mkdtemp(join(tmpRoot, 'e2e-'));
    await adminBuild(join(dir, 'admin-dist'));
    const app = await buildApp({ dir: repoRoot, databaseUrl: `sqlite:${join(dir, 'e2e.db')}`, adminDist: join(dir, 'admin-dist') });
    handle.app = app;
    const context = app.kontor.operations;
    const users: Record<string, E2EUser> = {};
    for (const [username, roles] of Object.entries({ admin: ['admin'], ...options.users })) {
      const displayName = `${username[0]!.toUpperCase()}${username.slice(1)} E2E`;
      const record = await addUser(context, { username, password: E2E_PASSWORD, roles, displayName });
      users[username] = { username, roles, displayName, id: record.id as number };
    }
    handle.users = users;
    handle.adminToken = (await issueToken(context, users.admin!.id, 'session', 3600)).token;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    handle.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    profile = await mkdtemp(join(tmpdir(), 'kontor-e2e-chromium-'));
    handle.context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      locale,
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
    });
    handle.context.setDefaultTimeout(UI_TIMEOUT);
    if (uiLanguage) {
      // react-admin keeps the chosen language in its store (localStorage "RaStore.locale"); a fresh profile
      // starts in the language the tests of this file are written in. A later choice in the UI is kept.
      await handle.context.addInitScript(`if (localStorage.getItem('RaStore.locale') === null) localStorage.setItem('RaStore.locale', ${JSON.stringify(JSON.stringify(uiLanguage))});`);
    }
  });

  beforeEach(() => {
    watched = [];
    allowed = [];
  });

  afterEach(async () => {
    const problems = watched.flatMap((w) => w.problems);
    for (const w of watched) await w.page.close().catch(() => undefined);
    watched = [];
    expect(problems, 'console errors or page errors in the browser').toEqual([]);
  });

  afterAll(async () => {
    await handle.context?.close().catch(() => undefined);
    await handle.app?.close();
    // Retries: Chromium's helper processes may still be letting go of the profile right after close().
    if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  handle.api = async (method, path, body, token) => {
    const response = await fetch(`${handle.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token ?? handle.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON (a CSV export): the text as it is
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  handle.apiOk = async (method, path, body, status) => {
    const response = await handle.api(method, path, body);
    const expected = status ?? (method === 'POST' ? 201 : 200);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(expected);
    return response.body;
  };
  handle.newPage = async () => {
    const page = await handle.context.newPage();
    const entry: Watched = { page, problems: [] };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const failed = failedResource(message);
      if (failed) {
        const path = new URL(failed.url, handle.baseUrl).pathname;
        if (allowed.some((a) => a.status === failed.status && (typeof a.path === 'string' ? path.includes(a.path) : a.path.test(path)))) return;
      }
      entry.problems.push(`console.error: ${message.text()}${failed ? ` (${failed.url})` : ''}`);
    });
    page.on('pageerror', (error) => entry.problems.push(`page error: ${error.message}`));
    watched.push(entry);
    return page;
  };
  handle.expectHttpErrors = (status, path) => {
    allowed.push({ status, path });
  };
  handle.screenshot = async (page, name) => {
    await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  };
  return handle;
}
