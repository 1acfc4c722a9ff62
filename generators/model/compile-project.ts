import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { glob } from 'tinyglobby';
import type { ConfigIssue } from '../core/config-issue.ts';
import { FieldRegistry } from '../fields/registry.ts';
import { MODEL_VERSION, type AppModel, type Entity } from './app-model.ts';
import type { Ajv } from 'ajv';
import { checkEntityDefinition, FieldSchemaCache, type CheckedEntityDefinition } from './check-entity-definition.ts';
import { checkDashboards } from './check-dashboards.ts';
import { checkGrants } from './check-grants.ts';
import { checkTransitionGrants } from './check-transition-grants.ts';
import { addKontorKeywords, createAjv } from './create-ajv.ts';
import { attachPlugins } from './attach-plugins.ts';
import { actionProblem, type EntityActionDefinition } from './entity-action.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import { loadPlugins } from './load-plugins.ts';
import type { KontorPlugin } from './plugin.ts';
import { suggest } from '../core/suggest.ts';
import { deepFreeze } from './deep-freeze.ts';
import type { EntityDefinition } from './entity-definition.ts';
import { IssueCollector } from './issue-collector.ts';
import { linkEntities, type EntityToLink } from './link-entities.ts';
import { normalizeEntity } from './normalize-entity.ts';
import { extractEntityCode, type EntityCode, type ProjectCode } from './project-code.ts';
import { readProjectConfig } from './read-config.ts';
import type { SourceFile } from './source-file.ts';
import { systemEntities } from './system-entities.ts';
import { loadTsSource } from './ts-source.ts';
import { parseYamlSource } from './yaml-source.ts';

export interface CompileOptions {
  /** Field types to use; the built-ins by default (plugins add theirs). */
  registry?: FieldRegistry;
}

export type CompileResult =
  | {
      ok: true;
      model: AppModel;
      code: ProjectCode;
      /** The field types the model uses: the given registry plus those of the project's plugins. */
      registry: FieldRegistry;
      plugins: KontorPlugin[];
    }
  | { ok: false; issues: ConfigIssue[] };

/** Entity files: `entities/<department>/<entity>.(yaml|yml|ts)`; TypeScript files elsewhere are helpers. */
const ENTITY_GLOBS = ['entities/**/*.yaml', 'entities/**/*.yml', 'entities/**/*.ts'];
const IGNORED = ['**/*.test.ts', '**/*.d.ts', '**/node_modules/**'];

/**
 * Reads a project's config/ and entities/, checks everything, and returns the frozen AppModel or every issue
 * found (never just the first), each placed at file:line:column.
 */
