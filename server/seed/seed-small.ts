import type { SeedApi, SeedCommon, SeedRecipe } from '../../generators/model/seed-recipe.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { MAX_PAGE } from '../operations/parse-list-query.ts';
import { listRecords } from '../operations/read-records.ts';
import { runWithAuditContext, systemAuditContext } from '../operations/request-context.ts';
import { transitionRecord } from '../operations/transition-record.ts';
import { insertRecord, updateRecord } from '../operations/write-records.ts';
import { systemActor } from '../permissions/actor.ts';

/** The audit trail's actor of every record a seed writes. */
export const SEED_ACTOR = 'seed';

/**
 * Runs a recipe's `small` through the operations every other write path uses, as Kontor itself: each record
 * is validated, passes the entity hooks and gets its audit entry (actor `seed`); workflow states are reached
 * by transitions. A write the rules refuse stops the seed with the record and the reason.
 */
export async function seedSmall(context: OperationContext, recipe: SeedRecipe, common: SeedCommon, onWrite: (writes: number) => void): Promise<void> {
  const actor = systemActor(SEED_ACTOR);
  let writes = 0;
  const wrote = () => onWrite(++writes);
  const api: SeedApi = {
    ...common,
    async create(entity, values) {
      const id = await explained(`create ${entity}`, values, () => insertRecord(context, actor, entity, values));
      wrote();
      return id;
    },
    async update(entity, id, values) {
      await explained(`update ${entity} ${id}`, values, () => updateRecord(context, actor, entity, id, values));
      wrote();
    },
    async transition(entity, id, name) {
      await explained(`${name} ${entity} ${id}`, {}, () => transitionRecord(context, actor, entity, id, name));
      wrote();
    },
    async find(entity, filter = {}) {
      return (await listRecords(context, actor, entity, { filter, sort: ['id', 'ASC'], range: [0, MAX_PAGE - 1] })).records;
    },
  };
  await runWithAuditContext(systemAuditContext(SEED_ACTOR), () => recipe.small(api));
}

/** A refused write names what was written and why it was refused (the API's field errors included). */
async function explained<T>(what: string, values: Record<string, unknown>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const details = error as { message?: string; errors?: Record<string, string> };
    const fields = details.errors ? ` ${JSON.stringify(details.errors)}` : '';
    throw new Error(`the seed could not ${what}: ${details.message ?? String(error)}${fields}\nvalues: ${JSON.stringify(values)}`, { cause: error });
  }
}
