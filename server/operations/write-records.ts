import { UniqueConstraintViolationException, type Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { columnName, tableName } from '../../generators/core/naming.ts';
import { SYSTEM_FIELDS, type Entity } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { forbidden, httpError } from '../errors/http-errors.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import type { EffectiveGrant, EntityAccess } from '../permissions/entity-access.ts';
import { assignAutonumbers } from './assign-autonumbers.ts';
import { checkReferences } from './check-references.ts';
import type { OperationContext } from './operation-context.ts';
import { prepareInput, type PreparedInput } from './prepare-input.ts';
import { refuseNulCharacters } from './refuse-nul.ts';
import { getRecord, type WireRecord } from './read-records.ts';
import { currentAuditContext } from './request-context.ts';
import { requireAction } from './require-action.ts';
import { scopeCondition } from './scope-conditions.ts';
import { creatingGrants, grantsCoveringRow, refuseHiddenFields, requireWritable, rowMatches } from './write-permissions.ts';

type OrmEntity = Record<string, unknown> & { id: number; version: number };

/**
 * Creates a record (and its children) in one transaction through the ORM's unit of work, so every row
 * written is a change set the audit subscriber sees; then answers with the record as a read returns it.
 * The actor needs `create`, may set only fields some create grant lets them write, and the new record must
 * lie in that grant's scope (checked inside the transaction, so a refused record is never committed).
 */
export async function createRecord(context: OperationContext, actor: Actor, entityName: string, body: Record<string, unknown>): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const access = requireAction(context, actor, entityName, 'create');
  refuseNulCharacters(body);
  refuseHiddenFields(context, access, body, 'create');
  const grants = creatingGrants(context, access, body);
  authorizeNewChildren(context, access, body);
  const input = prepareInput(context, entity, body, 'create');
  await checkReferences(context, entity, input);
  const record = await inTransaction(context, entity, async (em) => {
    const created = em.create(entity.name, (await ormData(context, em, entity, input)) as never) as OrmEntity;
    const pending = await authorizeChildChanges(context, actor, em, created);
    await em.flush();
    await checkChildScopes(context, actor, em, pending);
    if (!(await rowMatches(context, actor, em, entityName, created.id, scopeCondition(context, actor, entityName, grants)))) {
      throw forbidden(`You may not create this ${entity.label.en.toLowerCase()}: it would lie outside the records your roles may create`, { entity: entity.name, action: 'create' });
    }
    return created;
  });
  return answerAfterWrite(context, actor, entityName, record.id);
}

/**
 * Merges the fields present in the body into the record (PUT as react-admin's updateMany uses it), replaces
 * children and many-to-many links that are present, and checks `version` when the client sent it. The row
 * must be in the actor's update scope before and after the change, and every changed field writable.
 */
export async function updateRecord(context: OperationContext, actor: Actor, entityName: string, id: number, body: Record<string, unknown>): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const access = requireAction(context, actor, entityName, 'update');
  requireReason(entity, actor);
  refuseNulCharacters(body);
  refuseHiddenFields(context, access, body, 'update');
  const input = prepareInput(context, entity, body, 'update');
  await checkReferences(context, entity, input);
  await inTransaction(context, entity, async (em) => {
    const record = await findForWrite(context, em, entity, id);
    const grants = await coveringOrRefuse(context, actor, em, access, id, 'update');
    if (typeof body.version === 'number' && body.version !== record.version) {
      throw httpError('KONTOR_HTTP_VERSION_CONFLICT', `${entity.label.en} ${id} was changed by someone else (version ${record.version}, yours ${body.version}); reload it and apply your change again`, {
        version: `is ${record.version} now`,
      });
    }
    await applyInput(context, actor, em, entity, record, input);
    touchIfChildrenChanged(em, record);
    requireWritable(entity, 'update', grants, changedFields(em, entity, record, input));
    const pending = await authorizeChildChanges(context, actor, em, record);
    await em.flush();
    await checkChildScopes(context, actor, em, pending);
    if (!(await rowMatches(context, actor, em, entityName, id, scopeCondition(context, actor, entityName, grants)))) {
      throw forbidden(`You may not make this change: the ${entity.label.en.toLowerCase()} would move outside the records your roles may update`, { entity: entity.name, action: 'update' });
    }
  });
  return answerAfterWrite(context, actor, entityName, id);
}

/** Deletes a record with its children and answers with the record as it was. */
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
  await inTransaction(context, entity, async (em) => {
    const record = await findForWrite(context, em, entity, id);
    await coveringOrRefuse(context, actor, em, access, id, 'delete');
    await releaseDependents(context, em, entity, id);
    em.remove(record);
  });
  return before;
}

/**
 * Entities with `audit: { reason: required }` take no change from a user without a reason (the
 * `X-Change-Reason` header), which the audit entry keeps next to the change.
 */
