import type { LocalizedTextDefinition } from '../core/localized-text.ts';
import type { RecordValues } from '../fields/computed.ts';
import type { FieldDefinition, FieldTypeName } from '../fields/field-type.ts';

export const HOOK_NAMES = ['beforeCreate', 'beforeUpdate', 'beforeDelete', 'validate', 'afterCommit'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** A hook receives the record as the API sees it; later issues define what it may change. */
export type EntityHook = (record: RecordValues) => unknown;

export interface WorkflowTransitionDefinition {
  /** The state (or states) the record must be in. */
  from: string | string[];
  to: string;
  /** Only these roles may run it; each must also be granted the transition in roles.yaml. */
  roles?: string[];
  label?: LocalizedTextDefinition;
  /** The user who created the record may not run it (needs the audit trail: not with `audit: false`). */
  fourEyes?: boolean;
  /** Fields that must be filled first, e.g. `[signed_at]`. */
  requires?: string[];
  /** Values written with the new state: `now` (datetime), `today` (date), `$user` (a reference to user, or the username in a text field) or a literal. */
  set?: Record<string, string | number | boolean | null>;
}

export interface WorkflowDefinition {
  /** The enum field holding the state; its default is the state new records start in. */
  field: string;
  /** States whose records are read-only (no update, no delete; only transitions out of them). */
  lock?: string[];
  transitions: Record<string, WorkflowTransitionDefinition>;
}

export interface AuditDefinition {
  /** How long entries are kept, in years: `10y` (the default), `8y`, `6y`. */
  retention?: string;
  /** `required` makes every update carry a reason for change. */
  reason?: 'required' | 'optional';
}

/** A field written as only its type name: `notes: text`. */
export type FieldShorthand = FieldTypeName;

/**
 * An entity as an author writes it, in YAML or as `export default defineEntity({...})` in TypeScript.
 * Everything but `entity` and `fields` has a sensible default.
 */
export interface EntityDefinition {
  /** Unique snake_case name, e.g. `contract`. */
  entity: string;
  /** Defaults to the folder the file is in (`entities/<department>/`). */
  department?: string;
  label?: LocalizedTextDefinition;
  plural?: LocalizedTextDefinition;
  description?: LocalizedTextDefinition;
  /** URL name under /api; defaults to the English plural of `entity`. */
  resource?: string;
  /** The field that names a record where others reference it; defaults to the first text field. */
  title?: string;
  /** List columns; defaults to the title and the next few simple fields. */
  list?: string[];
  /** Fields the search box looks in; defaults to the searchable fields among the list columns. */
  search?: string[];
  /** `number`, `-created_at` (descending) or `{ field, order }`; defaults to `-id`, newest first. */
  sort?: string | { field: string; order?: 'ASC' | 'DESC' };
  fields: Record<string, FieldDefinition | FieldShorthand>;
  workflow?: WorkflowDefinition;
  /** `false` opts out of the audit trail (refused later for finance). */
  audit?: false | AuditDefinition;
  hooks?: Partial<Record<HookName, EntityHook>>;
}

/**
 * Declares an entity in TypeScript. The identity function exists for its type: option names and values are
 * checked by the compiler, so a typo fails `npm test` before it reaches a running server. Deliberately not
 * generic: inference would switch off TypeScript's excess-property check, which is what catches typos.
 */
export function defineEntity(definition: EntityDefinition): EntityDefinition {
  return definition;
}
