import { UniqueConstraintViolationException, type Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { columnName, tableName } from '../../generators/core/naming.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { httpError } from '../errors/http-errors.ts';
import { assignAutonumbers } from './assign-autonumbers.ts';
import { checkReferences } from './check-references.ts';
import type { OperationContext } from './operation-context.ts';
import { prepareInput, type PreparedInput } from './prepare-input.ts';
import { refuseNulCharacters } from './refuse-nul.ts';
import { getRecord, type WireRecord } from './read-records.ts';

type OrmEntity = Record<string, unknown> & { id: number; version: number };

/**
 * Creates a record (and its children) in one transaction through the ORM's unit of work, so every row
 * written is a change set the audit subscriber sees; then answers with the record as a read returns it.
 */
export async function createRecord(context: OperationContext, entityName: string, body: Record<string, unknown>): Promise<WireRecord> {
  const entity = context.entity(entityName);
  refuseNulCharacters(body);
  const input = prepareInput(context, entity, body, 'create');
  await checkReferences(context, entity, input);
  // transactional() flushes once at the end; the id exists after that.
  const record = await inTransaction(context, entity, async (em) => em.create(entity.name, (await ormData(context, em, entity, input)) as never) as OrmEntity);
  return getRecord(context, entityName, record.id);
}

/**
 * Merges the fields present in the body into the record (PUT as react-admin's updateMany uses it), replaces
 * children and many-to-many links that are present, and checks `version` when the client sent it.
 */
export async function updateRecord(context: OperationContext, entityName: string, id: number, body: Record<string, unknown>): Promise<WireRecord> {
  const entity = context.entity(entityName);
  refuseNulCharacters(body);
  const input = prepareInput(context, entity, body, 'update');
  await checkReferences(context, entity, input);
  await inTransaction(context, entity, async (em) => {
    const record = await findForWrite(context, em, entity, id);
    if (typeof body.version === 'number' && body.version !== record.version) {
      throw httpError('KONTOR_HTTP_VERSION_CONFLICT', `${entity.label.en} ${id} was changed by someone else (version ${record.version}, yours ${body.version}); reload it and apply your change again`, {
        version: `is ${record.version} now`,
      });
    }
    await applyInput(context, em, entity, record, input);
    touchIfChildrenChanged(em, record);
  });
  return getRecord(context, entityName, id);
}

/** Deletes a record with its children and answers with the record as it was. */
export async function deleteRecord(context: OperationContext, entityName: string, id: number): Promise<WireRecord> {
  const entity = context.entity(entityName);
  const before = await getRecord(context, entityName, id);
  await refuseIfReferenced(context, entity, id);
  await inTransaction(context, entity, async (em) => {
    em.remove(await findForWrite(context, em, entity, id));
  });
  return before;
}

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

async function applyInput(context: OperationContext, em: EntityManager, entity: Entity, record: OrmEntity, input: PreparedInput): Promise<void> {
  em.assign(record as never, input.data as never);
  for (const [name, rows] of input.children) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type !== 'children') continue;
    const child = context.entity(field.entity);
    const collection = record[name] as Collection<OrmEntity>;
    const existing = new Map(collection.getItems().map((item) => [item.id, item]));
    const kept = new Set<number>();
    for (const [index, row] of rows.entries()) {
      if (row.id === null) {
        const created = em.create(child.name, { ...(await ormData(context, em, child, row)), [field.via]: record } as never) as OrmEntity;
        collection.add(created);
        continue;
      }
      const item = existing.get(row.id);
      if (!item) {
        throw httpError('KONTOR_HTTP_INVALID_REFERENCE', `${name}.${index}.id ${row.id} is not a row of this record`, { [`${name}.${index}.id`]: `${row.id} is not a row of this record` });
      }
      kept.add(row.id);
      await applyInput(context, em, child, item, row);
    }
    for (const [id, item] of existing) if (!kept.has(id)) collection.remove(item);
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
