import type { LocalizedTextDefinition } from '../core/localized-text.ts';
import type { RecordValues } from '../fields/computed.ts';
import type { FieldDefinition, FieldTypeName } from '../fields/field-type.ts';
import type { EntityActionDefinition } from './entity-action.ts';

export const HOOK_NAMES = ['beforeCreate', 'beforeUpdate', 'beforeDelete', 'validate', 'afterCommit'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** A record a before-hook may change: field names to wire values (ids for references, decimals as strings). */
export type DraftRecord = Record<string, unknown>;

/**
 * What a hook may ask and do. Everything runs inside the write's transaction: a hook that throws (or calls
 * `reject`) rolls the whole write back, and records it writes are audited as the acting user's changes.
 */
export interface HookContext {
  readonly operation: 'create' | 'update' | 'delete';
  /** The record as stored before this change (update, delete); null on create. */
  readonly previous: RecordValues | null;
  /** Who acts: a user (id, username, roles) or Kontor itself (`system`, e.g. the seed or the CLI). */
  readonly actor: { readonly kind: 'user' | 'system'; readonly id: number | null; readonly name: string; readonly roles: readonly string[] };
  /** The calendar day where the server runs, `YYYY-MM-DD`. */
  today(): string;
  /**
   * Committed records of an entity matching a filter in the list API's syntax (`{ partner: 4, valid_to_gte:
   * '2026-01-01' }`), read as Kontor itself: domain rules need facts the acting user may not see.
   */
  find(entity: string, filter?: Record<string, unknown>, options?: { sort?: string; order?: 'ASC' | 'DESC'; limit?: number }): Promise<RecordValues[]>;
  /** One committed record by id, or null. */
  get(entity: string, id: number): Promise<RecordValues | null>;
  /** Adds a record in the same transaction; its own hooks run too. */
  create(entity: string, values: Record<string, unknown>): Promise<void>;
  /** Changes fields of a record in the same transaction (read-only fields included: this is the domain writing). */
  update(entity: string, id: number, values: Record<string, unknown>): Promise<void>;
  /** Deletes a record in the same transaction. */
  remove(entity: string, id: number): Promise<void>;
  /** Refuses the write: 422 `KONTOR_HTTP_RULE_VIOLATION` with the message, and per field where given. */
  reject(message: string, fields?: Record<string, string>): never;
  /** Lets the write happen but tells the user (the `Kontor-Warning` header; the admin shows it). */
  warn(message: string): void;
}

/** beforeCreate / beforeUpdate: may change the draft's fields (read-only ones included); the changes are written. */
export type BeforeWriteHook = (record: DraftRecord, context: HookContext) => void | Promise<void>;
/** beforeDelete: sees the record about to go; may refuse or clean up. */
export type BeforeDeleteHook = (record: RecordValues, context: HookContext) => void | Promise<void>;
/** validate: after the before-hooks, on create and update; field → message refuses with 400 like any invalid input. */
export type ValidateHook = (record: RecordValues, context: HookContext) => void | Record<string, string> | Promise<void | Record<string, string>>;
/** afterCommit: the write is durable; for notifications and the like. Errors are logged, the write stands. */
export type AfterCommitHook = (record: RecordValues, context: Pick<HookContext, 'operation' | 'actor' | 'previous'>) => void | Promise<void>;

export interface EntityHooks {
  beforeCreate?: BeforeWriteHook;
  beforeUpdate?: BeforeWriteHook;
  beforeDelete?: BeforeDeleteHook;
  validate?: ValidateHook;
  afterCommit?: AfterCommitHook;
}

/** Any one hook, as the model's registry of functions keeps them. */
export type EntityHook = EntityHooks[HookName];

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
  /** What only code can say: rules run by every write path, inside its transaction (see HookContext). */
  hooks?: EntityHooks;
  /**
   * Custom actions on one record, by snake_case name: `POST /api/<resource>/:id/actions/<name>` and a button.
   * roles.yaml grants each like a transition (`contract: [read, duplicate]`).
   */
  actions?: Record<string, EntityActionDefinition>;
}

/**
 * Declares an entity in TypeScript. The identity function exists for its type: option names and values are
 * checked by the compiler, so a typo fails `npm test` before it reaches a running server. Deliberately not
 * generic: inference would switch off TypeScript's excess-property check, which is what catches typos.
 */
export function defineEntity(definition: EntityDefinition): EntityDefinition {
  return definition;
}
