import { UniqueConstraintViolationException, type Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { columnName, tableName } from '../../generators/core/naming.ts';
import { SYSTEM_FIELDS, type Entity } from '../../generators/model/app-model.ts';
import { forbidden, httpError } from '../errors/http-errors.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import type { EffectiveGrant, EntityAccess } from '../permissions/entity-access.ts';
import { checkReferences } from './check-references.ts';
import type { OperationContext } from './operation-context.ts';
import { ormData } from './orm-data.ts';
import { prepareInput, type PreparedInput } from './prepare-input.ts';
import { refuseNulCharacters } from './refuse-nul.ts';
import { flushWithHooks, transactionWithHooks } from './entity-hooks.ts';
import { getRecord, type WireRecord } from './read-records.ts';
import { currentAuditContext } from './request-context.ts';
import { requireAction } from './require-action.ts';
import { scopeCondition } from './scope-conditions.ts';
import { authorizeChildChanges, authorizeNewChildren, checkChildScopes, newRowBodies } from './child-permissions.ts';
import { populatePaths, refuseIfReferenced, releaseDependents } from './delete-rules.ts';
import { creatingGrants, grantsCoveringRow, refuseHiddenFields, requireWritable, rowMatches } from './write-permissions.ts';
import { checkWorkflowChanges, refuseLocked } from './workflow-rules.ts';

export type OrmEntity = Record<string, unknown> & { id: number; version: number };

/**
 * Creates a record (and its children) in one transaction through the ORM's unit of work, so every row
 * written is a change set the audit subscriber sees; then answers with the record as a read returns it.
 * The actor needs `create`, may set only fields some create grant lets them write, and the new record must
 * lie in that grant's scope (checked inside the transaction, so a refused record is never committed).
 */
export async function createRecord(context: OperationContext, actor: Actor, entityName: string, body: Record<string, unknown>): Promise<WireRecord> {
  return answerAfterWrite(context, actor, entityName, await insertRecord(context, actor, entityName, body));
}

/**
 * The write of a create, without its answer: the new record's id. With `within` (the CSV import) it runs
 * as a savepoint of that entity manager's transaction, so a refused row rolls back alone and the caller
 * decides whether everything commits.
 */
export async function insertRecord(context: OperationContext, actor: Actor, entityName: string, body: Record<string, unknown>, within?: EntityManager): Promise<number> {
  const entity = context.entity(entityName);
  const access = requireAction(context, actor, entityName, 'create');
  refuseNulCharacters(body);
  refuseHiddenFields(context, access, body, 'create');
  const grants = creatingGrants(context, access, body);
  authorizeNewChildren(context, access, body);
  const input = prepareInput(context, entity, body, 'create');
  await checkReferences(context, actor, entity, input);
  const record = await inTransaction(context, actor, entity, async (em) => {
    const created = em.create(entity.name, (await ormData(context, em, entity, input)) as never) as OrmEntity;
    const pending = await authorizeChildChanges(context, actor, em, created);
    checkWorkflowChanges(context, em, created);
    await flushWithHooks(em);
    await checkChildScopes(context, actor, em, pending);
    if (!(await rowMatches(context, em, entityName, created.id, scopeCondition(context, actor, entityName, grants)))) {
      throw forbidden(`You may not create this ${entity.label.en.toLowerCase()}: it would lie outside the records your roles may create`, { entity: entity.name, action: 'create' });
    }
    return created;
  }, within);
  return record.id;
}

/**
 * Merges the fields present in the body into the record (PUT as react-admin's updateMany uses it), replaces
 * children and many-to-many links that are present, and checks `version` when the client sent it. The row
 * must be in the actor's update scope before and after the change, and every changed field writable. A
 * workflow's state changes only through its transitions, and a record in a locked state not at all.
 */
export async function updateRecord(context: OperationContext, actor: Actor, entityName: string, id: number, body: Record<string, unknown>): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const access = requireAction(context, actor, entityName, 'update');
  requireReason(entity, actor);
  refuseNulCharacters(body);
  refuseHiddenFields(context, access, body, 'update');
  const input = prepareInput(context, entity, body, 'update');
  await checkReferences(context, actor, entity, input);
  await inTransaction(context, actor, entity, async (em) => {
    const record = await findForWrite(context, em, entity, id);
    const grants = await coveringOrRefuse(context, actor, em, access, id, 'update');
    refuseLocked(entity, record, 'change');
    refuseStaleVersion(entity, record, typeof body.version === 'number' ? body.version : undefined, 'apply your change again');
    await applyInput(context, actor, em, entity, record, input);
    touchIfChildrenChanged(em, record);
    checkWorkflowChanges(context, em, record);
    requireWritable(entity, 'update', grants, changedFields(em, entity, record, input));
    const pending = await authorizeChildChanges(context, actor, em, record);
    await flushWithHooks(em);
    await checkChildScopes(context, actor, em, pending);
    if (!(await rowMatches(context, em, entityName, id, scopeCondition(context, actor, entityName, grants)))) {
      throw forbidden(`You may not make this change: the ${entity.label.en.toLowerCase()} would move outside the records your roles may update`, { entity: entity.name, action: 'update' });
    }
  });
  return answerAfterWrite(context, actor, entityName, id);
}

