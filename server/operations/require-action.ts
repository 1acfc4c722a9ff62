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
