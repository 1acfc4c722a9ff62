import type { EntityManager } from '@mikro-orm/knex';
import { tableName } from '../../generators/core/naming.ts';
import { SYSTEM_FIELDS, type Entity } from '../../generators/model/app-model.ts';
import { whereSql, type Condition } from '../../generators/sql/list-sql.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { forbidden } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { EffectiveGrant, EntityAccess } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';
import { scopeCondition } from './scope-conditions.ts';

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

/** The body's keys that name fields a client may write (system and read-only fields are ignored anyway). */
export function writtenKeys(context: OperationContext, entity: Entity, body: Record<string, unknown>, mode: 'create' | 'update', via?: string): string[] {
  const writable = new Set(context.plan(entity.name).writable.map((w) => w.field.name));
  return Object.keys(body).filter((key) => writable.has(key) && key !== via && !(mode === 'create' && (body[key] === null || body[key] === undefined)));
}

/**
 * A field the actor may not read must not appear in a write at all (they cannot know its value, so sending
 * it is an attempt to set it); 403 names it. Children rows are checked against the child entity.
 */
export function refuseHiddenFields(context: OperationContext, access: EntityAccess, body: Record<string, unknown>, action: string, via?: string): void {
  const entity = access.entity;
  for (const key of writtenKeys(context, entity, body, 'update', via)) {
    if (access.visibility(key) === 'none') throw fieldForbidden(entity, action, key, 'you may not read it');
    const field = entity.fields.find((f) => f.name === key);
    if (field?.type !== 'children' || !Array.isArray(body[key])) continue;
    const child = access.related(field.entity);
    for (const row of body[key] as Array<Record<string, unknown>>) {
      if (row && typeof row === 'object') refuseHiddenFields(context, child, row, typeof row.id === 'number' ? 'update' : 'create', field.via);
    }
  }
}

/**
 * The grants under which the actor may create a record with these fields: each field must be writable
 * (neither hidden nor read-only) in the same grant. None: 403 naming the first field no grant lets them set.
 */
export function creatingGrants(context: OperationContext, access: EntityAccess, body: Record<string, unknown>, via?: string): EffectiveGrant[] {
  const entity = access.entity;
  const keys = writtenKeys(context, entity, body, 'create', via);
  const grants = access.grantsFor('create').filter((g) => keys.every((k) => !g.grant.hide.includes(k) && !g.grant.readonly.includes(k)));
  if (grants.length > 0) return grants;
  const blocked = keys.find((k) => access.writingGrants('create', k).length === 0) ?? keys[0];
  if (blocked === undefined) throw forbidden(`You may not create ${entity.plural.en.toLowerCase()}`, { entity: entity.name, action: 'create' });
  throw fieldForbidden(entity, 'create', blocked, 'it is read-only for your roles');
}

/** Each changed field must be writable under one of the grants that cover the row. */
export function requireWritable(entity: Entity, action: string, grants: readonly EffectiveGrant[], changed: Iterable<string>): void {
  for (const name of changed) {
    if (SYSTEM.has(name)) continue;
    if (!grants.some((g) => !g.grant.hide.includes(name) && !g.grant.readonly.includes(name))) throw fieldForbidden(entity, action, name, 'it is read-only for your roles');
  }
}

export function fieldForbidden(entity: Entity, action: string, field: string, why: string) {
  return forbidden(`You may not set "${field}" of ${entity.label.en.toLowerCase()}: ${why}`, { entity: entity.name, action, field }, { [field]: `you may not set this field (${why})` });
}

/**
 * Of the given grants, those whose scope covers row `id` as the transaction sees it now (before or after
 * the write). Unscoped grants cover every row without a query.
 */
export async function grantsCoveringRow(context: OperationContext, actor: Actor, em: EntityManager, entityName: string, id: number, grants: readonly EffectiveGrant[]): Promise<EffectiveGrant[]> {
  const covering: EffectiveGrant[] = [];
  for (const grant of grants) {
    if (grant.grant.scope === null || (await rowMatches(context, em, entityName, id, scopeCondition(context, actor, entityName, [grant])))) covering.push(grant);
  }
  return covering;
}

/** Whether the row satisfies a condition, inside the write's transaction (it sees the write's own changes). */
export async function rowMatches(context: OperationContext, em: EntityManager, entityName: string, id: number, condition: Condition | null): Promise<boolean> {
  if (condition === null) return true;
  const entity = context.entity(entityName);
  const idColumn = context.plan(entityName).byName.get('id');
  if (!idColumn) return false;
  const where = whereSql({ entity, dialect: context.dialect, conditions: [{ kind: 'compare', column: idColumn, op: 'eq', value: id }, condition] });
  const rows = (await em.getConnection().execute(`SELECT t.${quote('id')} AS ${quote('id')} FROM ${quote(tableName(entityName))} t${where.sql}`, where.params, 'all', em.getTransactionContext())) as unknown[];
  return rows.length > 0;
}
