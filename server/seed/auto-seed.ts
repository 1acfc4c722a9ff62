import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationContext } from '../operations/operation-context.ts';
import { RECIPE_FILE } from './load-recipe.ts';
import { seedProject, type SeedSummary } from './run-seed.ts';
import { silentProgress, type SeedProgress } from './seed-progress.ts';
import { entitiesWithRecords } from './seeded-entities.ts';

/**
 * The first start of a project with a recipe, on a database without any of its records, seeds the small
 * demo data so every screen has something to show. `KONTOR_SEED=0` turns it off; null when nothing was seeded.
 */
export async function autoSeed(context: OperationContext, dir: string, env: NodeJS.ProcessEnv = process.env, progress: SeedProgress = silentProgress): Promise<SeedSummary | null> {
  if (env.KONTOR_SEED === '0' || !existsSync(join(dir, RECIPE_FILE))) return null;
  if ((await entitiesWithRecords(context.model, context.db.reader)).length > 0) return null;
  return seedProject(context, dir, { size: 'small', progress });
}
