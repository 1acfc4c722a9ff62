/**
 * A project's demo data: `entities/shared/seed/recipe.ts` default-exports `defineSeedRecipe({ small, large })`,
 * and `kontor seed` runs it. The recipe is project data like the definitions, so it sees Kontor only
 * through the plain objects passed in here (it may not import server/): `small` writes through the audited
 * write path, `large` hands rows to a bulk writer.
 */
export interface SeedRecipe {
  /** A few records of every entity: each written as a user's would be (audit entry, hooks, workflow transitions). */
  small(api: SeedApi): Promise<void>;
  /** Rows in bulk for benchmarks (1,000,000 or more at scale 1), without per-row audit entries. */
  large?(api: BulkSeedApi): Promise<void>;
}

/** A record as the API sends and receives it: references as ids, decimals as strings, dates `YYYY-MM-DD`. */
export type SeedValues = Record<string, unknown>;

/** Deterministic randomness: the same seed gives the same sequence on every machine. */
export interface SeedRandom {
  /** In [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** One of the items (the list must not be empty). */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A decimal string between `min` and `max` with `scale` digits after the point, e.g. `"231.50"`. */
  decimal(min: number, max: number, scale: number): string;
  /** A new list with the items in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** A random generator of its own, derived from this one's seed and `name`: adding draws elsewhere does not shift it. */
  fork(name: string): SeedRandom;
}

/** What both sizes get. */
export interface SeedCommon {
  /** The reference day, `YYYY-MM-DD` (today where the command runs, unless the caller fixed one). */
  readonly today: string;
  readonly random: SeedRandom;
  /** Existing users by username (the demo users: one per role, named after it). */
  readonly users: Readonly<Record<string, number>>;
  /** The reference day moved by `offset` days (negative: earlier). */
  day(offset: number): string;
  /** A point in time on that day, `HH:MM` UTC, as ISO 8601. */
  at(offset: number, time: string): string;
}

/** For `small`: the audited write path, as Kontor itself (the audit trail names the actor `seed`). */
export interface SeedApi extends SeedCommon {
  /** Creates a record (children rows included) in its workflow's initial state; returns its id. */
  create(entity: string, values: SeedValues): Promise<number>;
  /** Changes fields of a record (never its workflow state). */
  update(entity: string, id: number, values: SeedValues): Promise<void>;
  /** Runs a workflow transition (as `POST /api/<resource>/:id/transitions/<name>`). */
  transition(entity: string, id: number, name: string): Promise<void>;
  /** Records matching a list filter (`{ contract: 4 }`), e.g. the ones a hook wrote. */
  find(entity: string, filter?: Record<string, unknown>): Promise<SeedValues[]>;
}

/** For `large`: rows written in bulk, in batches, by entity. */
export interface BulkSeedApi extends SeedCommon {
  /** A factor on every count (1 for the real thing; tests run at 0.001). */
  readonly scale: number;
  /** How many rows the recipe will insert in all, for the progress bar. */
  expect(rows: number): void;
  /**
   * Queues a row and returns the id it will have, with the numbers its autonumber fields got. The row is
   * stored as given: no hooks, no workflow rules (states and fields hooks would set come from the recipe);
   * defaults, autonumbers and system fields are filled. A `many` field is a list of ids. A row may
   * reference rows queued before it.
   */
  insert(entity: string, values: SeedValues): Promise<BulkRow>;
}

/** A queued row: its id and the values of its autonumber fields (`{ id: 7, number: "K-2026-0007" }`). */
export type BulkRow = { id: number } & Record<string, string | number>;

/** Declares a seed recipe; the identity function exists for its type, as `defineEntity` does. */
export function defineSeedRecipe(recipe: SeedRecipe): SeedRecipe {
  return recipe;
}