/** Deletes a record with its children and answers with the record as it was (not in a locked workflow state). */
export async function deleteRecord(context: OperationContext, actor: Actor, entityName: string, id: number): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const access = requireAction(context, actor, entityName, 'delete');
  requireReason(entity, actor);
  const before = await getRecord(context, actor, entityName, id).catch(async (error: unknown) => {
    // Delete-only roles (rare) get the record's system fields; a record they cannot see stays a 404.
    if (access.can('read')) throw error;
    return systemFields(await getRecord(context, systemActor(), entityName, id));
  });
  await refuseIfReferenced(context, entity, id);
  await inTransaction(context, actor, entity, async (em) => {
    const record = await findForWrite(context, em, entity, id);
    await coveringOrRefuse(context, actor, em, access, id, 'delete');
    refuseLocked(entity, record, 'delete');
    await releaseDependents(context, em, entity, id);
    em.remove(record);
    checkWorkflowChanges(context, em, record);
  });
  return before;
}

/**
 * Entities with `audit: { reason: required }` take no change from a user without a reason (the
 * `X-Change-Reason` header), which the audit entry keeps next to the change.
 */
export function requireReason(entity: Entity, actor: Actor): void {
  if (entity.audit.reason !== 'required' || actor.kind !== 'user' || currentAuditContext().reason !== null) return;
  throw httpError('KONTOR_HTTP_VALIDATION', `a change to ${entity.label.en.toLowerCase()} needs a reason: send it in the X-Change-Reason header`, { reason: 'is required for this entity (header X-Change-Reason)' });
}

/** The grants of an action covering the row; 404 when the actor cannot even see it, 403 when they may not act on it. */
/** Optimistic locking: 409 when the client decided on another version than the one stored. */
export function refuseStaleVersion(entity: Entity, stored: OrmEntity, sent: number | undefined, retry: string): void {
  if (sent === undefined || sent === stored.version) return;
  throw httpError('KONTOR_HTTP_VERSION_CONFLICT', `${entity.label.en} ${stored.id} was changed by someone else (version ${stored.version}, yours ${sent}); reload it and ${retry}`, { version: `is ${stored.version} now` });
}

