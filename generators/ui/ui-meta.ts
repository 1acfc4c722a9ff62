import type { LocalizedText } from '../core/localized-text.ts';
import type { FilterOperator } from '../fields/field-type.ts';
import type { Department, Entity, EntityAction, Locale, WorkflowTransition } from '../model/app-model.ts';

/**
 * What the admin UI is built from (`GET /api/_meta`): the model's serializable, UI-facing subset. Stable:
 * fields are only ever added; `modelVersion` changes when a change is not backwards compatible.
 */
export interface UiMeta {
  modelVersion: number;
  /** SHA-256 of the definition files the model was built from, when the server knows it (`Kontor-Model` header). */
  modelHash?: string;
  app: { name: string; locale: { default: Locale; available: Locale[] } };
  departments: Department[];
  entities: UiEntity[];
}

/** An entity as the UI sees it: the model's own description of it, its fields for the UI, its workflow without roles. */
export interface UiEntity extends Pick<Entity, 'name' | 'resource' | 'department' | 'label' | 'plural' | 'description' | 'title' | 'list' | 'search' | 'sort' | 'ownedBy'> {
  fields: UiField[];
  /** Whether changes are audited and need a reason (`X-Change-Reason`): the edit form asks for one. */
  audit: { enabled: boolean; reason: 'required' | 'optional' };
  workflow: UiWorkflow | null;
  /** Custom actions on one record (in `_meta`, only those the caller's roles grant): a button each. */
  customActions: UiCustomAction[];
  /** Present (true) on the entity whose records have a trace, `GET /api/<resource>/:id/trace` (stock lots). */
  trace?: boolean;
}

/**
 * An entity's workflow for the UI: the state field, the state new records start in, the states whose
 * records are read-only, and the transitions (in `_meta`, only those the caller may run). Without roles
 * and `set` values: what the buttons need, not how the server decides.
 */
export interface UiWorkflow {
  field: string;
  initial: string;
  lock: string[];
  transitions: UiTransition[];
}

/** One transition as a button: `POST /api/<resource>/:id/transitions/<name>` from one of the `from` states. */
export type UiTransition = Pick<WorkflowTransition, 'name' | 'label' | 'from' | 'to' | 'fourEyes' | 'requires'>;

/** A custom action as a button: `POST /api/<resource>/:id/actions/<name>`; `confirm` is asked first. */
export type UiCustomAction = Pick<EntityAction, 'name' | 'label' | 'description' | 'confirm' | 'icon'>;

export interface UiField {
  name: string;
  type: string;
  label: LocalizedText;
  help: LocalizedText | null;
  required: boolean;
  readonly: boolean;
  unique: boolean;
  default: unknown;
  sortable: boolean;
  filters: FilterOperator[];
  /** The type's own settings: `to` of a reference, `values` of an enum, `scale` and `unit` of a decimal... */
  options: Record<string, unknown>;
}

/** What `_meta` adds per entity and per field for the caller: what they may do, from the same policy the API enforces. */
export interface UserUiEntity extends UiEntity {
  /** Actions the caller's roles grant: read, create, update, delete, export, workflow transitions and custom actions. */
  actions: string[];
  fields: UserUiField[];
}

export interface UserUiField extends UiField {
  /** Always true: fields the caller may not read are left out. */
  readable: true;
  /** The caller may set it when creating or updating (some grant neither hides it nor makes it read-only). */
  writable: boolean;
}
