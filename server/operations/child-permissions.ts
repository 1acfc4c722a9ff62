import type { EntityManager } from '@mikro-orm/knex';
import type { Entity } from '../../generators/model/app-model.ts';
import { forbidden } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { EffectiveGrant, EntityAccess } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';
import { scopeCondition } from './scope-conditions.ts';
import { creatingGrants, grantsCoveringRow, requireWritable, rowMatches } from './write-permissions.ts';

type OrmEntity = Record<string, unknown> & { id: number; version: number };

/** A child row written through its parent, to be checked against the child's scope once it is flushed. */
export interface PendingScopeCheck {
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
export async function authorizeChildChanges(context: OperationContext, actor: Actor, em: EntityManager, root: OrmEntity): Promise<PendingScopeCheck[]> {
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
export async function checkChildScopes(context: OperationContext, actor: Actor, em: EntityManager, pending: readonly PendingScopeCheck[]): Promise<void> {
  for (const { entity, row, action, grants } of pending) {
    if (!(await rowMatches(context, em, entity.name, row.id, scopeCondition(context, actor, entity.name, grants)))) throw outsideScope(entity, action, row.id);
  }
}

export function outsideScope(entity: Entity, action: string, id: number | undefined) {
  return forbidden(`You may not ${action} this ${entity.label.en.toLowerCase()}${action === 'create' || id === undefined ? '' : ` (${id})`}: it would lie outside the records your roles may ${action}`, { entity: entity.name, action });
}

/** Child rows in a create body: each needs the child's `create` and only fields it may set. */
export function authorizeNewChildren(context: OperationContext, access: EntityAccess, body: Record<string, unknown>): void {
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

export function requireChildAction(access: EntityAccess, action: string): void {
  if (access.can(action)) return;
  const entity = access.entity;
  throw forbidden(`You may not ${action} ${entity.plural.en.toLowerCase()}: none of your roles grants "${action}" on ${entity.name}`, { entity: entity.name, action });
}

/** The body row each new child row came from: what the client set (defaults are not the client's doing). */
export const newRowBodies = new WeakMap<object, Record<string, unknown>>();

