import { suggest } from '../core/suggest.ts';
import type { FieldLinkContext, LinkedEntity } from './field-type.ts';

/** Resolves the entity a relation points at, reporting an unknown name with the closest existing one. */
export function findTarget(fieldName: string, target: string, option: string, context: FieldLinkContext): LinkedEntity | undefined {
  const entity = context.entities.get(target);
  if (!entity && !context.entityExists(target)) {
    context.report('KONTOR_CFG_UNKNOWN_ENTITY', `field "${fieldName}": ${option} "${target}" is not an entity`, {
      at: [option],
      suggestion: suggest(target, context.entities.keys()),
    });
  }
  return entity;
}
