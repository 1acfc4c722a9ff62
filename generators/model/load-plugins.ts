import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourcePath } from '../core/config-issue.ts';
import { suggest } from '../core/suggest.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { KontorPlugin } from './plugin.ts';

/** The plugins shipped with Kontor (worked examples the demo uses), found by name: `plugins: [iban, weight]`. */
export const SHIPPED_PLUGINS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'plugins');
const SHIPPED = ['iban', 'weight'];
/** The field types of the shipped plugins, by type: a definition using one without the plugin is told which to list. */
export const SHIPPED_FIELD_TYPES: Readonly<Record<string, string>> = { iban: 'iban', weight: 'weight' };

/** A plugin as loaded, with where config/app.yaml lists it (for placing what is wrong with it). */
export interface LoadedPlugin {
  plugin: KontorPlugin;
  /** `plugins.<index>` in config/app.yaml. */
  at: SourcePath;
}

export interface PluginLoad {
  plugins: LoadedPlugin[];
  /** The base registry with every plugin's field types and ajv keywords added. */
  registry: FieldRegistry;
  issues: ConfigIssueDraft[];
}

/**
 * Imports the plugins config/app.yaml lists and adds their field types to a registry of the project's own.
 * A plugin that cannot be found or loaded, or whose field type is named like one already registered, is an
 * issue at its line; the others still load, so one broken plugin does not hide the rest of the errors.
 */
export async function loadPlugins(dir: string, specs: readonly string[], base: FieldRegistry): Promise<PluginLoad> {
  const plugins: LoadedPlugin[] = [];
  const issues: ConfigIssueDraft[] = [];
  let registry = base;
  for (const [index, spec] of specs.entries()) {
    const at: SourcePath = ['plugins', index];
    const file = locate(dir, spec);
    if (file === null) {
      issues.push({ code: 'KONTOR_CFG_UNKNOWN_PLUGIN', message: `plugin "${spec}" not found: name one shipped with Kontor (${SHIPPED.join(', ')}), an installed npm package, or a file of the project (./path/to/plugin.ts)`, path: at, suggestion: suggest(spec, SHIPPED) });
      continue;
    }
    const loaded = await importPlugin(file);
    if (typeof loaded === 'string') {
      issues.push({ code: 'KONTOR_CFG_PLUGIN_INVALID', message: `plugin "${spec}": ${loaded}`, path: at });
      continue;
    }
    const taken = (loaded.fieldTypes ?? []).filter((type) => registry.get(type.name) !== undefined);
    const keywordsTaken = (loaded.keywords ?? []).filter((keyword) => registry.keywords().some((k) => k.keyword === keyword.keyword));
    if (taken.length > 0 || keywordsTaken.length > 0) {
      const names = [...taken.map((t) => `field type "${t.name}"`), ...keywordsTaken.map((k) => `ajv keyword "${String(k.keyword)}"`)];
      issues.push({ code: 'KONTOR_CFG_PLUGIN_INVALID', message: `plugin "${spec}": ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} already registered (by Kontor or a plugin listed before it)`, path: at });
      continue;
    }
    registry = registry.extend(loaded.fieldTypes ?? [], loaded.keywords ?? []);
    plugins.push({ plugin: loaded, at });
  }
  return { plugins, registry, issues };
}

function locate(dir: string, spec: string): string | null {
  if (SHIPPED.includes(spec)) return join(SHIPPED_PLUGINS_DIR, `${spec}.ts`);
  if (spec.startsWith('.') || isAbsolute(spec)) {
    const path = resolve(dir, spec);
    return existsSync(path) ? path : null;
  }
  try {
    return createRequire(join(dir, 'package.json')).resolve(spec);
  } catch {
    return null;
  }
}

/** The module's default export when it looks like a plugin, else why not. */
async function importPlugin(file: string): Promise<KontorPlugin | string> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    return `cannot load ${file}: ${(error as Error).message.split('\n')[0]}`;
  }
  const plugin = module.default as Partial<KontorPlugin> | undefined;
  if (typeof plugin !== 'object' || plugin === null) return 'has no default export: write `export default definePlugin({ name, ... })`';
  if (typeof plugin.name !== 'string' || plugin.name === '') return 'its default export has no `name`';
  for (const key of ['fieldTypes', 'keywords'] as const) {
    if (plugin[key] !== undefined && !Array.isArray(plugin[key])) return `\`${key}\` must be a list`;
  }
  for (const key of ['generators', 'hooks', 'actions'] as const) {
    if (plugin[key] !== undefined && (typeof plugin[key] !== 'object' || plugin[key] === null)) return `\`${key}\` must be an object keyed by name`;
  }
  for (const type of plugin.fieldTypes ?? []) {
    if (typeof type?.name !== 'string' || typeof type.normalize !== 'function' || typeof type.valueSchema !== 'function' || typeof type.outputSchema !== 'function') {
      return 'each of `fieldTypes` must be a field type made with defineFieldType (name, options, storage, normalize, outputSchema, valueSchema...)';
    }
  }
  for (const [name, generator] of Object.entries(plugin.generators ?? {})) {
    if (typeof generator?.generate !== 'function') return `generator "${name}" has no \`generate(model, registry)\` function`;
  }
  return plugin as KontorPlugin;
}
