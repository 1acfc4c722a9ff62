import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements by SQL text, oldest dropped first past `size`: query shapes are few (one per entity,
 * filter shape and sort), so the cache holds them all and each is prepared once.
 */
export class StatementCache {
  readonly #statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly size: number,
  ) {}

  prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= this.size) this.#statements.delete(this.#statements.keys().next().value as string);
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  clear(): void {
    this.#statements.clear();
  }
}
