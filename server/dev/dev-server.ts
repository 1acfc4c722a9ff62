import { join, resolve } from 'node:path';
import { startServer } from '../main.ts';

/**
 * `npm run dev`: the server as `kontor start` runs it, watching the definitions, plus Vite rebuilding the
 * admin app (admin/dist) whenever its sources change; each finished build is served by a new app, swapped in
 * as a reloaded model is. Options: `--dir <project dir>`; PORT, HOST and DATABASE_URL as for `kontor start`.
 */
const adminDir = resolve(import.meta.dirname, '..', '..', 'admin');
const dirFlag = process.argv.indexOf('--dir');
const dir = resolve(dirFlag > 0 ? (process.argv[dirFlag + 1] ?? '.') : '.');

const { build } = await import('vite');
let firstBuild: () => void = () => undefined;
const built = new Promise<void>((resolveBuilt) => (firstBuild = resolveBuilt));
let renew: () => void = () => undefined;
const watcher = await build({ configFile: join(adminDir, 'vite.config.ts'), build: { watch: {} } });
if (!('on' in watcher)) throw new Error('vite build --watch returned no watcher');
watcher.on('event', (event) => {
  if (event.code !== 'BUNDLE_END') return;
  firstBuild();
  renew();
});
await built;
const server = await startServer({ dir, watch: true });
renew = server.renew;
server.server.on('close', () => void watcher.close());
