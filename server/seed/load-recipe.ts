import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import type { SeedRecipe } from '../../generators/model/seed-recipe.ts';

/**
 * Where a project keeps its demo data, by convention: a TypeScript helper folder under entities/ (the
 * definition loader skips TypeScript files in subfolders), so the recipe lives with the definitions it fills.
 */
export const RECIPE_FILE = 'entities/shared/seed/recipe.ts';

export interface LoadedRecipe {
  recipe: SeedRecipe;
  /** Relative to the project, e.g. `entities/shared/seed/recipe.ts`. */
  file: string;
  /** SHA-256 over the recipe folder's files (paths and contents): which data a seed event stands for. */
  hash: string;
}

/** The project's recipe, or null when it has none. A recipe that does not load is an error, not "none". */
export async function loadSeedRecipe(dir: string): Promise<LoadedRecipe | null> {
  const path = join(dir, RECIPE_FILE);
  if (!existsSync(path)) return null;
  const module = (await import(pathToFileURL(path).href)) as { default?: Partial<SeedRecipe> };
  const recipe = module.default;
  if (!recipe || typeof recipe.small !== 'function') throw new Error(`${RECIPE_FILE} must \`export default defineSeedRecipe({ small, large })\``);
  return { recipe: recipe as SeedRecipe, file: RECIPE_FILE, hash: await recipeHash(dirname(path)) };
}

async function recipeHash(folder: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await glob(['**/*.ts'], { cwd: folder, ignore: ['**/*.test.ts'] })).sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(folder, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
