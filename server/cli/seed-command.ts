import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RECIPE_FILE } from '../seed/load-recipe.ts';
import { terminalProgress } from '../seed/seed-progress.ts';
import { NoSeedRecipeError, SeedRefusedError, seedProject, type SeedSize } from '../seed/run-seed.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor seed [--size small|large] [--force] [--dir <project dir>]

Fills the database with the project's demo data (${RECIPE_FILE}): the same data on every run
on the same day (dates are counted from today).
  --size small   the default: every screen filled, each record written through the audited write path
                 (validation, hooks, workflow transitions, one audit entry per record)
  --size large   1,000,000 rows and more for benchmarks, written in bulk: no per-row audit entries,
                 one \`seed\` event in the audit trail with the rows per entity and the recipe's hash
  --force        seed even when the database already holds records of the project's entities
  --scale <f>    large only: a factor on every count, e.g. 0.01 (for tests and quick tries)

Works on the database of DATABASE_URL, else config/app.yaml. A progress bar goes to stderr.
Exit codes: 0 seeded, 1 refused (records exist) or failed, 2 wrong command line or no recipe.`;

export async function seedCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('seed', args, { dir: { type: 'string' }, size: { type: 'string' }, force: { type: 'boolean' }, scale: { type: 'string' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; size?: string; force?: boolean; scale?: string };
  const size = (values.size ?? 'small') as SeedSize;
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  const problem =
    size !== 'small' && size !== 'large' ? `--size is small or large, not "${values.size}"`
    : scale !== undefined && (size !== 'large' || !Number.isFinite(scale) || scale <= 0) ? '--scale is a positive number, and only for --size large'
    : null;
  if (problem) {
    console.error(`kontor seed: ${problem}\n\n${help}`);
    return 2;
  }
  const dir = resolve(values.dir ?? '.');
  if (!existsSync(join(dir, RECIPE_FILE))) {
    console.error(`kontor seed: this project has no seed recipe (${RECIPE_FILE}); nothing to seed`);
    return 2;
  }
  const context = await openProject(dir);
  if (!context) return 1;
  try {
    const summary = await seedProject(context, dir, {
      size,
      force: values.force === true,
      ...(scale !== undefined ? { scale } : {}),
      progress: terminalProgress(),
    });
    console.log(`Seeded the demo data (${size}): ${summary.records.toLocaleString('en')} records in ${summary.seconds.toFixed(1)} s`);
    console.log(size === 'small' ? 'Audit trail: one entry per record, and a `seed` event' : 'Audit trail: one `seed` event with the rows per entity (bulk rows have no entries of their own)');
    return 0;
  } catch (error) {
    if (error instanceof SeedRefusedError) {
      console.error(`kontor seed: ${error.message}.\nSeed an empty database, or add --force to seed on top of what is there.`);
      return 1;
    }
    if (error instanceof NoSeedRecipeError) {
      console.error(`kontor seed: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await context.db.close();
  }
}
