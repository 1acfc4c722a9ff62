import { suggest } from '../core/suggest.ts';
import type { Entity } from './app-model.ts';
import { actionProblem, normalizeAction } from './entity-action.ts';
import { HOOK_NAMES, type EntityHooks } from './entity-definition.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { LoadedPlugin } from './load-plugins.ts';
import type { EntityCode } from './project-code.ts';

/**
 * Adds what plugins contribute to entities, their hooks and custom actions, once the entities are known.
 * Returns the entities with the plugins' actions in the model; `code` gets their functions. What names an
 * entity that does not exist, or an action name already taken, is an issue at the plugin's line in app.yaml.
 */
export function attachPlugins(entities: readonly Entity[], code: Map<string, EntityCode>, plugins: readonly LoadedPlugin[], issues: ConfigIssueDraft[]): Entity[] {
  const byName = new Map(entities.map((entity) => [entity.name, { ...entity, actions: [...entity.actions] }]));
  for (const { plugin, at } of plugins) {
    const report = (message: string, suggestion?: string) => issues.push({ code: 'KONTOR_CFG_PLUGIN_INVALID', message: `plugin "${plugin.name}": ${message}`, path: at, suggestion });
    const target = (name: string, what: string) => {
      const entity = byName.get(name);
      if (!entity) report(`adds ${what} to entity "${name}", which does not exist`, suggest(name, byName.keys()));
      return entity;
    };
    for (const [entityName, hooks] of Object.entries(plugin.hooks ?? {})) {
      if (!target(entityName, 'hooks')) continue;
      const unknown = Object.keys(hooks).filter((name) => !(HOOK_NAMES as readonly string[]).includes(name) || typeof hooks[name as keyof EntityHooks] !== 'function');
      if (unknown.length > 0) {
        report(`hooks of "${entityName}": "${unknown[0]}" is not a hook function (${HOOK_NAMES.join(', ')})`, suggest(unknown[0] as string, HOOK_NAMES));
        continue;
      }
      const own = code.get(entityName) ?? { hooks: {}, compute: {}, actions: {} };
      code.set(entityName, { ...own, hooks: combineHooks(own.hooks, hooks) });
    }
    for (const [entityName, actions] of Object.entries(plugin.actions ?? {})) {
      const entity = target(entityName, 'actions');
      if (!entity) continue;
      for (const [name, definition] of Object.entries(actions)) {
        const problem = actionProblem(entity, name, definition);
        if (problem) {
          report(`action "${name}" of "${entityName}": ${problem}`);
          continue;
        }
        entity.actions.push(normalizeAction(name, definition, `plugin ${plugin.name}`));
        const own = code.get(entityName) ?? { hooks: {}, compute: {}, actions: {} };
        code.set(entityName, { ...own, actions: { ...own.actions, [name]: definition } });
      }
    }
  }
  return entities.map((entity) => byName.get(entity.name) as Entity);
}

/** Both sets of hooks: the entity's own first; of two `validate` results, every field's first message. */
export function combineHooks(own: EntityHooks, added: EntityHooks): EntityHooks {
  const combined: EntityHooks = { ...own };
  for (const name of HOOK_NAMES) {
    const first = own[name] as ((...args: never[]) => unknown) | undefined;
    const second = added[name] as ((...args: never[]) => unknown) | undefined;
    if (!second) continue;
    if (!first) {
      (combined as Record<string, unknown>)[name] = second;
      continue;
    }
    (combined as Record<string, unknown>)[name] = async (...args: never[]) => {
      const a = (await first(...args)) as Record<string, string> | void;
      const b = (await second(...args)) as Record<string, string> | void;
      return name === 'validate' ? { ...(b ?? {}), ...(a ?? {}) } : undefined;
    };
  }
  return combined;
}
