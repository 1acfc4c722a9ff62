import type { Ajv, ValidateFunction } from 'ajv';
import { SHIPPED_FIELD_TYPES } from './load-plugins.ts';
import { suggest } from '../core/suggest.ts';
import type { FieldDefinition, FieldType, ReportOptions } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import { SYSTEM_FIELDS } from './app-model.ts';
import { entityDefinitionSchema, NAME_PATTERN } from './definition-schemas.ts';
import type { EntityDefinition } from './entity-definition.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import { schemaIssues, snakeSuggestion } from './schema-issues.ts';

export interface CheckedEntityDefinition {
  /** The definition with shorthand fields expanded, when its own keys are valid. */
  definition: EntityDefinition | null;
  /** Fields that passed their type's checks, in declared order. */
  validFields: Map<string, FieldDefinition>;
  /** Every declared field name, valid or not, so other checks do not report a broken field as missing. */
  declaredFields: Set<string>;
  issues: ConfigIssueDraft[];
}

const namePattern = new RegExp(NAME_PATTERN);

/** Checks one entity file's data: the entity's own keys, then each field against its type's option schema. */
export function checkEntityDefinition(data: unknown, registry: FieldRegistry, ajv: Ajv, schemas: FieldSchemaCache): CheckedEntityDefinition {
  const issues: ConfigIssueDraft[] = [];
  const validFields = new Map<string, FieldDefinition>();
  const declaredFields = new Set<string>();
  const validate = ajv.getSchema(entityDefinitionSchema.$id as string) ?? ajv.compile(entityDefinitionSchema);
  const entityValid = validate(data);
  if (!entityValid) {
    issues.push(...schemaIssues(validate.errors ?? [], { base: [], subject: null, unknownCode: 'KONTOR_CFG_UNKNOWN_KEY' }));
  }
  const fields = typeof data === 'object' && data !== null ? (data as { fields?: unknown }).fields : undefined;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return { definition: null, validFields, declaredFields, issues };
  }
  for (const [name, raw] of Object.entries(fields)) {
    declaredFields.add(name);
    const field = checkField(name, raw, registry, schemas, issues);
    if (field) validFields.set(name, field);
  }
  const definition = entityValid ? ({ ...(data as EntityDefinition), fields: Object.fromEntries(validFields) } as EntityDefinition) : null;
  return { definition, validFields, declaredFields, issues };
}

function checkField(name: string, raw: unknown, registry: FieldRegistry, schemas: FieldSchemaCache, issues: ConfigIssueDraft[]): FieldDefinition | null {
  const at = ['fields', name];
  const subject = `field "${name}"`;
  const before = issues.length;
  if (!namePattern.test(name)) {
    issues.push({ code: 'KONTOR_CFG_INVALID_NAME', message: `${subject} must be snake_case (lowercase letters, digits, _)`, path: at, key: true, suggestion: snakeSuggestion(name) });
  } else if ((SYSTEM_FIELDS as readonly string[]).includes(name)) {
    issues.push({ code: 'KONTOR_CFG_RESERVED_FIELD_NAME', message: `${subject}: "${name}" is managed by Kontor (${SYSTEM_FIELDS.join(', ')}); choose another name`, path: at, key: true });
  }
  // `notes: text` is short for `notes: { type: text }`.
  const definition = typeof raw === 'string' ? { type: raw } : raw;
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return null;
  const typeName = (definition as { type?: unknown }).type;
  if (typeName === undefined) {
    // `Type:` or `typ:` is the common way to lose the type: point at that key.
    const misspelled = Object.keys(definition).find((key) => suggest(key, ['type']) === 'type');
    issues.push(
      misspelled
        ? { code: 'KONTOR_CFG_MISSING_FIELD_TYPE', message: `${subject} has no type: "${misspelled}" is not an option`, path: [...at, misspelled], key: true, suggestion: 'type' }
        : { code: 'KONTOR_CFG_MISSING_FIELD_TYPE', message: `${subject} has no type (one of ${registry.names().join(', ')})`, path: at, key: true },
    );
    return null;
  }
  const type = typeof typeName === 'string' ? registry.get(typeName) : undefined;
  if (!type) {
    issues.push({
      code: 'KONTOR_CFG_UNKNOWN_FIELD_TYPE',
      message: `${subject}: unknown type "${String(typeName)}"${pluginHint(String(typeName))}`,
      path: typeof raw === 'string' ? at : [...at, 'type'],
      suggestion: SHIPPED_FIELD_TYPES[String(typeName)] ? undefined : suggest(String(typeName), registry.names()),
    });
    return null;
  }
  const validate = schemas.get(type);
  if (!validate(definition)) {
    issues.push(...schemaIssues(validate.errors ?? [], { base: at, subject, unknownCode: 'KONTOR_CFG_UNKNOWN_OPTION' }).map((draft) => forType(draft, type, at.length)));
  } else {
    type.checkDefinition?.(definition as FieldDefinition, (code, message, options: ReportOptions = {}) => {
      issues.push({ code, message: `${subject}: ${message}`, path: [...at, ...(options.at ?? [])], key: options.key ?? false, suggestion: options.suggestion });
    });
  }
  return issues.length === before ? (definition as FieldDefinition) : null;
}

function forType(draft: ConfigIssueDraft, type: FieldType, depth: number): ConfigIssueDraft {
  if (draft.code === 'KONTOR_CFG_UNKNOWN_OPTION') return { ...draft, message: draft.message.replace(/ \(allowed:/, ` for type ${type.name} (allowed:`) };
  // A default that breaks its own field's form is the same mistake however it is found.
  const option = draft.path?.[depth];
  return option === 'default' && !draft.key ? { ...draft, code: 'KONTOR_CFG_INVALID_DEFAULT' } : draft;
}

/** Compiles each field type's option schema once per ajv instance. */
export class FieldSchemaCache {
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(private readonly ajv: Ajv) {}

  get(type: FieldType): ValidateFunction {
    let validate = this.#compiled.get(type.name);
    if (!validate) {
      validate = this.ajv.compile({
        type: 'object',
        properties: { type: { const: type.name }, ...type.options },
        required: ['type', ...(type.requiredOptions ?? [])],
        additionalProperties: false,
      });
      this.#compiled.set(type.name, validate);
    }
    return validate;
  }
}

/** A type of a plugin shipped with Kontor but not listed in app.yaml: say which line is missing. */
function pluginHint(typeName: string): string {
  const plugin = SHIPPED_FIELD_TYPES[typeName];
  return plugin ? `: it comes with the plugin "${plugin}"; list it in config/app.yaml, \`plugins: [${plugin}]\`` : '';
}
