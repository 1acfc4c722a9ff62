import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ajv } from 'ajv';
import type { JsonSchema } from '../core/json-schema.ts';
import { humanize, localize, localizeOptional, type LocalizedTextDefinition } from '../core/localized-text.ts';
import type { AppSettings, DashboardTone, Department, Locale, Role } from './app-model.ts';
import type { JsonValue } from '../fields/field-type.ts';
import { appConfigSchema, departmentsConfigSchema, NAME_PATTERN, rolesConfigSchema } from './definition-schemas.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { IssueCollector } from './issue-collector.ts';
import { schemaIssues, snakeSuggestion } from './schema-issues.ts';
import type { SourceFile } from './source-file.ts';
import { parseYamlSource } from './yaml-source.ts';
import { parseDuration } from '../core/duration.ts';

export interface ProjectConfig {
  app: AppSettings;
  departments: Department[];
  roles: Role[];
  /** False when departments.yaml or roles.yaml is missing or broken: names cannot be checked against it. */
  departmentsKnown: boolean;
  rolesKnown: boolean;
  /** roles.yaml as read, for checking its grants once the entities are known. */
  rolesSource: SourceFile | null;
  rawGrants: ReadonlyMap<string, Record<string, RawGrant>>;
  /** app.yaml as read, to place plugin issues at their line in `plugins:`. */
  appSource: SourceFile | null;
  /** departments.yaml as read, for checking the dashboard items once the entities are known. */
  departmentsSource: SourceFile | null;
  /** Each department's `dashboard:` as written (the departments above carry none until it is checked). */
  rawDashboards: ReadonlyMap<string, RawDashboardItem[]>;
}

/** A dashboard item as written in departments.yaml (already past the schema). */
export interface RawDashboardItem {
  entity: string;
  label: LocalizedTextDefinition;
  filter?: Record<string, JsonValue>;
  tone?: DashboardTone;
}

/** A grant as written: `[read, update]`, `read`, `{ actions, hide, readonly, scope }`, or a list of such objects. */
export type RawGrant = string | string[] | RawGrantObject | RawGrantObject[];
export interface RawGrantObject {
  actions: string | string[];
  hide?: string[];
  readonly?: string[];
  scope?: Record<string, unknown>;
}

interface AppConfigFile {
  name?: string;
  plugins?: string[];
  database?: { url?: string };
  server?: { host?: string; port?: number; bodyLimit?: number };
  locale?: { default?: Locale; available?: Locale[] };
  auth?: { sessionTtl?: string; apiTokenTtl?: string; login?: { maxFailures?: number; window?: string; lockout?: string } };
}
type LabelledMap = Record<
  string,
  { label?: LocalizedTextDefinition; description?: LocalizedTextDefinition; icon?: string; order?: number; grants?: Record<string, RawGrant> | null; dashboard?: RawDashboardItem[] } | null
>;

/** The department system entities (users) live in when departments.yaml does not place them. */
export const SYSTEM_DEPARTMENT: Department = { name: 'system', label: { en: 'System', de: 'System' }, icon: 'settings', order: 1000, dashboard: [] };

