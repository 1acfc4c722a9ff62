import type { BulkSeedApi, SeedCommon, SeedRecipe } from '../../generators/model/seed-recipe.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { openBulkWriter } from './bulk-writer.ts';
import type { SeedProgress } from './seed-progress.ts';

export interface LargeSeedResult {
  /** Rows written per entity. */
  counts: Record<string, number>;
  /** Rows written in join tables. */
  links: number;
  /** False when the recipe or a batch failed: the rows of the batches committed before stay. */
  complete: boolean;
  error?: unknown;
}

/**
 * Runs a recipe's `large` on the bulk writer: no per-row ORM work, no hooks, no per-row audit entries (the
 * caller records one `seed` event for the lot). Returns what was written even when it failed half-way, so
 * that event can account for every committed row.
 */
export async function seedLarge(context: OperationContext, recipe: SeedRecipe, common: SeedCommon, options: { scale: number; now: Date; progress: SeedProgress; batchRows?: number }): Promise<LargeSeedResult> {
  const large = recipe.large;
  if (!large) throw new Error('the recipe has no `large` part');
  const writer = await openBulkWriter(context.model, context.registry, context.db.target, {
    now: options.now,
    today: common.today,
    ...(options.batchRows ? { batchRows: options.batchRows } : {}),
    onProgress: (written) => options.progress.update(written),
  });
  const api: BulkSeedApi = {
    ...common,
    scale: options.scale,
    expect: (rows) => options.progress.start('seed large', rows),
    insert: (entity, values) => writer.insert(entity, values),
  };
  try {
    await large(api);
    await writer.finish();
    return { counts: { ...writer.counts }, links: writer.links, complete: true };
  } catch (error) {
    return { counts: { ...writer.counts }, links: writer.links, complete: false, error };
  } finally {
    options.progress.stop();
    await writer.close();
  }
}
