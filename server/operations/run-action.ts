import type { Entity } from '../../generators/model/app-model.ts';
import type { EntityActionDefinition } from '../../generators/model/entity-action.ts';
import { httpError } from '../errors/http-errors.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import { actionContextFor } from './entity-hooks.ts';
import type { OperationContext } from './operation-context.ts';
import { requireRoleGatedAction } from './require-action.ts';
import { getRecord, type WireRecord } from './read-records.ts';
import { currentAuditContext, runWithAuditContext } from './request-context.ts';
import { recordName } from './workflow-rules.ts';
import { answerAfterWrite, coveringOrRefuse, findForWrite, inTransaction, refuseStaleVersion, requireReason } from './write-records.ts';

export interface ActionOptions {
  /** The version the client saw: a different one is a 409, as on PUT. */
  version?: number | undefined;
}

/**
 * Runs a custom action on one record: the actor needs the grant named like the action (with its row scope)
 * and, if it lists `roles:`, one of them; a locked record (a workflow's `lock` state) takes no actions, and
 * `available` must say yes. What the action writes is written in one transaction with every write's hooks,
 * each change audited as the user's with `_action` naming the action (the route records the run itself).
 */
export interface ActionResult {
  /** The record the action ran on, as GET answers it now. */
  record: WireRecord;
  /** The id of the one record of the same entity the action created (a copy), if it created exactly one. */
  createdId: number | null;
}

export async function runAction(context: OperationContext, actor: Actor, entityName: string, id: number, name: string, options: ActionOptions = {}): Promise<ActionResult> {
  const entity = context.entity(entityName);
  const action = entity.actions.find((a) => a.name === name);
  const definition = context.code.get(entity.name)?.actions[name];
  if (!action || !definition) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} has no action "${name}"`);
  const access = requireRoleGatedAction(context, actor, entity, action.name);
  requireReason(entity, actor);
  const audit = { ...currentAuditContext(), action: { entity: entity.name, recordId: id, name } };
  const created: Array<{ entity: string; id: number }> = [];
  await runWithAuditContext(audit, () =>
    inTransaction(context, actor, entity, async (em) => {
      const stored = await findForWrite(context, em, entity, id);
      await coveringOrRefuse(context, actor, em, access, id, name);
      refuseStaleVersion(entity, stored, options.version, 'decide again');
      const record = Object.freeze(await getRecord(context, systemActor('action'), entity.name, id));
      const refusal = unavailable(entity, definition, record);
      if (refusal === 'locked') throw httpError('KONTOR_HTTP_RECORD_LOCKED', `${recordName(entity, stored)} is ${String(record[entity.workflow?.field ?? ''])}, which locks it: no ${action.name}`);
      if (refusal) throw httpError('KONTOR_HTTP_ACTION_NOT_AVAILABLE', `${recordName(entity, stored)}: ${action.label.en} does not apply to it as it is now`);
      await definition.run(record, actionContextFor(em, created));
    }),
  );
  const copies = created.filter((c) => c.entity === entity.name);
  return { record: await answerAfterWrite(context, actor, entityName, id), createdId: copies.length === 1 ? (copies[0]?.id ?? null) : null };
}

/** Why the action does not apply to the record as it is: a lock state, or `available` says no; null: it does. */
export function unavailable(entity: Entity, definition: EntityActionDefinition, record: Record<string, unknown>): 'locked' | 'unavailable' | null {
  const workflow = entity.workflow;
  const state = workflow ? record[workflow.field] : undefined;
  if (typeof state === 'string' && workflow?.lock.includes(state) && definition.allowLocked !== true) return 'locked';
  if (definition.available && !definition.available(record)) return 'unavailable';
  return null;
}
