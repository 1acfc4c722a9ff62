import { resolve } from 'node:path';
import { commandArgs } from './command-args.ts';
import { compileForCommand } from './compile-for-command.ts';
import { parseDatabaseUrl } from '../db/database-url.ts';
import { migrateDatabase } from '../db/migrate-database.ts';

const help = `Usage: kontor migrate [--dir <project dir>] [--dry-run]

Compares the definitions with the database (DATABASE_URL, else config/app.yaml), writes the difference
as a migration to config/migrations/<sqlite|postgresql>/ and applies all pending migrations (those written
before, e.g. by \`kontor generate migration\`, run first; the difference is measured after them). This is how
changes that start-up refuses (a dropped, renamed or retyped column) reach the database. Review the file
before committing it; --dry-run only prints the SQL.`;

export async function migrateCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('migrate', args, { dir: { type: 'string' }, 'dry-run': { type: 'boolean' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; 'dry-run'?: boolean };
  const dir = resolve(values.dir ?? '.');
  const compiled = await compileForCommand(dir, 'before migrating');
  if (!compiled) return 1;
  const { registry } = compiled;
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? compiled.model.app.database.url, dir);
  const result = await migrateDatabase(compiled.model, registry, target, { dir, dryRun: values['dry-run'] ?? false });
  if (result.pending.length > 0) console.log(`Not applied yet: ${result.pending.join(', ')} (runs first without --dry-run)`);
  if (result.sql === '') console.log('The database already matches the definitions.');
  else console.log(`${values['dry-run'] ? 'Would run' : 'Difference'}:\n\n${result.sql}\n`);
  if (result.file) console.log(`Wrote ${result.file}`);
  for (const name of result.applied) console.log(`Applied ${name}`);
  return 0;
}