export async function compileProject(dir: string, options: CompileOptions = {}): Promise<CompileResult> {
  const ajv = createAjv({ verbose: true });
  const issues = new IssueCollector();
  const config = await readProjectConfig(dir, ajv, issues);
  // Plugins come first: their field types must be known before any entity file is checked.
  const load = await loadPlugins(dir, config.app.plugins, options.registry ?? new FieldRegistry());
  issues.add(config.appSource ?? 'config/app.yaml', load.issues);
  const { registry } = load;
  addKontorKeywords(ajv, registry);
  const files = (await glob(ENTITY_GLOBS, { cwd: dir, ignore: IGNORED })).sort();
  const fieldSchemas = new FieldSchemaCache(ajv);
  const sources = new Map<string, SourceFile>();
  const toLink: EntityToLink[] = [];
  const brokenEntities = new Set<string>();
  const code = new Map<string, EntityCode>();
  const resources = new Map<string, string>();

  const builtIn = systemEntities(config.roles, config.departments, registry, ajv, fieldSchemas);
  const systemNames = new Set(builtIn.map((item) => item.entity.name));
  for (const item of builtIn) resources.set(item.entity.resource, item.entity.name);
  toLink.push(...builtIn);
  const loaded: LoadedEntityFile[] = [];
  for (const file of files) {
    const result = await loadEntityFile(dir, file, registry, ajv, fieldSchemas, issues);
    if (result.ok) loaded.push(result.file);
    else brokenEntities.add(result.presumedName);
  }
  // Of two files declaring one entity, the one named after it is the original; the other is reported.
  const named = (item: LoadedEntityFile) => (basename(item.path, extname(item.path)) === item.definition.entity ? 0 : 1);
  for (const { path, folder, source, checked, definition } of [...loaded].sort((a, b) => named(a) - named(b))) {
    const previous = sources.get(definition.entity);
    if (systemNames.has(definition.entity)) {
      issues.add(source, [{ code: 'KONTOR_CFG_DUPLICATE_ENTITY', message: `entity "${definition.entity}" is built into Kontor (user accounts and their roles); choose another name`, path: ['entity'] }]);
      continue;
    }
    if (previous) {
      issues.add(source, [{ code: 'KONTOR_CFG_DUPLICATE_ENTITY', message: `entity "${definition.entity}" is already defined in ${previous.path}`, path: ['entity'] }]);
      continue;
    }
    sources.set(definition.entity, source);
    const entity = normalizeEntity(definition, checked.validFields, { folder, source: path, registry });
    issues.add(source, entityActionIssues(entity, definition));
    const resourceOwner = resources.get(entity.resource);
    if (resourceOwner) {
      issues.add(source, [{ code: 'KONTOR_CFG_DUPLICATE_RESOURCE', message: `entity "${entity.name}": resource "/api/${entity.resource}" is already used by entity "${resourceOwner}" (set \`resource:\`)`, path: definition.resource ? ['resource'] : ['entity'] }]);
    }
    resources.set(entity.resource, entity.name);
    toLink.push({ entity, declaredFields: checked.declaredFields });
    const entityCode = extractEntityCode(source.data as Parameters<typeof extractEntityCode>[0]);
    if (entityCode) code.set(entity.name, entityCode);
  }

  if (files.length === 0) issues.add('entities', [{ code: 'KONTOR_CFG_NO_ENTITIES', message: 'no entity definitions found: add entities/<department>/<entity>.yaml' }]);

  const unloaded = new Set([...brokenEntities].filter((name) => !sources.has(name)));
  const linked = linkEntities(toLink, {
    registry,
    ajv,
    departments: config.departmentsKnown ? new Set(config.departments.map((d) => d.name)) : null,
    roles: config.rolesKnown ? new Set(config.roles.map((r) => r.name)) : null,
    brokenEntities: unloaded,
    report: (entity, draft) => {
      const source = sources.get(entity);
      if (source) issues.add(source, [draft]);
    },
  });

  const pluginIssues: ConfigIssueDraft[] = [];
  const entities = attachPlugins(linked, code, load.plugins, pluginIssues);
  issues.add(config.appSource ?? 'config/app.yaml', pluginIssues);
  if (config.rolesKnown) checkActionRoles(entities, new Set(config.roles.map((r) => r.name)), sources, issues);

  for (const entity of entities) {
    // GoBD: the books and what supports them must keep every change (§146(4) AO); finance cannot opt out.
    if (entity.department === 'finance' && !entity.audit.enabled) {
      const source = sources.get(entity.name);
      if (source) issues.add(source, [{ code: 'KONTOR_CFG_AUDIT_REQUIRED', message: `entity "${entity.name}" is in finance: its changes must be audited (GoBD), so \`audit: false\` is not allowed here`, path: ['audit'] }]);
    }
  }
  // Without a usable departments.yaml, `<department>.*` grants and the user's department field cannot be
  // checked: that file's own error says why, and roles.yaml is checked once it is fixed.
  const roles = config.departmentsKnown ? checkGrants(config, entities, issues) : config.roles;
  if (config.departmentsKnown && config.rolesSource && issues.countIn(config.rolesSource.path) === 0) checkTransitionGrants(entities, roles, sources, issues);
  const departments = checkDashboards(config, entities, { registry, brokenEntities: unloaded }, issues);
  if (issues.count > 0) return { ok: false, issues: issues.sorted() };
  const departmentOrder = new Map(config.departments.map((d, i) => [d.name, i]));
  const model: AppModel = {
    modelVersion: MODEL_VERSION,
    app: config.app,
    departments,
    roles,
    entities: [...entities].sort(byDepartmentThenName(departmentOrder)),
  };
  return { ok: true, model: deepFreeze(model), code, registry, plugins: load.plugins.map((p) => p.plugin) };
}