export async function coveringOrRefuse(context: OperationContext, actor: Actor, em: EntityManager, access: EntityAccess, id: number, action: string): Promise<EffectiveGrant[]> {
  const entity = access.entity;
  const grants = await grantsCoveringRow(context, actor, em, entity.name, id, access.grantsFor(action));
  if (grants.length > 0) return grants;
  const readable = (await grantsCoveringRow(context, actor, em, entity.name, id, access.grantsFor('read'))).length > 0;
  if (!readable) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} ${id} does not exist`);
  throw forbidden(`You may not ${action} ${entity.label.en.toLowerCase()} ${id}: it lies outside the records your roles may ${action}`, { entity: entity.name, action });
}

/** What a write answers: the record as the actor may read it, or only its system fields if they may not. */
export async function answerAfterWrite(context: OperationContext, actor: Actor, entityName: string, id: number): Promise<WireRecord> {
  if (context.policy.access(actor, entityName).can('read')) {
    try {
      return await getRecord(context, actor, entityName, id);
    } catch (error) {
      if ((error as { code?: string }).code !== 'KONTOR_HTTP_NOT_FOUND') throw error;
    }
  }
  return systemFields(await getRecord(context, systemActor(), entityName, id));
}

function systemFields(record: WireRecord): WireRecord {
  return Object.fromEntries(SYSTEM_FIELDS.map((name) => [name, record[name]]));
}

/**
 * The record's own changed fields; a changed link list counts as its `many` field, and a change to the rows
 * of a children field present in the body as that children field (read-only `deliveries` means: no row may
 * be added, changed or removed).
 */
function changedFields(em: EntityManager, entity: Entity, record: OrmEntity, input: PreparedInput): string[] {
  const uow = em.getUnitOfWork();
  uow.computeChangeSets();
  const changes = uow.getChangeSets();
  const own = changes.find((change) => change.entity === record);
  const fields = new Set(Object.keys(own?.payload ?? {}));
  for (const collection of uow.getCollectionUpdates()) {
    if (collection.owner === record) fields.add(collection.property.name);
  }
  for (const name of input.children.keys()) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type === 'children' && changes.some((change) => change.entity !== record && change.name === field.entity)) fields.add(name);
  }
  return [...fields];
}

/**
 * One transaction on a fresh entity manager (a savepoint of `within`'s transaction when given), with the
 * entity hooks of every record written; a unique violation comes back naming the entity's field.
 */
export async function inTransaction<T>(context: OperationContext, actor: Actor, entity: Entity, work: (em: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
  try {
    return await transactionWithHooks(context, actor, work, within);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw uniqueViolation(context, entity, error);
    throw error;
  }
}

/** Which field a unique violation is about: SQLite says `table.column`, PostgreSQL names the constraint and key. */
function uniqueViolation(context: OperationContext, entity: Entity, error: Error) {
  const sqlite = [...(/UNIQUE constraint failed: (.+)$/m.exec(error.message)?.[1] ?? '').matchAll(/(\w+)\.(\w+)/g)].map((m) => ({ table: m[1], column: m[2] }));
  const constraint = /unique constraint "(\w+)"/.exec(error.message)?.[1] ?? '';
  const key = /Key \(([^)]+)\)=/.exec(error.message)?.[1]?.split(', ') ?? [];
  const postgresTable = context.model.entities.map((e) => tableName(e.name)).filter((t) => constraint.startsWith(`${t}_`)).sort((a, b) => b.length - a.length)[0];
  const candidates = [...sqlite, ...key.map((column) => ({ table: postgresTable, column }))];
  for (const { table, column } of candidates) {
    const owner = context.model.entities.find((e) => tableName(e.name) === table) ?? entity;
    const field = owner.fields.find((f) => columnName(f.name, context.registry.of(f).storage) === column);
    if (field) {
      return httpError('KONTOR_HTTP_UNIQUE_VIOLATION', `Another ${owner.label.en.toLowerCase()} already has this ${field.label.en.toLowerCase()}`, { [field.name]: 'is already used by another record' });
    }
  }
  return httpError('KONTOR_HTTP_UNIQUE_VIOLATION', 'Another record already has one of these values');
}

export async function findForWrite(context: OperationContext, em: EntityManager, entity: Entity, id: number): Promise<OrmEntity> {
  const record = (await em.findOne(entity.name, { id } as never, { populate: populatePaths(context, entity) as never[] })) as OrmEntity | null;
  if (!record) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} ${id} does not exist`);
  return record;
}

async function applyInput(context: OperationContext, actor: Actor, em: EntityManager, entity: Entity, record: OrmEntity, input: PreparedInput): Promise<void> {
  em.assign(record as never, input.data as never);
  for (const [name, rows] of input.children) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type !== 'children') continue;
    const child = context.entity(field.entity);
    const collection = record[name] as Collection<OrmEntity>;
    const existing = new Map(collection.getItems().map((item) => [item.id, item]));
    // Rows the actor cannot see are not theirs to keep or drop: a list without them leaves them alone.
    const readScope = scopeCondition(context, actor, child.name, context.policy.access(actor, child.name).grantsFor('read'));
    const kept = new Set<number>();
    for (const [index, row] of rows.entries()) {
      if (row.id === null) {
        const created = em.create(child.name, { ...(await ormData(context, em, child, row)), [field.via]: record } as never) as OrmEntity;
        if (row.body) newRowBodies.set(created, row.body);
        collection.add(created);
        continue;
      }
      const item = existing.get(row.id);
      if (!item || !(await rowMatches(context, em, child.name, row.id, readScope))) {
        throw httpError('KONTOR_HTTP_INVALID_REFERENCE', `${name}.${index}.id ${row.id} is not a row of this record`, { [`${name}.${index}.id`]: `${row.id} is not a row of this record` });
      }
      kept.add(row.id);
      await applyInput(context, actor, em, child, item, row);
    }
    for (const [id, item] of existing) {
      if (!kept.has(id) && (await rowMatches(context, em, child.name, id, readScope))) collection.remove(item);
    }
  }
}

/**
 * The version guards the record as the form shows it, children and links included: a change to a delivery
 * alone still makes the contract's version move, so a second editor of it gets a 409, not a silent loss.
 */
function touchIfChildrenChanged(em: EntityManager, record: OrmEntity): void {
  const uow = em.getUnitOfWork();
  uow.computeChangeSets();
  const changes = uow.getChangeSets();
  if (changes.some((change) => change.entity === record)) return;
  // Many-to-many links live in a join table: a change there is a collection update, not a change set.
  if (changes.length > 0 || uow.getCollectionUpdates().length > 0) record.updated_at = new Date().toISOString();
}
