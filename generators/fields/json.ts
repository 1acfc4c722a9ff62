import type { JsonSchema } from '../core/json-schema.ts';
import { normalizeCommon, textOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition, type JsonValue } from './field-type.ts';
import { jsonCodec } from './column-codecs.ts';
import { noOperators } from './filter-operators.ts';

export interface JsonDefinition extends Pick<CommonFieldDefinition, 'label' | 'help' | 'required' | 'readonly'> {
  type: 'json';
  default?: JsonValue;
  /** A JSON Schema the value must satisfy, e.g. the shape of a lab's raw result. */
  schema?: JsonSchema;
}

export interface JsonField extends CommonField {
  type: 'json';
  schema: JsonSchema | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    json: { definition: JsonDefinition; field: JsonField };
  }
}

export const jsonType = defineFieldType<JsonDefinition, JsonField>({
  name: 'json',
  summary: 'Structured data kept as JSON, optionally checked against a JSON Schema; edited as code.',
  options: {
    ...textOptions,
    required: { type: 'boolean' },
    readonly: { type: 'boolean' },
    default: {},
    schema: { type: 'object', 'x-kontor-json-schema': true },
  },
  storage: 'column',
  codec: () => jsonCodec,
  filterOperators: () => noOperators,
  sortable: () => false,
  searchable: false,
  numeric: false,
  example: { attributes: { type: 'json', schema: { type: 'object', additionalProperties: { type: 'string' } }, default: {} } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'json', schema: definition.schema ?? null }),
  outputSchema: () => ({}),
  valueSchema: (field) => field.schema ?? {},
});