/** Reads config/app.yaml, departments.yaml and roles.yaml; a broken file leaves its part empty and says why. */
export async function readProjectConfig(dir: string, ajv: Ajv, issues: IssueCollector): Promise<ProjectConfig> {
  const appFile = await readConfigFile<AppConfigFile>(dir, 'config/app.yaml', appConfigSchema, ajv, issues);
  const app = appFile?.data ?? {};
  const departmentsFile = await readConfigFile<{ departments: LabelledMap }>(dir, 'config/departments.yaml', departmentsConfigSchema, ajv, issues);
  const rolesFile = await readConfigFile<{ roles: LabelledMap }>(dir, 'config/roles.yaml', rolesConfigSchema, ajv, issues);
  const departments = departmentsFile?.data.departments ?? {};
  const roles = rolesFile?.data.roles ?? {};
  const seconds = (text: string | undefined, fallback: number) => (text === undefined ? fallback : (parseDuration(text) ?? fallback));
  const declaredDepartments: Department[] = Object.entries(departments)
    .map(([name, entry], position) => ({
      name,
      label: localize(entry?.label, humanize(name)),
      icon: entry?.icon ?? 'folder',
      order: entry?.order ?? (position + 1) * 10,
      dashboard: [],
    }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return {
    departmentsKnown: departmentsFile !== undefined,
    rolesKnown: rolesFile !== undefined,
    rolesSource: rolesFile?.source ?? null,
    appSource: appFile?.source ?? null,
    rawGrants: new Map(Object.entries(roles).map(([name, entry]) => [name, entry?.grants ?? {}])),
    departmentsSource: departmentsFile?.source ?? null,
    rawDashboards: new Map(Object.entries(departments).map(([name, entry]) => [name, entry?.dashboard ?? []])),
    app: {
      name: app.name ?? 'Kontor',
      database: { url: app.database?.url ?? 'sqlite:data/kontor.db' },
      server: { host: app.server?.host ?? '127.0.0.1', port: app.server?.port ?? 3000, bodyLimit: app.server?.bodyLimit ?? 1_048_576 },
      plugins: app.plugins ?? [],
      locale: { default: app.locale?.default ?? 'de', available: app.locale?.available ?? ['de', 'en'] },
      auth: {
        sessionTtlSeconds: seconds(app.auth?.sessionTtl, 12 * 3600),
        apiTokenTtlSeconds: seconds(app.auth?.apiTokenTtl, 90 * 86_400),
        login: {
          maxFailures: app.auth?.login?.maxFailures ?? 5,
          windowSeconds: seconds(app.auth?.login?.window, 15 * 60),
          lockoutSeconds: seconds(app.auth?.login?.lockout, 15 * 60),
        },
      },
    },
    departments: declaredDepartments.some((d) => d.name === SYSTEM_DEPARTMENT.name) ? declaredDepartments : [...declaredDepartments, SYSTEM_DEPARTMENT],
    roles: Object.entries(roles).map(([name, entry]) => ({
      name,
      label: localize(entry?.label, humanize(name)),
      description: localizeOptional(entry?.description),
      grants: [],
    })),
  };
}

async function readConfigFile<T>(dir: string, path: string, schema: JsonSchema, ajv: Ajv, issues: IssueCollector): Promise<{ data: T; source: SourceFile } | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, path), 'utf8');
  } catch {
    issues.add(path, [{ code: 'KONTOR_CFG_FILE_MISSING', message: `${path} is missing (see README, "Configuration")` }]);
    return undefined;
  }
  const parsed = parseYamlSource(path, text);
  issues.add(parsed.source, parsed.issues);
  if (parsed.issues.length > 0) return undefined;
  const data = parsed.source.data ?? {};
  const validate = ajv.getSchema(schema.$id as string) ?? ajv.compile(schema);
  if (!validate(data)) {
    const drafts = schemaIssues(validate.errors ?? [], { base: [], subject: null, unknownCode: 'KONTOR_CFG_UNKNOWN_KEY' });
    issues.add(parsed.source, schema === rolesConfigSchema ? collapseUnindentedGrants(data, drafts) : drafts);
    return undefined;
  }
  issues.add(parsed.source, nameIssues(data as Record<string, unknown>));
  return { data: data as T, source: parsed.source };
}

/**
 * Grants written at the indentation of `grants:` instead of below it leave `grants:` empty and make each
 * grant an unknown key of the role: one slip, so one issue, saying what to do.
 */
function collapseUnindentedGrants(data: unknown, drafts: ConfigIssueDraft[]): ConfigIssueDraft[] {
  const roles = (data as { roles?: Record<string, Record<string, unknown> | null> } | null)?.roles ?? {};
  const unindented = new Set(Object.entries(roles).filter(([, entry]) => entry !== null && typeof entry === 'object' && 'grants' in entry && entry.grants === null).map(([name]) => name));
  const seen = new Set<string>();
  return drafts.flatMap((draft) => {
    const [section, role, key] = draft.path ?? [];
    if (draft.code !== 'KONTOR_CFG_UNKNOWN_KEY' || section !== 'roles' || typeof role !== 'string' || !unindented.has(role) || draft.path?.length !== 3) return [draft];
    if (seen.has(role)) return [];
    seen.add(role);
    return [{ ...draft, message: `"roles.${role}": unknown key "${String(key)}": grants belong under "grants:", indented one step further`, suggestion: undefined }];
  });
}

/** Department and role names are map keys, which JSON Schema checks badly: check them here. */
function nameIssues(data: Record<string, unknown>): ConfigIssueDraft[] {
  const drafts: ConfigIssueDraft[] = [];
  for (const section of ['departments', 'roles']) {
    const entries = data[section];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const name of Object.keys(entries)) {
      if (!new RegExp(NAME_PATTERN).test(name)) {
        drafts.push({ code: 'KONTOR_CFG_INVALID_NAME', message: `${section.slice(0, -1)} "${name}" must be snake_case (lowercase letters, digits, _)`, path: [section, name], key: true, suggestion: snakeSuggestion(name) });
      }
    }
  }
  return drafts;
}
