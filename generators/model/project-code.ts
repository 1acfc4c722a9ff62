import type { RecordValues } from '../fields/computed.ts';
import type { EntityActionDefinition } from './entity-action.ts';
import type { EntityHooks } from './entity-definition.ts';

/**
 * The functions TypeScript definitions hold. The AppModel stays pure data and names them (`hooks`,
 * `function: true` on a computed field); the runtime looks them up here by entity and name.
 */
export interface EntityCode {
  hooks: EntityHooks;
  compute: Record<string, (record: RecordValues) => unknown>;
  /** Custom actions by name, the entity's own and those of plugins. */
  actions: Record<string, EntityActionDefinition>;
}

export type ProjectCode = ReadonlyMap<string, EntityCode>;

export function extractEntityCode(definition: {
  hooks?: EntityHooks;
  actions?: Record<string, EntityActionDefinition>;
  fields: Record<string, unknown>;
}): EntityCode | null {
  const compute: EntityCode['compute'] = {};
  for (const [name, field] of Object.entries(definition.fields)) {
    const fn = (field as { compute?: unknown } | null)?.compute;
    if (typeof fn === 'function') compute[name] = fn as EntityCode['compute'][string];
  }
  const hooks = definition.hooks ?? {};
  const actions = definition.actions ?? {};
  const any = Object.keys(hooks).length > 0 || Object.keys(compute).length > 0 || Object.keys(actions).length > 0;
  return any ? { hooks: { ...hooks }, compute, actions: { ...actions } } : null;
}