/** An entity's own actions must not take the name of a standard action or a transition. */
function entityActionIssues(entity: Entity, definition: EntityDefinition): ConfigIssueDraft[] {
  const drafts: ConfigIssueDraft[] = [];
  const before = { workflow: entity.workflow, actions: [] as Entity['actions'] };
  for (const action of entity.actions) {
    const problem = actionProblem(before, action.name, definition.actions?.[action.name] as EntityActionDefinition);
    if (problem) drafts.push({ code: 'KONTOR_CFG_INVALID_VALUE', message: `action "${action.name}": ${problem}`, path: ['actions', action.name], key: true });
    before.actions.push(action);
  }
  return drafts;
}

/** `roles:` of a custom action names roles of roles.yaml, as a transition's does. */
function checkActionRoles(entities: readonly Entity[], roles: ReadonlySet<string>, sources: ReadonlyMap<string, SourceFile>, issues: IssueCollector): void {
  for (const entity of entities) {
    for (const action of entity.actions) {
      action.roles.forEach((role, index) => {
        if (roles.has(role)) return;
        const message = `action "${action.name}" of ${entity.name}: there is no role "${role}" in config/roles.yaml`;
        const source = action.origin === 'entity' ? sources.get(entity.name) : undefined;
        if (source) issues.add(source, [{ code: 'KONTOR_CFG_UNKNOWN_ROLE', message, path: ['actions', action.name, 'roles', index], suggestion: suggest(role, roles) }]);
        else issues.add('config/app.yaml', [{ code: 'KONTOR_CFG_UNKNOWN_ROLE', message: `${action.origin}: ${message}`, suggestion: suggest(role, roles) }]);
      });
    }
  }
}

interface LoadedEntityFile {
  path: string;
  folder: string;
  source: SourceFile;
  checked: CheckedEntityDefinition;
  definition: EntityDefinition;
}

/** Reads and checks one entity file on its own; what needs the other files comes later. */
async function loadEntityFile(
  dir: string,
  file: string,
  registry: FieldRegistry,
  ajv: Ajv,
  fieldSchemas: FieldSchemaCache,
  issues: IssueCollector,
): Promise<{ ok: true; file: LoadedEntityFile } | { ok: false; presumedName: string }> {
  const parts = file.split('/');
  const folder = parts.length === 3 ? parts[1] : undefined;
  const presumed = basename(file, extname(file));
  const typescript = extname(file) === '.ts';
  // TypeScript files in subfolders or named `x.y.ts` are helpers of a definition (hooks, shared code);
  // a YAML file is always meant as a definition, so one in the wrong place is reported, never skipped.
  if (typescript && (!folder || presumed.includes('.'))) return { ok: false, presumedName: presumed };
  if (!folder) {
    issues.add(file, [{ code: 'KONTOR_CFG_FILE_LOCATION', message: `entity files belong directly in a department folder: entities/<department>/${basename(file)}` }]);
    return { ok: false, presumedName: presumed };
  }
  const loaded = typescript ? await loadTsSource(file, join(dir, file)) : parseYamlSource(file, await readFile(join(dir, file), 'utf8'));
  issues.add(loaded.source, loaded.issues);
  const presumedName = nameOf(loaded.source.data) ?? presumed;
  if (loaded.issues.length > 0) return { ok: false, presumedName };
  const checked = checkEntityDefinition(loaded.source.data, registry, ajv, fieldSchemas);
  issues.add(loaded.source, checked.issues);
  if (!checked.definition) return { ok: false, presumedName };
  return { ok: true, file: { path: file, folder, source: loaded.source, checked, definition: checked.definition } };
}

function nameOf(data: unknown): string | undefined {
  const name = (data as { entity?: unknown } | null)?.entity;
  return typeof name === 'string' ? name : undefined;
}

function byDepartmentThenName(order: ReadonlyMap<string, number>) {
  return (a: Entity, b: Entity) => (order.get(a.department) ?? 0) - (order.get(b.department) ?? 0) || a.name.localeCompare(b.name);
}
