import { localize, localizeOptional, type LocalizedText, type LocalizedTextDefinition } from '../core/localized-text.ts';
import type { RecordValues } from '../fields/computed.ts';
import { STANDARD_ACTIONS, type Entity } from './app-model.ts';
import { NAME_PATTERN } from './definition-schemas.ts';
import type { HookContext } from './entity-definition.ts';

/**
 * What an action may ask and do: a hook's context (same transaction, audited as the user, `reject`, `warn`)
 * without the write it would belong to; `create` writes at once and answers the new record's id.
 */
export interface ActionContext extends Omit<HookContext, 'operation' | 'previous' | 'create'> {
  /**
   * Adds a record in the action's transaction (its hooks run) and answers its id. When an action creates one
   * record of its own entity (a copy), the answer's `Location` header names it and the UI opens it.
   */
  create(entity: string, values: Record<string, unknown>): Promise<number>;
}

/**
 * A custom action on one record: `POST /api/<resource>/:id/actions/<name>` and a button on the record's page.
 * It runs in one transaction through the operations layer, so the grant named like the action (with its row
 * scope), the record's lock, every write's hooks and the audit trail apply as to any write. Declared in a
 * TypeScript entity definition (`actions:`) or by a plugin.
 */
export interface EntityActionDefinition {
  /** The button's text, e.g. `{ en: 'Copy as draft', de: 'Als Entwurf kopieren' }`. */
  label: LocalizedTextDefinition;
  /** A sentence on what it does (the button's tooltip and the API documentation). */
  description?: LocalizedTextDefinition;
  /** Asked before it runs (a dialog in the UI); without it the button runs at once. */
  confirm?: LocalizedTextDefinition;
  /** A Material icon name for the button, e.g. `content_copy`. */
  icon?: string;
  /**
   * Runs on records a workflow has locked too (`lock:` states), for actions that change nothing of the record
   * itself (a copy of a fulfilled contract). Default false: a locked record takes no actions.
   */
  allowLocked?: boolean;
  /** Only these roles may run it (each also needs the grant); empty or absent: every role granted it. */
  roles?: string[];
  /**
   * Whether the action applies to the record as it is now (a reminder only for an overdue invoice): the
   * button shows only then, and the route refuses with 409 otherwise. Without it: always.
   */
  available?(record: RecordValues): boolean;
  /** Does the work; what it writes through `context` is written when it returns, or nothing if it throws. */
  run(record: RecordValues, context: ActionContext): void | Promise<void>;
}

/** A custom action in the AppModel: what the API, its documentation and the UI need (the functions stay in code). */
export interface EntityAction {
  name: string;
  label: LocalizedText;
  description: LocalizedText | null;
  confirm: LocalizedText | null;
  icon: string | null;
  roles: string[];
  /** Where it is declared: `entity` or `plugin <name>`. */
  origin: string;
}

/** Why a custom action cannot be added to the entity as it stands, or null. */
export function actionProblem(entity: Pick<Entity, 'workflow' | 'actions'>, name: string, definition: EntityActionDefinition): string | null {
  if (!new RegExp(NAME_PATTERN).test(name)) return 'names are snake_case (lowercase letters, digits, _)';
  const taken = [...STANDARD_ACTIONS, ...(entity.workflow?.transitions.map((t) => t.name) ?? []), ...entity.actions.map((a) => a.name)];
  if (taken.includes(name)) return 'the name is already an action of the entity (a standard action, a transition or another custom action)';
  if (typeof definition?.run !== 'function') return 'has no `run(record, context)` function';
  if (definition.available !== undefined && typeof definition.available !== 'function') return '`available` must be a function of the record';
  if (definition.label === undefined) return 'has no `label`';
  return null;
}

export function normalizeAction(name: string, definition: EntityActionDefinition, origin: string): EntityAction {
  return {
    name,
    label: localize(definition.label, name),
    description: localizeOptional(definition.description),
    confirm: localizeOptional(definition.confirm),
    icon: definition.icon ?? null,
    roles: definition.roles ?? [],
    origin,
  };
}
