import type { EntityAction } from './entity-action.ts';
export type { EntityAction } from './entity-action.ts';
import type { LocalizedText } from '../core/localized-text.ts';
import type { Field, JsonValue } from '../fields/field-type.ts';

/** Bumped whenever the AppModel's shape changes in a way its consumers must know about. */
export const MODEL_VERSION = 1;

/**
 * The normalized, validated back office: every default filled, every name resolved, no functions.
 * Frozen and JSON-serializable; the server, the admin UI metadata and every generator derive from it.
 */
export interface AppModel {
  modelVersion: typeof MODEL_VERSION;
  app: AppSettings;
  departments: Department[];
  roles: Role[];
  entities: Entity[];
}

export type Locale = 'en' | 'de';

export interface AppSettings {
  name: string;
  database: { url: string };
  server: { host: string; port: number; bodyLimit: number };
  /** The plugins config/app.yaml lists (`plugins:`), as written: a shipped plugin's name, a package or a path. */
  plugins: string[];
  locale: { default: Locale; available: Locale[] };
  auth: AuthSettings;
}

/** How long logins last and how hard failed logins are throttled (config/app.yaml `auth:`). */
export interface AuthSettings {
  /** Lifetime of a token from `POST /api/auth/login`. */
  sessionTtlSeconds: number;
  /** Default lifetime of `kontor token create` tokens. */
  apiTokenTtlSeconds: number;
  /** After `maxFailures` failed logins within `windowSeconds` (per username, per address), wait `lockoutSeconds`. */
  login: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
}

export interface Department {
  name: string;
  label: LocalizedText;
  /** A Material icon name, e.g. `account_balance`. */
  icon: string;
  order: number;
  /** What the department's people should act on next, shown on the overview (departments.yaml `dashboard:`). */
  dashboard: DashboardItem[];
}

/** The colours a dashboard item may take when records match it. */
export const DASHBOARD_TONES = ['info', 'success', 'warning', 'error'] as const;
export type DashboardTone = (typeof DASHBOARD_TONES)[number];

/**
 * One "next thing to act on": the records of an entity (of any department) that match a list filter, counted
 * and linked on the overview. The filter is the list API's (`status`, `delivery_to_lte`...), checked against
 * the entity when the model is built; `today`, `today+7d` and `today-30d` stay as written and are resolved
 * to a day where the filter is used.
 */
export interface DashboardItem {
  entity: string;
  label: LocalizedText;
  filter: Record<string, JsonValue>;
  /** How the item stands out while records match; null: the app's primary colour. */
  tone: DashboardTone | null;
}

export interface Role {
  name: string;
  label: LocalizedText;
  description: LocalizedText | null;
  /** What the role may see and do; a role without grants may do nothing (default deny). */
  grants: Grant[];
}

/** The actions every entity has; workflow transitions and custom actions add their names. */
export const STANDARD_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;

/** Every action a grant may name on this entity: the standard ones, its transitions, its custom actions. */
export function entityActionNames(entity: Pick<Entity, 'workflow' | 'actions'>): string[] {
  return [...STANDARD_ACTIONS, ...(entity.workflow?.transitions.map((t) => t.name) ?? []), ...entity.actions.map((a) => a.name)];
}

/** The roles a transition or custom action is limited to (`roles:`), or null when every granted role may run it. */
export function actionRoles(entity: Pick<Entity, 'workflow' | 'actions'>, action: string): string[] | null {
  const roles = entity.workflow?.transitions.find((t) => t.name === action)?.roles ?? entity.actions.find((a) => a.name === action)?.roles ?? [];
  return roles.length > 0 ? roles : null;
}

/**
 * One entry under a role's `grants:` in config/roles.yaml. `target` is an entity, `<department>.*` or `*`;
 * within a role the most specific target wins, across roles grants add up.
 */