function requireReason(entity: Entity, actor: Actor): void {
  if (entity.audit.reason !== 'required' || actor.kind !== 'user' || currentAuditContext().reason !== null) return;
  throw httpError('KONTOR_HTTP_VALIDATION', `a change to ${entity.label.en.toLowerCase()} needs a reason: send it in the X-Change-Reason header`, { reason: 'is required for this entity (header X-Change-Reason)' });
}

/** The grants of an action covering the row; 404 when the actor cannot even see it, 403 when they may not act on it. */
async function coveringOrRefuse(context: OperationContext, actor: Actor, em: EntityManager, access: EntityAccess, id: number, action: 'update' | 'delete'): Promise<EffectiveGrant[]> {
  const entity = access.entity;
  const grants = await grantsCoveringRow(context, actor, em, entity.name, id, access.grantsFor(action));
  if (grants.length > 0) return grants;
  const readable = (await grantsCoveringRow(context, actor, em, entity.name, id, access.grantsFor('read'))).length > 0;
  if (!readable) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} ${id} does not exist`);
  throw forbidden(`You may not ${action} ${entity.label.en.toLowerCase()} ${id}: it lies outside the records your roles may ${action}`, { entity: entity.name, action });
}

/** What a write answers: the record as the actor may read it, or only its system fields if they may not. */
async function answerAfterWrite(context: OperationContext, actor: Actor, entityName: string, id: number): Promise<WireRecord> {
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

/** A child row written through its parent, to be checked against the child's scope once it is flushed. */
interface PendingScopeCheck {
  entity: Entity;
  row: OrmEntity;
  action: 'create' | 'update';
  grants: EffectiveGrant[];
}

/**
 * Child rows written through the parent follow the child entity's own grants, as if written directly: new
 * rows need the child's `create`, only fields it lets the user set, and must land in its create scope;
 * changed rows must be in the child's update scope before and after, with writable fields; removed rows
 * need `delete` on a row in the delete scope. Returns the scope checks that need the rows flushed.
 */
async function authorizeChildChanges(context: OperationContext, actor: Actor, em: EntityManager, root: OrmEntity): Promise<PendingScopeCheck[]> {
  const uow = em.getUnitOfWork();
  uow.computeChangeSets();
  const pending: PendingScopeCheck[] = [];
  for (const change of uow.getChangeSets()) {
    if (change.entity === root) continue;
    const access = context.policy.access(actor, change.name);
    const child = access.entity;
    const row = change.entity as OrmEntity;
    if (change.type === 'create') {
      requireChildAction(access, 'create');
      const body = newRowBodies.get(row);
      const grants = body ? creatingGrants(context, access, body, child.ownedBy?.via) : access.grantsFor('create');
      if (body) authorizeNewChildren(context, access, body);
      pending.push({ entity: child, row, action: 'create', grants });
    } else if (change.type === 'update') {
      requireChildAction(access, 'update');
      const grants = await grantsCoveringRow(context, actor, em, child.name, row.id, access.grantsFor('update'));
      if (grants.length === 0) throw outsideScope(child, 'update', row.id);
      requireWritable(child, 'update', grants, Object.keys(change.payload ?? {}));
      pending.push({ entity: child, row, action: 'update', grants });
    } else if (change.type === 'delete') {
      requireChildAction(access, 'delete');
      if ((await grantsCoveringRow(context, actor, em, child.name, row.id, access.grantsFor('delete'))).length === 0) throw outsideScope(child, 'delete', row.id);
    }
  }
  return pending;
}

/** After the flush: every child row written must lie in the scope of the grants that allowed it. */
async function checkChildScopes(context: OperationContext, actor: Actor, em: EntityManager, pending: readonly PendingScopeCheck[]): Promise<void> {
  for (const { entity, row, action, grants } of pending) {
    if (!(await rowMatches(context, actor, em, entity.name, row.id, scopeCondition(context, actor, entity.name, grants)))) throw outsideScope(entity, action, row.id);
  }
}

function outsideScope(entity: Entity, action: string, id: number | undefined) {
  return forbidden(`You may not ${action} this ${entity.label.en.toLowerCase()}${action === 'create' || id === undefined ? '' : ` (${id})`}: it would lie outside the records your roles may ${action}`, { entity: entity.name, action });
}

/** Child rows in a create body: each needs the child's `create` and only fields it may set. */
function authorizeNewChildren(context: OperationContext, access: EntityAccess, body: Record<string, unknown>): void {
  for (const field of access.entity.fields) {
    if (field.type !== 'children' || !Array.isArray(body[field.name])) continue;
    const child = access.related(field.entity);
    for (const row of body[field.name] as Array<Record<string, unknown>>) {
      requireChildAction(child, 'create');
      creatingGrants(context, child, row, field.via);
      authorizeNewChildren(context, child, row);
    }
  }
}

function requireChildAction(access: EntityAccess, action: string): void {
  if (access.can(action)) return;
  const entity = access.entity;
  throw forbidden(`You may not ${action} ${entity.plural.en.toLowerCase()}: none of your roles grants "${action}" on ${entity.name}`, { entity: entity.name, action });
}

/** The body row each new child row came from: what the client set (defaults are not the client's doing). */
const newRowBodies = new WeakMap<object, Record<string, unknown>>();

/** One transaction on a fresh entity manager; a unique violation comes back naming the entity's field. */
async function inTransaction<T>(context: OperationContext, entity: Entity, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await context.db.fork().transactional(work);
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

async function findForWrite(context: OperationContext, em: EntityManager, entity: Entity, id: number): Promise<OrmEntity> {
  const record = (await em.findOne(entity.name, { id } as never, { populate: populatePaths(context, entity) as never[] })) as OrmEntity | null;
  if (!record) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} ${id} does not exist`);
  return record;
}

