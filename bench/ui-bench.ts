/**
 * Admin UI benchmark (issue 6): the production bundle's size (gzip) and the time from navigation to a
 * rendered list of 25 rows in Chromium, against a hand-written page that fetches the same 25 rows from the
 * same API and renders a plain table (the least any UI must do). Prints medians and Kontor ÷ baseline.
 *
 *   npm run bench:ui                      (builds the admin if stale; 15 navigations each)
 *   BENCH_NAVIGATIONS=30 npm run bench:ui
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { issueToken } from '../server/auth/token-store.ts';
import { addUser } from '../server/auth/users.ts';
import { createRecord } from '../server/operations/write-records.ts';
import { systemActor } from '../server/permissions/actor.ts';

const root = resolve(import.meta.dirname, '..');
const navigations = Number(process.env.BENCH_NAVIGATIONS ?? 15);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function bundleSizes(): { file: string; bytes: number; gzip: number }[] {
  const assets = join(root, 'admin/dist/assets');
  return readdirSync(assets)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** The baseline: one fetch, one table, no framework. */
const BASELINE_HTML = `<!doctype html><meta charset="utf-8"><body><table><tbody id="rows"></tbody></table><script>
const token = JSON.parse(localStorage.getItem('kontor.session')).token;
fetch('/api/partners?sort=' + encodeURIComponent('["name","ASC"]') + '&range=' + encodeURIComponent('[0,24]'), { headers: { Authorization: 'Bearer ' + token } })
  .then((r) => r.json()).then((rows) => {
    document.getElementById('rows').innerHTML = rows.map((r) => '<tr><td>' + r.name + '</td><td>' + (r.vat_id ?? '') + '</td><td>' + r.kind + '</td></tr>').join('');
  });
</script>`;

async function timeToRows(page: Page, url: string, rowSelector: string): Promise<number> {
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(url);
  // A function, not a string: the admin's Content-Security-Policy forbids eval.
  const count = (selector: string) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(selector).length >= 25;
  await page.waitForFunction(count, rowSelector, { polling: 'raf', timeout: 30_000 });
  return Date.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'admin/build-admin.ts'), '--if-stale'], { stdio: 'inherit' });
  const sizes = bundleSizes();
  const work = mkdtempSync(join(tmpdir(), 'kontor-ui-bench-'));
  const app = await buildApp({ dir: root, databaseUrl: `sqlite:${join(work, 'bench.db')}` });
  const context = app.kontor.operations;
  const user = await addUser(context, { username: 'bench', password: 'bench-password-1', roles: ['admin'] });
  const token = await issueToken(context, user.id as number, 'session', 3600);
  const kinds = ['customer', 'supplier', 'both'];
  for (let i = 0; i < 200; i++) {
    await createRecord(context, systemActor('bench'), 'partner', { name: `Partner ${String(i).padStart(3, '0')} Agrar GmbH`, kind: kinds[i % 3], vat_id: `DE${String(100000000 + i)}` });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kontor-ui-bench-browser-')), { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 }, locale: 'de-DE' });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.route(`${base}/baseline.html`, (route) => route.fulfill({ contentType: 'text/html', body: BASELINE_HTML }));
  await page.goto(base);
  const session = { token: token.token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: user.id, username: 'bench', roles: ['admin'], display_name: null, email: null } };
  await page.evaluate((value) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('kontor.session', value), JSON.stringify(session));
  const kontor: number[] = [];
  const baseline: number[] = [];
  // Warm both once (browser cache, server statement cache), then alternate.
  await timeToRows(page, `${base}/#/partners`, 'tbody tr.RaDatagrid-row');
  await timeToRows(page, `${base}/baseline.html`, '#rows tr');
  for (let i = 0; i < navigations; i++) {
    kontor.push(await timeToRows(page, `${base}/#/partners`, 'tbody tr.RaDatagrid-row'));
    baseline.push(await timeToRows(page, `${base}/baseline.html`, '#rows tr'));
  }
  await browser.close();
  await app.close();
  rmSync(work, { recursive: true, force: true });

  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log('\nProduction bundle (admin/dist/assets, JS and CSS, gzip -9):');
  for (const s of sizes) console.log(`  ${s.file.padEnd(40)} ${(s.bytes / 1024).toFixed(1).padStart(8)} kB  gzip ${(s.gzip / 1024).toFixed(1).padStart(7)} kB`);
  console.log(`  ${'total'.padEnd(40)} ${''.padStart(8)}     gzip ${(total / 1024).toFixed(1).padStart(7)} kB`);
  const k = median(kontor);
  const b = median(baseline);
  console.log(`\nNavigation → 25 rows rendered (median of ${navigations}, warm cache, Chromium headless):`);
  console.log(`  kontor    ${k} ms   (min ${Math.min(...kontor)}, max ${Math.max(...kontor)})`);
  console.log(`  baseline  ${b} ms   (min ${Math.min(...baseline)}, max ${Math.max(...baseline)})`);
  console.log(`  kontor ÷ baseline (time): ${(k / b).toFixed(2)}\n`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `ui-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.json`);
  writeFileSync(file, JSON.stringify({ bundle: { files: sizes, gzipTotal: total }, navigation: { kontor, baseline, medianKontor: k, medianBaseline: b } }, null, 2));
  console.log(`Results written to ${file}`);
}

await main();
