import type { KeywordDefinition } from 'ajv';
import type { FieldType } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel } from './app-model.ts';
import type { EntityActionDefinition } from './entity-action.ts';
import type { EntityHooks } from './entity-definition.ts';

/**
 * A generator a plugin adds to `npx kontor generate <name>`: a pure function of the model (no I/O; Kontor
 * writes the files, or with `--check` compares them). Start each file with `doNotEditHeader(name, ...)`.
 */
export interface ModelGenerator {
  /** One line for `kontor generate --help`. */
  summary: string;
  /** Each file's path in the project (`config/generated/...`) and its whole text. */
  generate(model: AppModel, registry: FieldRegistry): Array<{ path: string; content: string }>;
}

/**
 * A Kontor plugin: the default export of a TypeScript module that config/app.yaml lists under `plugins:`.
 * Everything it adds runs through the same pipeline as Kontor's own parts: its field types are validated,
 * stored, served, documented and filtered like the built-in ones; its hooks and actions run inside the
 * operations layer, so permissions, record locks and the audit trail apply.
 *
 * ```ts
 * export default definePlugin({
 *   name: 'iban',
 *   fieldTypes: [ibanType],
 *   hooks: { partner: { validate: (record) => ... } },
 *   actions: { partner: { confirm_bank_details: { label: 'Confirm bank details', run: async (record, ctx) => ... } } },
 *   generators: { 'bank-list': { summary: '...', generate: (model) => [...] } },
 * });
 * ```
 */
export interface KontorPlugin {
  /** Names the plugin in errors and in `kontor generate --help`; snake or kebab case. */
  name: string;
  /**
   * Field types (made with `defineFieldType`), usable as `type: <name>` in every entity. A type whose values
   * need a check JSON Schema cannot say (a checksum) brings it as an ajv keyword in `keywords`. The admin
   * side is a module `admin/src/fields/plugins/<type name>.tsx` exporting `fieldKind`: Vite bundles it.
   */
  fieldTypes?: FieldType[];
  /** ajv keywords the field types' value schemas use (name them `x-<plugin>-<what>`). */
  keywords?: KeywordDefinition[];
  /** Generators by name, run by `npx kontor generate <name>`. */
  generators?: Record<string, ModelGenerator>;
  /** Entity hooks by entity name; they run after the entity's own hooks of the same kind. */
  hooks?: Record<string, EntityHooks>;
  /** Custom actions by entity name, then action name (snake_case): a route and a button each. */
  actions?: Record<string, Record<string, EntityActionDefinition>>;
}

/** Declares a plugin; the identity function exists for its type (option names are checked by the compiler). */
export function definePlugin(plugin: KontorPlugin): KontorPlugin {
  return plugin;
}
