import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';

/**
 * Builds the admin app into admin/dist. With `--if-stale` it builds only when the sources changed since
 * the last build: a hash of every input (not file times, which a fresh clone resets) is kept in
 * dist/.build-hash. `npm start` runs this, so a new user never sees a missing or outdated UI.
 */
const adminDir = import.meta.dirname;
const hashFile = join(adminDir, 'dist', '.build-hash');

async function sourceHash(): Promise<string> {
  const files = await glob(['index.html', 'vite.config.ts', 'src/**/*', '../package-lock.json'], { cwd: adminDir, absolute: true, dot: false });
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(relative(adminDir, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  const hash = await sourceHash();
  if (ifStale) {
    const built = await readFile(hashFile, 'utf8').catch(() => '');
    if (built.trim() === hash) return;
    console.log('Building the admin UI (admin/dist)...');
  }
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: join(adminDir, 'vite.config.ts'), logLevel: ifStale ? 'warn' : 'info' });
  await writeFile(hashFile, `${hash}\n`);
  if (ifStale) console.log(`Admin UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await main();
