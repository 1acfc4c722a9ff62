import type { Actor } from '../permissions/actor.ts';
import { systemActor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { getRecord } from './read-records.ts';
import { unavailable } from './run-action.ts';
import { creatorOf } from './transition-record.ts';
import { grantsCoveringRow } from './write-permissions.ts';

/** What the actor may do with one record now, so a screen offers exactly that. */
export interface RecordActions {
  update: boolean;
  delete: boolean;
  /** Transitions the actor may run from the record's current state. */
  transitions: string[];
  /** Transitions the actor's grants allow but four eyes forbids them (they created the record). */
  fourEyes: string[];
  /** Custom actions the actor may run on the record now (grant, row scope, lock, `available`). */
  custom: string[];
}

/**
 * The per-record answer to "may I?": `_meta` says what a role may do with an entity, but a trader may
 * update only their own contracts, a locked invoice nobody, and a leave request only someone other than
 * who asked may approve. Checked as the write would check it (grant with its row scope, `roles:`, lock,
 * state, four eyes); `requires` is left to the screen, which shows which fields are missing. 404 as GET.
 */
export async function recordActions(context: OperationContext, actor: Actor, entityName: string, id: number): Promise<RecordActions> {
  await getRecord(context, actor, entityName, id);
  const entity = context.entity(entityName);
  const access = context.policy.access(actor, entityName);
  // The state decides, whether or not the actor may read the state field.
  const stored = await getRecord(context, systemActor(), entityName, id);
  const em = context.db.fork();
  const covers = async (action: string) => access.can(action) && (await grantsCoveringRow(context, actor, em, entityName, id, access.grantsFor(action))).length > 0;
  const workflow = entity.workflow;
  const state = workflow ? stored[workflow.field] : undefined;
  const locked = typeof state === 'string' && (workflow?.lock.includes(state) ?? false);
  const actions: RecordActions = { update: !locked && (await covers('update')), delete: !locked && (await covers('delete')), transitions: [], fourEyes: [], custom: [] };
  for (const transition of workflow?.transitions ?? []) {
    if (typeof state !== 'string' || !transition.from.includes(state) || !(await covers(transition.name))) continue;
    const ownRecord = transition.fourEyes && actor.kind === 'user' && (await creatorOf(em, entity, id)) === actor.id;
    (ownRecord ? actions.fourEyes : actions.transitions).push(transition.name);
  }
  for (const action of entity.actions) {
    const definition = context.code.get(entity.name)?.actions[action.name];
    if (definition && unavailable(entity, definition, stored) === null && (await covers(action.name))) actions.custom.push(action.name);
  }
  return actions;
}
