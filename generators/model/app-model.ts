import type { LocalizedText } from '../core/localized-text.ts';
import type { Field } from '../fields/field-type.ts';

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
}

export interface Role {
  name: string;
  label: LocalizedText;
  description: LocalizedText | null;
  /** What the role may see and do; a role without grants may do nothing (default deny). */
  grants: Grant[];
}

/** The actions every entity has; workflow transitions add their names. */
export const STANDARD_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;

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
  /** Definition file relative to the project, e.g. `entities/contracts/contract.yaml`. */
  source: string;
}

export interface Workflow {
  field: string;
  transitions: WorkflowTransition[];
}

export interface WorkflowTransition {
  name: string;
  label: LocalizedText;
  from: string[];
  to: string;
  roles: string[];
}

export interface AuditSettings {
  enabled: boolean;
  /** Years entries are kept (GoBD: 6, 8 or 10). */
  retentionYears: number;
  /** Whether a reason for change must accompany every update. */
  reason: 'required' | 'optional';
}
