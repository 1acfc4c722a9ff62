import type { EntityManager } from '@mikro-orm/knex';
import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { httpError, isKontorHttpError, type MissingGrant } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { requireAction } from './require-action.ts';
import { afterOuterCommit } from './entity-hooks.ts';
import { insertRecord } from './write-records.ts';

/** An import takes at most this many rows: one transaction holds the write lock until it ends. */
export const MAX_IMPORT_ROWS = 10_000;
/** Progress is reported after this many rows (and at the end). */
export const IMPORT_PROGRESS_EVERY = 50;

/** Why one row cannot be created: what a POST of that row would have answered, and its index. */
export interface ImportRowError {
  /** 0-based index of the row in the import. */
  row: number;
  code: string;
  message: string;
  errors: Record<string, string>;
  missing?: MissingGrant;
}

export interface ImportOptions {
  /** Check every row and roll everything back (nothing is written, no audit entry remains). */
  dryRun: boolean;
  /** Rows the caller already found invalid (the request's schema validation), by index: reported, not tried. */
  invalid?: ReadonlyMap<number, ImportRowError>;
  /** Called every IMPORT_PROGRESS_EVERY rows and once at the end. */
  onProgress?(done: number, total: number): void;
}

export interface ImportResult {
  total: number;
  /** Rows that could be created; they are committed only when `committed`. */
  valid: number;
  /** The new records' ids in row order (empty unless committed). */
  ids: number[];
  errors: ImportRowError[];
  committed: boolean;
}

/** What an import needs before it starts: `create` on the entity and no more than MAX_IMPORT_ROWS rows. */
export function requireImport(context: OperationContext, actor: Actor, entityName: string, count: number): void {
  requireAction(context, actor, entityName, 'create');
  if (count > MAX_IMPORT_ROWS) {
    throw httpError('KONTOR_HTTP_IMPORT_TOO_LARGE', `An import takes at most ${MAX_IMPORT_ROWS} rows, this one has ${count}; split the file`, { rows: `at most ${MAX_IMPORT_ROWS} rows` });
  }
}

/**
 * All or nothing: every row goes through the create operation (permissions, reference checks, autonumbers,
 * the audit subscriber), each in a savepoint of one transaction, so a refused row rolls back alone (and
 * PostgreSQL's transaction stays usable) while the others are still checked. At the end the transaction
 * commits only if no row failed and this is not a dry run; otherwise nothing remains, audit entries
 * included. A failure that is not a row's fault (the database is gone) rolls back and is thrown.
 */
export async function importRecords(context: OperationContext, actor: Actor, entityName: string, rows: ReadonlyArray<Record<string, unknown>>, options: ImportOptions): Promise<ImportResult> {
  requireImport(context, actor, entityName, rows.length);
  const ids: number[] = [];
  const errors: ImportRowError[] = [];
  const rollback = new Error('roll the import back');
  let committed = false;
  let outer: EntityManager | undefined;
  try {
    await context.db.fork().transactional(async (em) => {
      outer = em;
      for (const [index, row] of rows.entries()) {
        const invalid = options.invalid?.get(index);
        if (invalid) errors.push({ ...invalid, row: index });
        else {
          try {
            ids.push(await insertRecord(context, actor, entityName, row, em));
          } catch (error) {
            errors.push(rowError(index, error));
          }
        }
        if ((index + 1) % IMPORT_PROGRESS_EVERY === 0 && index + 1 < rows.length) options.onProgress?.(index + 1, rows.length);
      }
      if (options.dryRun || errors.length > 0) throw rollback;
    });
    committed = true;
  } catch (error) {
    if (error !== rollback) throw error;
  }
  // Entity hooks' afterCommit calls of the rows wait for the import's one commit (none after a rollback).
  if (committed && outer) await afterOuterCommit(outer);
  options.onProgress?.(rows.length, rows.length);
  return { total: rows.length, valid: rows.length - errors.length, ids: committed ? ids : [], errors, committed };
}

/** A row's error as a POST of it would have answered (anything else is not the row's fault: thrown). */
function rowError(row: number, error: unknown): ImportRowError {
  if (isKontorHttpError(error)) {
    return { row, code: error.code, message: error.message, errors: error.errors ?? {}, ...(error.missing ? { missing: error.missing } : {}) };
  }
  // A referenced record deleted between the reference check and the insert.
  if (error instanceof ForeignKeyConstraintViolationException) {
    return { row, code: 'KONTOR_HTTP_INVALID_REFERENCE', message: 'A record this row points to no longer exists', errors: {} };
  }
  throw error;
}
