import { isDeepStrictEqual } from 'node:util';
import type { ChangeSet, Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { RecordValues } from '../../generators/fields/computed.ts';
import { SYSTEM_FIELDS, type Entity } from '../../generators/model/app-model.ts';
import type { ActionContext } from '../../generators/model/entity-action.ts';
import type { DraftRecord, EntityHooks, HookContext } from '../../generators/model/entity-definition.ts';
import { httpError } from '../errors/http-errors.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { ormData } from './orm-data.ts';
import { localDate, prepareInput } from './prepare-input.ts';
import { getRecord, listRecords } from './read-records.ts';
import { currentAuditContext } from './request-context.ts';

type OrmRecord = Record<string, unknown> & { id?: number };

/** One write's hooks: which records they ran for, and the afterCommit calls waiting for the commit. */
interface HookRun {
  context: OperationContext;
  actor: Actor;
  done: WeakSet<object>;
  afterCommit: Array<() => Promise<void>>;
}

const runs = new WeakMap<EntityManager, HookRun>();
/** afterCommit calls of writes that ran inside a caller's transaction (CSV import): they wait for its commit. */
const deferred = new WeakMap<EntityManager, Array<() => Promise<void>>>();

/** A hook that writes records whose hooks write records… stops here instead of looping for ever. */
const MAX_ROUNDS = 8;

/**
 * Runs `work` in one transaction (a savepoint of `within`'s) with the entity hooks of every record it
 * writes: before-hooks and validate just before the transaction's writes reach the database (and before
 * any `flushWithHooks` inside `work`), afterCommit once the outermost transaction has committed.
 */
export async function transactionWithHooks<T>(context: OperationContext, actor: Actor, work: (em: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
  const run: HookRun = { context, actor, done: new WeakSet(), afterCommit: [] };
  const em = within ? within.fork({ keepTransactionContext: true }) : context.db.fork();
  const result = await em.transactional(async (tx) => {
    runs.set(tx, run);
    const value = await work(tx);
    await runBeforeHooks(run, tx);
    return value;
  });
  if (within) {
    const waiting = deferred.get(within) ?? [];
    waiting.push(...run.afterCommit);
    deferred.set(within, waiting);
  } else await runAfterCommit(run.afterCommit);
  return result;
}

/** Flushes a transaction of `transactionWithHooks`, running the hooks of what is about to be written first. */
export async function flushWithHooks(em: EntityManager): Promise<void> {
  const run = runs.get(em);
  if (run) await runBeforeHooks(run, em);
  await em.flush();
}

/**
 * A custom action's context: a hook's, in the transaction `transactionWithHooks` gave `em`, except that
 * `create` writes at once (its hooks included) and answers the new id; `created` collects them.
 */
export function actionContextFor(em: EntityManager, created: Array<{ entity: string; id: number }>): ActionContext {
  const run = runs.get(em);
  if (!run) throw new Error('an action runs inside transactionWithHooks');
  const { operation: _operation, previous: _previous, ...context } = createHookContext(run, em, 'update', null);
  return {
    ...context,
    create: async (entityName, values) => {
      const record = await createForHook(run.context, em, entityName, values);
      await flushWithHooks(em);
      const id = Number(record.id);
      created.push({ entity: entityName, id });
      return id;
    },
  };
}

/** For a caller that ran writes inside its own transaction (`within`): their afterCommit hooks, once it committed. */
export async function afterOuterCommit(em: EntityManager): Promise<void> {
  const waiting = deferred.get(em) ?? [];
  deferred.delete(em);
  await runAfterCommit(waiting);
}

async function runAfterCommit(calls: Array<() => Promise<void>>): Promise<void> {
  for (const call of calls) {
    try {
      await call();
    } catch (error) {
      // The write is durable; a failed notification must not turn it into an error answer.
      console.error(`afterCommit hook failed: ${(error as Error).message}`);
    }
  }
}

/** Rounds until no record written in this transaction is left whose hooks have not run (hooks may write records). */
async function runBeforeHooks(run: HookRun, em: EntityManager): Promise<void> {
  const uow = em.getUnitOfWork();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    uow.computeChangeSets();
    const pending = uow.getChangeSets().filter((change) => !run.done.has(change.entity) && hooksOf(run.context, change.name) !== undefined);
    if (pending.length === 0) return;
    for (const change of pending) {
      run.done.add(change.entity);
      await runHooks(run, em, change as ChangeSet<OrmRecord>);
    }
  }
  throw new Error(`entity hooks still wrote new records after ${MAX_ROUNDS} rounds; do hooks create records for each other?`);
}

function hooksOf(context: OperationContext, entityName: string): EntityHooks | undefined {
  const hooks = context.code.get(entityName)?.hooks;
  return hooks && Object.keys(hooks).length > 0 ? hooks : undefined;
}

async function runHooks(run: HookRun, em: EntityManager, change: ChangeSet<OrmRecord>): Promise<void> {
  const { context } = run;
  const entity = context.entity(change.name);
  const hooks = hooksOf(context, entity.name) ?? {};
  const operation = change.type === 'create' ? 'create' : String(change.type).startsWith('delete') ? 'delete' : 'update';
  const previous = operation === 'create' ? null : Object.freeze(wireValues(context, entity, (change.originalEntity ?? change.entity) as OrmRecord));
  const hookContext = createHookContext(run, em, operation, previous);
  const record = change.entity;
  if (operation === 'delete') {
    const gone = Object.freeze(wireValues(context, entity, record));
    await hooks.beforeDelete?.(gone, hookContext);
    queueAfterCommit(run, hooks, gone, hookContext);
    return;
  }
  const before = wireValues(context, entity, record);
  const draft: DraftRecord = structuredClone(before);
  await (operation === 'create' ? hooks.beforeCreate : hooks.beforeUpdate)?.(draft, hookContext);
  const changed = Object.fromEntries(Object.entries(draft).filter(([name, value]) => !isDeepStrictEqual(value, before[name])));
  assignValues(context, em, entity, record, changed);
  if (hooks.validate) {
    const errors = await hooks.validate(Object.freeze({ ...draft }), hookContext);
    if (errors && Object.keys(errors).length > 0) {
      throw httpError('KONTOR_HTTP_VALIDATION', Object.entries(errors).map(([field, message]) => `${field} ${message}`).join('; '), errors);
    }
  }
  queueAfterCommit(run, hooks, Object.freeze({ ...draft }), hookContext);
}

function queueAfterCommit(run: HookRun, hooks: EntityHooks, record: RecordValues, hookContext: HookContext): void {
  const after = hooks.afterCommit;
  if (!after) return;
  const { operation, actor, previous } = hookContext;
  run.afterCommit.push(async () => {
    await after(record, { operation, actor, previous });
  });
}

function createHookContext(run: HookRun, em: EntityManager, operation: HookContext['operation'], previous: RecordValues | null): HookContext {
  const { context, actor } = run;
  // Hooks read as Kontor itself: a rule about certificates holds for a trader who may not see certificates.
  const reader = systemActor('hook');
  return {
    operation,
    previous,
    actor: actor.kind === 'user' ? { kind: 'user', id: actor.id, name: actor.username, roles: [...actor.roles] } : { kind: 'system', id: null, name: actor.name, roles: [] },
    today: () => localDate(new Date()),
    find: async (entityName, filter = {}, options = {}) => {
      const limit = Math.min(Math.max(options.limit ?? 1000, 1), 5000);
      const sort = options.sort === undefined ? undefined : [options.sort, options.order ?? 'ASC'];
      const { records } = await listRecords(context, reader, entityName, { filter, ...(sort ? { sort } : {}), range: [0, limit - 1] });
      return records.map((record) => Object.freeze(record));
    },
    get: async (entityName, id) => {
      try {
        return Object.freeze(await getRecord(context, reader, entityName, id));
      } catch (error) {
        if ((error as { code?: string }).code === 'KONTOR_HTTP_NOT_FOUND') return null;
        throw error;
      }
    },
    create: async (entityName, values) => {
      await createForHook(context, em, entityName, values);
    },
    update: async (entityName, id, values) => {
      const target = context.entity(entityName);
      assignValues(context, em, target, await loadForHook(em, target, id), values);
    },
    remove: async (entityName, id) => {
      em.remove(await loadForHook(em, context.entity(entityName), id));
    },
    reject: (message, fields) => {
      throw httpError('KONTOR_HTTP_RULE_VIOLATION', message, fields);
    },
    warn: (message) => {
      currentAuditContext().warnings?.push(message);
    },
  };
}

async function createForHook(context: OperationContext, em: EntityManager, entityName: string, values: Record<string, unknown>): Promise<OrmRecord> {
  const target = context.entity(entityName);
  return em.create(target.name, (await ormData(context, em, target, prepareInput(context, target, values, 'create'))) as never) as OrmRecord;
}

async function loadForHook(em: EntityManager, entity: Entity, id: number): Promise<OrmRecord> {
  const record = (await em.findOne(entity.name, { id } as never)) as OrmRecord | null;
  if (!record) throw new Error(`a hook asked for ${entity.name} ${id}, which does not exist`);
  return record;
}

/** A record of the unit of work as the API shows it: references as ids; children and links only when loaded. */
export function wireValues(context: OperationContext, entity: Entity, record: OrmRecord): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of SYSTEM_FIELDS) if (record[name] !== undefined) values[name] = record[name];
  for (const field of entity.fields) {
    const value = record[field.name];
    if (field.type === 'computed') continue;
    if (field.type === 'reference') values[field.name] = referenceId(value);
    else if (field.type === 'many' || field.type === 'children') {
      const collection = value as Partial<Collection<OrmRecord>> | undefined;
      if (!collection?.isInitialized?.()) continue;
      const items = collection.getItems?.() ?? [];
      values[field.name] = field.type === 'many' ? items.map((item) => item.id) : items.map((item) => wireValues(context, context.entity(field.entity), item));
    } else values[field.name] = value ?? null;
  }
  return values;
}

function referenceId(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return ((value as { id?: number }).id ?? null) as number | null;
  return Number(value);
}

/**
 * Writes what a hook set. Hooks are the domain's code: they may set read-only fields, but not what no
 * write stores (computed values, children, link lists, system fields); values are put in canonical form.
 */
function assignValues(context: OperationContext, em: EntityManager, entity: Entity, record: OrmRecord, values: Record<string, unknown>): void {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = entity.fields.find((f) => f.name === name);
    if (!field || ['computed', 'children', 'many', 'autonumber'].includes(field.type)) {
      throw new Error(`a hook of ${entity.name} set "${name}", which ${field ? `is a ${field.type} field and not written this way` : 'is no field of it'}`);
    }
    const codec = context.registry.of(field).codec?.(field);
    data[name] = value === null || value === undefined ? null : codec?.canonical ? codec.canonical(value) : value;
  }
  if (Object.keys(data).length > 0) em.assign(record as never, { ...data, updated_at: new Date().toISOString() } as never);
}