/** Children (all the way down) and many-to-many links: what a write may replace or a delete must remove. */
function populatePaths(context: OperationContext, entity: Entity, prefix = ''): string[] {
  return entity.fields.flatMap((field) => {
    if (field.type === 'many') return [`${prefix}${field.name}`];
    if (field.type !== 'children') return [];
    return [`${prefix}${field.name}`, ...populatePaths(context, context.entity(field.entity), `${prefix}${field.name}.`)];
  });
}

/** The data for `em.create`: autonumbers drawn, children nested as arrays of the same. */
async function ormData(context: OperationContext, em: EntityManager, entity: Entity, input: PreparedInput): Promise<Record<string, unknown>> {
  const now = new Date().toISOString();
  const data: Record<string, unknown> = { ...input.data, created_at: now, updated_at: now };
  await assignAutonumbers(em, entity, data);
  for (const [name, rows] of input.children) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type !== 'children') continue;
    const child = context.entity(field.entity);
    data[name] = await Promise.all(rows.map((row) => ormData(context, em, child, row)));
  }
  return data;
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
      if (!item || !(await rowMatches(context, actor, em, child.name, row.id, readScope))) {
        throw httpError('KONTOR_HTTP_INVALID_REFERENCE', `${name}.${index}.id ${row.id} is not a row of this record`, { [`${name}.${index}.id`]: `${row.id} is not a row of this record` });
      }
      kept.add(row.id);
      await applyInput(context, actor, em, child, item, row);
    }
    for (const [id, item] of existing) {
      if (!kept.has(id) && (await rowMatches(context, actor, em, child.name, id, readScope))) collection.remove(item);
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

/**
 * What the definitions' `onDelete` rules do to other records, done through the unit of work instead of
 * leaving it to the database's foreign keys: so every record that changes because of a delete (a
 * reference cleared, a record deleted with it, a link removed) gets its own audit entry and a new version.
 * Owned children go with their parent through the ORM's own cascade.
 */
async function releaseDependents(context: OperationContext, em: EntityManager, entity: Entity, id: number, seen = new Set<string>()): Promise<void> {
  const key = `${entity.name}:${id}`;
  if (seen.has(key)) return;
  seen.add(key);
  const now = new Date().toISOString();
  for (const other of context.model.entities) {
    for (const field of other.fields) {
      if (field.type === 'reference' && field.to === entity.name && !(other.ownedBy?.entity === entity.name && other.ownedBy.via === field.name)) {
        if (field.onDelete === 'restrict') continue;
        const rows = (await em.find(other.name, { [field.name]: id } as never, { populate: populatePaths(context, other) as never[] })) as OrmEntity[];
        for (const row of rows) {
          if (field.onDelete === 'set_null') row[field.name] = null;
          else {
            await releaseDependents(context, em, other, row.id, seen);
            em.remove(row);
          }
        }
      }
      if (field.type === 'many' && field.to === entity.name) {
        const owners = (await em.find(other.name, { [field.name]: id } as never, { populate: [field.name] as never[] })) as OrmEntity[];
        for (const owner of owners) {
          const links = owner[field.name] as Collection<OrmEntity>;
          const link = links.getItems().find((item) => item.id === id);
          if (link) links.remove(link);
          owner.updated_at = now;
        }
      }
    }
  }
}

/** A record others still point at (with `onDelete: restrict`) stays; the answer says who points at it. */
async function refuseIfReferenced(context: OperationContext, entity: Entity, id: number): Promise<void> {
  const blockers: string[] = [];
  for (const other of context.model.entities) {
    for (const field of other.fields) {
      if (field.type !== 'reference' || field.to !== entity.name || field.onDelete !== 'restrict') continue;
      if (other.ownedBy?.entity === entity.name && other.ownedBy.via === field.name) continue;
      const sql = `SELECT COUNT(*) AS "n" FROM ${quote(tableName(other.name))} WHERE ${quote(columnName(field.name, 'reference'))} = ?`;
      const rows = await context.db.reader.all(sql, [id]);
      const count = Number(rows[0]?.n ?? 0);
      if (count > 0) blockers.push(`${count} ${(count === 1 ? other.label.en : other.plural.en).toLowerCase()} (field "${field.name}")`);
    }
  }
  if (blockers.length > 0) {
    throw httpError('KONTOR_HTTP_STILL_REFERENCED', `${entity.label.en} ${id} cannot be deleted: it is still referenced by ${blockers.join(', ')}`);
  }
}