export interface Grant {
  target: string;
  /** Standard actions and workflow transition names (`*` expanded). */
  actions: string[];
  /** Fields the role may not read (absent from every answer), and so not write either. */
  hide: string[];
  /** Fields the role may read but not write. */
  readonly: string[];
  /** Rows the grant covers: all conditions must hold; null = every row. */
  scope: ScopeRule[] | null;
  /** Where the grant is written, `config/roles.yaml:12:7`, for `kontor explain`. */
  at: string;
}

/** `{ employee.user: $user }`: a path of reference hops ending in a field, compared with a value. */
export interface ScopeRule {
  path: string[];
  value: ScopeValue;
}

export type ScopeValue = { kind: 'literal'; values: Array<string | number | boolean | null> } | { kind: 'user'; attribute: UserAttribute };

/** What `$user` and `$user.<attribute>` stand for in a scope: the acting user's id and own fields. */
export const USER_ATTRIBUTES = ['id', 'username', 'email', 'department'] as const;
export type UserAttribute = (typeof USER_ATTRIBUTES)[number];

export type SortOrder = 'ASC' | 'DESC';

/** Columns every entity has without declaring them; field names may not take them. */
export const SYSTEM_FIELDS = ['id', 'version', 'created_at', 'updated_at'] as const;

export interface Entity {
  /** Unique snake_case name, e.g. `contract`. */
  name: string;
  /** URL name under /api, by default the plural of the name, e.g. `contracts`. */
  resource: string;
  department: string;
  label: LocalizedText;
  plural: LocalizedText;
  description: LocalizedText | null;
  /** The field shown where another record references this one. */
  title: string;
  /** Columns of the list view, in order (field names, system fields or `reference.field` paths). */
  list: string[];
  /** Text fields (or `reference.field` paths) the `q` filter searches. */
  search: string[];
  sort: { field: string; order: SortOrder };
  fields: Field[];
  /** The parent entity when this entity's rows are owned through a children field, else null. */
  ownedBy: { entity: string; field: string; via: string } | null;
  workflow: Workflow | null;
  audit: AuditSettings;
  /** Names of the TypeScript hooks the definition declares (the functions stay in EntityCode). */
  hooks: string[];
  /** Custom actions on one record (declared in a TypeScript definition or by a plugin), by name. */
  actions: EntityAction[];
  /** Definition file relative to the project, e.g. `entities/contracts/contract.yaml`. */
  source: string;
}

/** Role-guarded state transitions on one enum field (`workflow:` of an entity). */
export interface Workflow {
  /** The enum field holding the state. */
  field: string;
  /** The state every new record starts in: the field's default. */
  initial: string;
  /** States whose records are read-only: no update, no delete, only a transition out of them. */
  lock: string[];
  transitions: WorkflowTransition[];
}

/**
 * One transition, `POST /api/<resource>/:id/transitions/<name>`. Allowed when roles.yaml grants the action
 * named like it (with that grant's row scope) and, if `roles` is not empty, the actor holds one of them.
 */
export interface WorkflowTransition {
  name: string;
  label: LocalizedText;
  from: string[];
  to: string;
  /** Only these roles may run it (each also needs the grant); empty: every role granted the action. */
  roles: string[];
  /** The actor must not be the user who created the record (its `create` entry in the audit trail). */
  fourEyes: boolean;
  /** Fields that must be filled before the transition may run. */
  requires: string[];
  /** Values the transition writes along with the new state (read-only fields included). */
  set: TransitionSetting[];
}

/** `posted_at: now`, `posted_on: today`, `approved_by: $user`, or a literal value. */
export interface TransitionSetting {
  field: string;
  value: TransitionValue;
}

export type TransitionValue = { kind: 'now' } | { kind: 'today' } | { kind: 'user' } | { kind: 'literal'; value: JsonValue };

export interface AuditSettings {
  enabled: boolean;
  /** Years entries are kept (GoBD: 6, 8 or 10). */
  retentionYears: number;
  /** Whether a reason for change must accompany every update. */
  reason: 'required' | 'optional';
}
