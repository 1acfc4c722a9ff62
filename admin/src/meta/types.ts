/**
 * The `GET /api/_meta` document as the admin app reads it: the wire contract, written out here because
 * admin/ shares nothing with the server, not even type imports (it talks to it over HTTP only).
 * test/unit/admin-meta-types.test.ts checks both ways that these types match the server's
 * (generators/ui/ui-meta.ts), so neither side can drift unnoticed.
 */

export interface LocalizedText {
  en: string;
  de: string;
}

export type Locale = 'en' | 'de';
export type FilterOperator = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'like';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One field as the user may see it; fields they may not read are absent. */
export interface FieldMeta {
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
  readable: true;
  /** The user may set it when creating or updating. */
  writable: boolean;
}

/** A workflow transition the user may run: a button from one of the `from` states. */
export interface TransitionMeta {
  name: string;
  label: LocalizedText;
  from: string[];
  to: string;
  fourEyes: boolean;
  requires: string[];
}

/** A custom action the user's roles grant: a button on the record's page (`confirm` asked first). */
export interface CustomActionMeta {
  name: string;
  label: LocalizedText;
  description: LocalizedText | null;
  confirm: LocalizedText | null;
  icon: string | null;
}

export interface WorkflowMeta {
  field: string;
  initial: string;
  /** States whose records change only through transitions. */
  lock: string[];
  transitions: TransitionMeta[];
}

export interface EntityMeta {
  name: string;
  resource: string;
  department: string;
  label: LocalizedText;
  plural: LocalizedText;
  description: LocalizedText | null;
  title: string;
  list: string[];
  search: string[];
  sort: { field: string; order: 'ASC' | 'DESC' };
  ownedBy: { entity: string; field: string; via: string } | null;
  fields: FieldMeta[];
  audit: { enabled: boolean; reason: 'required' | 'optional' };
  workflow: WorkflowMeta | null;
  /** Custom actions the user's roles grant (each a button; `GET .../:id/actions` says which apply to a record now). */
  customActions: CustomActionMeta[];
  /** read, create, update, delete, export, the transitions and the custom actions the user's roles grant. */
  actions: string[];
  /** True on the entity whose records have a trace view (`GET /api/<resource>/:id/trace`); absent elsewhere. */
  trace?: boolean;
}

/** One "next thing to act on": records of an entity matching a filter (relative days still unresolved). */
export interface DashboardItemMeta {
  entity: string;
  label: LocalizedText;
  filter: Record<string, JsonValue>;
  tone: 'info' | 'success' | 'warning' | 'error' | null;
}

/** A menu group of the user's `_meta`, with the dashboard items they may count. */
export interface DepartmentMeta {
  name: string;
  label: LocalizedText;
  icon: string;
  order: number;
  dashboard: DashboardItemMeta[];
}

/** `GET /api/_meta`: the model as the signed-in user may see and use it. */
export interface UserMeta {
  modelVersion: number;
  /** SHA-256 of the definitions the server built this from; answers carry the current one as `Kontor-Model`. */
  modelHash?: string;
  app: { name: string; locale: { default: Locale; available: Locale[] } };
  departments: DepartmentMeta[];
  entities: EntityMeta[];
  user: { id: number; username: string; display_name: string | null; roles: string[] };
  audit: { read: boolean };
}
