/**
 * The Kontor side of the benchmark: the generated REST backend of bench/project, exactly as `kontor start`
 * builds it (buildApp), on the SQLite file given as the first argument. Started by bench/rest-bench.ts.
 */
import { resolve } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { serveChild } from './child.ts';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: kontor.ts <sqlite file>');

await serveChild(() => buildApp({ dir: resolve(import.meta.dirname, '../project'), databaseUrl: `sqlite:${dbPath}`, logger: false }));
