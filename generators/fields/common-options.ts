import type { JsonSchema } from '../core/json-schema.ts';
import { humanize, localize, localizeOptional, localizedTextSchema } from '../core/localized-text.ts';
import type { CommonField, CommonFieldDefinition, JsonValue } from './field-type.ts';

const flag: JsonSchema = { type: 'boolean' };

/** Label and help: every field type takes them. */
export const textOptions: Record<string, JsonSchema> = { label: localizedTextSchema, help: localizedTextSchema };

/** Options of a field whose value is stored in a column and entered by people. */
export const storedOptions: Record<string, JsonSchema> = {
  ...textOptions,
  required: flag,
  unique: flag,
  readonly: flag,
  index: flag,
};

export const lengthOptions: Record<string, JsonSchema> = {
  minLength: { type: 'integer', minimum: 0 },
  maxLength: { type: 'integer', minimum: 1 },
  pattern: { type: 'string', minLength: 1, 'x-kontor-regex': true },
};

/** Fills the common options; each type adds its own normalized options on top. */
export function normalizeCommon(
  definition: CommonFieldDefinition & { default?: unknown },
  name: string,
): CommonField {
  return {
    name,
    label: localize(definition.label, humanize(name)),
    help: localizeOptional(definition.help),
    required: definition.required ?? false,
    unique: definition.unique ?? false,
    readonly: definition.readonly ?? false,
    index: definition.index ?? false,
    default: (definition.default ?? null) as JsonValue | null,
  };
}

/** Drops keys whose value is undefined so generated JSON Schemas stay minimal and stable. */
export function compact(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
}
