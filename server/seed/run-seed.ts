import type { SeedCommon } from '../../generators/model/seed-recipe.ts';
import { recordAuditEvent } from '../audit/audit-events.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { listRecords } from '../operations/read-records.ts';
import { systemAuditContext } from '../operations/request-context.ts';
import { systemActor } from '../permissions/actor.ts';
import { loadSeedRecipe, RECIPE_FILE } from './load-recipe.ts';
import { seedCalendar } from './seed-calendar.ts';
import { seedLarge } from './seed-large.ts';
import { silentProgress, type SeedProgress } from './seed-progress.ts';
import { createSeedRandom } from './seed-random.ts';
import { SEED_ACTOR, seedSmall } from './seed-small.ts';
import { countRecords, entitiesWithRecords } from './seeded-entities.ts';

export type SeedSize = 'small' | 'large';

export interface SeedOptions {
  size: SeedSize;
  /** Seed even when the seeded entities already hold records. */
  force?: boolean;
  /** Large only: a factor on every count (tests use 0.001). */
  scale?: number;
  progress?: SeedProgress;
}

export interface SeedSummary {
  size: SeedSize;
  /** Records written (join-table rows not counted). */
  records: number;
  counts: Record<string, number>;
  seconds: number;
}

/** The project has no seed recipe (`entities/shared/seed/recipe.ts`). */
export class NoSeedRecipeError extends Error {
  constructor() {
    super(`this project has no seed recipe (${RECIPE_FILE})`);
  }
}

/** The database already holds records of the entities a seed fills; `force` seeds anyway. */
export class SeedRefusedError extends Error {
  constructor(readonly entities: string[]) {
    super(`the database already holds records (${entities.slice(0, 5).join(', ')}${entities.length > 5 ? ` and ${entities.length - 5} more entities` : ''}); seeding would mix demo data into them`);
  }
}

/**
 * Fills the database with the project's demo data. `small` writes every record through the audited write
 * path (hooks, workflow transitions, one audit entry each); `large` writes rows in bulk and leaves no
 * per-row entries. Either ends with one `seed` event in the audit trail: size, rows per entity and the
 * recipe's hash (for large, also whether every row made it: a failed large seed still records what it
 * committed before failing).
 */
export async function seedProject(context: OperationContext, dir: string, options: SeedOptions): Promise<SeedSummary> {
  const loaded = await loadSeedRecipe(dir);
  if (!loaded) throw new NoSeedRecipeError();
  if (!options.force) {
    const existing = await entitiesWithRecords(context.model, context.db.reader);
    if (existing.length > 0) throw new SeedRefusedError(existing);
  }
  const started = performance.now();
  const now = new Date();
  // Today, not a day of the caller's choosing: the entity hooks judge by the clock (a call-off dispatched today
  // needs a certificate valid today), so data counted from another day would break their rules.
  const calendar = seedCalendar();
  const common: SeedCommon = { today: calendar.today, day: calendar.day, at: calendar.at, random: createSeedRandom(`kontor-seed/${options.size}`), users: await usersByName(context) };
  const progress = options.progress ?? silentProgress;
  const event = { size: options.size, today: calendar.today, recipe: loaded.file, recipe_hash: loaded.hash };
  if (options.size === 'small') {
    const before = await countRecords(context.model, context.db.reader);
    progress.start('seed small', null);
    try {
      await seedSmall(context, loaded.recipe, common, (writes) => progress.update(writes));
    } finally {
      progress.stop();
    }
    const after = await countRecords(context.model, context.db.reader);
    const counts = Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n - (before[name] ?? 0)]).filter(([, n]) => n !== 0));
    const records = total(counts);
    await recordSeedEvent(context, { ...event, records, counts, per_row_audit: true });
    return { size: 'small', records, counts, seconds: (performance.now() - started) / 1000 };
  }
  const scale = options.scale ?? 1;
  const result = await seedLarge(context, loaded.recipe, common, { scale, now, progress });
  const records = total(result.counts);
  await recordSeedEvent(context, { ...event, scale, records, counts: result.counts, join_rows: result.links, complete: result.complete, per_row_audit: false });
  if (!result.complete) throw result.error;
  return { size: 'large', records, counts: result.counts, seconds: (performance.now() - started) / 1000 };
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

async function recordSeedEvent(context: OperationContext, changes: Record<string, unknown>): Promise<void> {
  await recordAuditEvent(context, 'seed', { changes }, systemAuditContext(SEED_ACTOR));
}

async function usersByName(context: OperationContext): Promise<Record<string, number>> {
  const { records } = await listRecords(context, systemActor(SEED_ACTOR), 'user', { sort: ['id', 'ASC'], range: [0, 4999] });
  return Object.fromEntries(records.map((user) => [String(user.username), Number(user.id)]));
}
