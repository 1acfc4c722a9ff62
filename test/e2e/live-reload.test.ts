/**
 * E2E of live reload in the admin UI: a server started as `kontor start` starts it (watching, in this
 * process, without signal handlers) on a copy of the API fixture project, serving the built admin app. A
 * definition changes while a user works; the next answer names another model than the screens were built
 * from, and the app offers to reload (English, then German), after which the new field is on the form.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { addUser } from '../../server/auth/users.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { copyApiProject } from '../api/harness.ts';
import { adminBuild, E2E_PASSWORD, repoRoot, screenshotDir, UI_TIMEOUT } from './harness.ts';
import { expectLoginPage, poll, submitLogin, userMenu } from './ui.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 240_000 });

const COMMODITY = 'entities/masterdata/commodity.yaml';
const field = (name: string, en: string, de: string) => `  ${name}:\n    type: string\n    label: { en: ${en}, de: ${de} }\n`;

let dir = '';
let work = '';
let profile = '';
let server: RunningServer;
let context: BrowserContext;
const problems: string[] = [];

beforeAll(async () => {
  await mkdir(join(repoRoot, 'test', '.tmp'), { recursive: true });
  work = await mkdtemp(join(repoRoot, 'test', '.tmp', 'e2e-live-reload-'));
  await adminBuild(join(work, 'admin-dist'));
  dir = await copyApiProject();
  // The start-up banner (URLs, demo logins) is not what this file is about.
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    server = await startServer({ dir, databaseUrl: `sqlite:${join(work, 'e2e.db')}`, host: '127.0.0.1', port: 0, watch: true, signals: false, logger: { level: 'warn' }, adminDist: join(work, 'admin-dist') });
  } finally {
    log.mockRestore();
  }
  await addUser(server.app.kontor.operations, { username: 'tester', password: E2E_PASSWORD, roles: ['admin'], displayName: 'Tester E2E' });
  profile = await mkdtemp(join(tmpdir(), 'kontor-e2e-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    locale: 'en-GB',
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-GB'],
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  await context.addInitScript(`if (localStorage.getItem('RaStore.locale') === null) localStorage.setItem('RaStore.locale', '"en"');`);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  if (work) await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Changes the definitions and waits until the server answers with the new model. */
async function addField(text: string): Promise<void> {
  const before = (await fetch(`${server.url}/api/health`)).headers.get('kontor-model');
  const path = join(dir, COMMODITY);
  await writeFile(path, (await readFile(path, 'utf8')).replace('list: [name', `${text}list: [name`));
  await poll(async () => (await fetch(`${server.url}/api/health`)).headers.get('kontor-model'), 'the server to reload the model').not.toBe(before);
}

/** The reload notice: the alert with the given text and its Reload button. */
function notice(page: Page, text: RegExp) {
  return page.getByRole('alert').filter({ hasText: text });
}

test('a reloaded model is noticed by the open app, which offers to reload the page, in English and German', async () => {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(`${server.url}/#/login`);
  await expectLoginPage(page);
  await submitLogin(page, 'tester');
  await poll(() => userMenu(page).textContent()).toContain('Tester E2E');
  await page.goto(`${server.url}/#/commodities/create`);
  await page.getByRole('textbox', { name: /^Name/ }).waitFor();
  expect(await page.getByRole('textbox', { name: /^Origin/ }).count()).toBe(0);

  await addField(field('origin', 'Origin', 'Herkunft'));
  // The user moves on; the app's next request answers with the new model.
  await page.evaluate("location.hash = '#/partners'");
  const english = notice(page, /The definitions of this back office have changed on the server/);
  await english.waitFor();
  await mkdir(screenshotDir, { recursive: true });
  await page.waitForTimeout(500); // the snackbar's grow transition
  await page.screenshot({ path: join(screenshotDir, 'live-reload-notice.png') });
  // It stays: no time-out, and a click elsewhere does not close it.
  await page.mouse.click(700, 450);
  await page.waitForTimeout(500);
  expect(await english.isVisible()).toBe(true);
  await english.getByRole('button', { name: 'Reload' }).click();

  await page.waitForLoadState('load');
  await page.goto(`${server.url}/#/commodities/create`);
  await page.getByRole('textbox', { name: /^Origin/ }).waitFor();
  expect(await english.count()).toBe(0);

  // German: the same notice in the other language, with its button.
  await page.evaluate(`localStorage.setItem('RaStore.locale', '"de"')`);
  await page.reload();
  await page.getByRole('textbox', { name: /^Herkunft/ }).waitFor();
  await addField(field('grade_note', 'Grade note', 'Qualitätsvermerk'));
  await page.evaluate("location.hash = '#/partners'");
  const german = notice(page, /Die Definitionen dieses Back-Office wurden auf dem Server geändert/);
  await german.waitFor();
  await german.getByRole('button', { name: 'Neu laden' }).waitFor();
  await german.getByRole('button', { name: 'Später' }).click();
  await poll(() => german.count(), 'the notice to close on Später').toBe(0);

  await page.close();
  expect(problems, 'console errors or page errors in the browser').toEqual([]);
});
