import { actionRoles, type Entity } from '../../generators/model/app-model.ts';
import { forbidden } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { EntityAccess } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';

/** The actor's access to an entity, or 403 naming the action no role of theirs grants. */
export function requireAction(context: OperationContext, actor: Actor, entityName: string, action: string): EntityAccess {
  const access = context.policy.access(actor, entityName);
  if (!access.can(action)) {
    const entity = access.entity;
    throw forbidden(`You may not ${action} ${entity.plural.en.toLowerCase()}: none of your roles grants "${action}" on ${entity.name}`, { entity: entity.name, action });
  }
  return access;
}

/**
 * A transition's or custom action's grant: 403 naming the action, and saying so when a role of the actor
 * has the grant but the action's `roles:` leave that role out ("not your role" rather than "not granted").
 */
export function requireRoleGatedAction(context: OperationContext, actor: Actor, entity: Entity, action: string): EntityAccess {
  const access = context.policy.access(actor, entity.name);
  if (access.can(action)) return access;
  const why =
    access.grantsOutsideRoles(action).length > 0
      ? `${entity.name} allows "${action}" only to the roles ${(actionRoles(entity, action) ?? []).join(', ')}, and you hold none of them`
      : `none of your roles grants "${action}" on ${entity.name}`;
  throw forbidden(`You may not ${action} ${entity.plural.en.toLowerCase()}: ${why}`, { entity: entity.name, action });
}
