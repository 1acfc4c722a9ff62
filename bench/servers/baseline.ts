/**
 * The baseline server process: the hand-written app of baseline-app.ts on the SQLite file given as the first
 * argument. Started by bench/rest-bench.ts.
 */
import { buildBaselineApp } from './baseline-app.ts';
import { serveChild } from './child.ts';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: baseline.ts <sqlite file>');

await serveChild(() => buildBaselineApp(dbPath));
