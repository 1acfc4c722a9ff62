import type { Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import type { Entity, TransitionSetting, Workflow, WorkflowTransition } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { httpError } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { requireRoleGatedAction } from './require-action.ts';
import { localDate } from './prepare-input.ts';
import type { WireRecord } from './read-records.ts';
import { currentAuditContext, runWithAuditContext } from './request-context.ts';
import { names, recordName } from './workflow-rules.ts';
import { answerAfterWrite, coveringOrRefuse, findForWrite, inTransaction, refuseStaleVersion, requireReason, type OrmEntity } from './write-records.ts';

export interface TransitionOptions {
  /** The version the client saw: a different one is a 409, as on PUT. */
  version?: number | undefined;
}

/**
 * Runs a workflow transition on one record: the actor needs the transition's grant (with its row scope)
 * and, if the definition lists `roles:`, one of those roles; the record must be in a `from` state, its
 * `requires` fields filled, and for `fourEyes` the actor not its creator. Writes `to` and the `set` values
 * (read-only fields included) in one transaction, whose audit entry is the action `transition`.
 */
export async function transitionRecord(context: OperationContext, actor: Actor, entityName: string, id: number, name: string, options: TransitionOptions = {}): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const workflow = entity.workflow;
  const transition = workflow?.transitions.find((t) => t.name === name);
  if (!workflow || !transition) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} has no transition "${name}"`);
  const access = requireRoleGatedAction(context, actor, entity, transition.name);
  requireReason(entity, actor);
  const audit = { ...currentAuditContext(), transition: { entity: entity.name, recordId: id, name } };
  await runWithAuditContext(audit, () =>
    inTransaction(context, actor, entity, async (em) => {
      const record = await findForWrite(context, em, entity, id);
      await coveringOrRefuse(context, actor, em, access, id, name);
      refuseStaleVersion(entity, record, options.version, 'decide again');
      const state = record[workflow.field];
      if (typeof state !== 'string' || !transition.from.includes(state)) throw wrongState(entity, workflow, transition, record);
      requireFilled(entity, transition, record);
      if (transition.fourEyes && actor.kind === 'user' && (await creatorOf(em, entity, id)) === actor.id) {
        throw httpError('KONTOR_HTTP_FOUR_EYES', `${recordName(entity, record)} was created by you; ${transition.name} needs a second person (four eyes)`);
      }
      const values: Record<string, unknown> = { [workflow.field]: transition.to, updated_at: new Date().toISOString() };
      for (const setting of transition.set) values[setting.field] = settingValue(context, entity, setting, actor);
      em.assign(record as never, values as never);
    }),
  );
  return answerAfterWrite(context, actor, entityName, id);
}

/** `contract K-2026-0001 is active; activate goes from draft`. */
function wrongState(entity: Entity, workflow: Workflow, transition: WorkflowTransition, record: OrmEntity) {
  const state = String(record[workflow.field] ?? 'empty');
  const instead = workflow.transitions.filter((t) => t !== transition && t.from.includes(state));
  const hint = instead.length > 0 ? ` (from ${state}: ${names(instead)})` : '';
  return httpError('KONTOR_HTTP_TRANSITION_NOT_ALLOWED', `${recordName(entity, record)} is ${state}; ${transition.name} goes from ${transition.from.join(' or ')}${hint}`);
}

/** 422 naming each field `requires` lists that is still empty (a children or many field: without rows). */
function requireFilled(entity: Entity, transition: WorkflowTransition, record: OrmEntity): void {
  const empty = transition.requires.filter((name) => {
    const value = record[name];
    if (value === null || value === undefined || value === '') return true;
    const collection = value as Partial<Collection<object>>;
    return typeof collection.count === 'function' && collection.isInitialized?.() === true && collection.count() === 0;
  });
  if (empty.length === 0) return;
  const labels = empty.map((name) => entity.fields.find((f) => f.name === name)?.label.en ?? name);
  throw httpError(
    'KONTOR_HTTP_TRANSITION_INCOMPLETE',
    `${recordName(entity, record)} needs ${labels.join(', ')} before ${transition.name}`,
    Object.fromEntries(empty.map((name) => [name, `must be filled before ${transition.name}`])),
  );
}

/** The user who created the record: the actor of its `create` entry in the audit trail (null: Kontor itself or unknown). */
export async function creatorOf(em: EntityManager, entity: Entity, id: number): Promise<number | null> {
  const sql = `SELECT ${quote('actor_id')} AS ${quote('actor_id')} FROM ${quote(AUDIT_TABLE)} WHERE ${quote('entity')} = ? AND ${quote('record_id')} = ? AND ${quote('action')} = 'create' ORDER BY ${quote('seq')} LIMIT 1`;
  const rows = (await em.getConnection().execute(sql, [entity.name, id], 'all', em.getTransactionContext())) as Array<{ actor_id: number | string | null }>;
  const creator = rows[0]?.actor_id;
  return creator === null || creator === undefined ? null : Number(creator);
}

/** `now`, `today`, `$user` (the user's id in a reference, the username in text) or the literal, in wire form. */
function settingValue(context: OperationContext, entity: Entity, setting: TransitionSetting, actor: Actor): unknown {
  const field = entity.fields.find((f) => f.name === setting.field);
  if (!field) throw new Error(`${entity.name} has no field "${setting.field}"`);
  const value = setting.value;
  const raw =
    value.kind === 'now' ? new Date().toISOString()
    : value.kind === 'today' ? localDate(new Date())
    : value.kind === 'literal' ? value.value
    : field.type === 'reference' ? (actor.kind === 'user' ? actor.id : null)
    : actor.kind === 'user' ? actor.username : actor.name;
  const codec = context.registry.of(field).codec?.(field);
  return codec?.canonical && raw !== null ? codec.canonical(raw) : raw;
}
