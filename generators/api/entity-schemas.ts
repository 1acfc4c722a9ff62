import type { JsonSchema } from '../core/json-schema.ts';
import type { Field } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel, Entity } from '../model/app-model.ts';
import { schemaName } from './schema-names.ts';

const SYSTEM_OUTPUT: Record<string, JsonSchema> = {
  id: { type: 'integer', minimum: 1 },
  version: { type: 'integer', minimum: 1, description: 'Increments on every change; send it back on PUT to detect concurrent edits (409).' },
  created_at: { type: 'string', format: 'date-time' },
  updated_at: { type: 'string', format: 'date-time' },
};

/** Sent back by react-admin with the whole record; accepted and ignored. */
const ignored = (what: string): JsonSchema => ({ description: `${what}; ignored when sent` });

/**
 * The JSON Schemas of the REST API, each with an `$id` named after its entity: `Contract` (a record as
 * returned), `ContractCreate` (POST body), `ContractUpdate` (PUT body, every field optional) and, for owned
 * entities, `DeliveryRow` (one child row inside its parent's body).
 */
export function generateEntitySchemas(model: AppModel, registry: FieldRegistry): JsonSchema[] {
  return model.entities.flatMap((entity) => [
    recordSchema(entity, registry),
    inputSchema(entity, registry, 'Create'),
    inputSchema(entity, registry, 'Update'),
    ...(entity.ownedBy ? [inputSchema(entity, registry, 'Row')] : []),
  ]);
}

function recordSchema(entity: Entity, registry: FieldRegistry): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...SYSTEM_OUTPUT };
  const required = Object.keys(SYSTEM_OUTPUT);
  for (const field of entity.fields) {
    const type = registry.of(field);
    if (type.storage === 'children') {
      const { entity: child } = field as Extract<Field, { type: 'children' }>;
      properties[field.name] = { type: 'array', items: { $ref: `${schemaName(child)}#` }, description: described(field, 'returned by GET /:id, POST and PUT; not in lists') };
      continue;
    }
    properties[field.name] = nullable(type.outputSchema(field), !(field.required || type.storage === 'many' || field.type === 'boolean'), described(field));
  }
  // Only the system fields are always there: a field the caller's roles may not read is left out.
  return { $id: schemaName(entity.name), title: entity.label.en, description: `${entity.label.en}. Fields your roles may not read are left out.`, type: 'object', properties, required, additionalProperties: false };
}

function inputSchema(entity: Entity, registry: FieldRegistry, kind: 'Create' | 'Update' | 'Row'): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    id: kind === 'Row' ? { type: 'integer', minimum: 1, description: 'An existing row to keep or change; leave out for a new row' } : ignored('assigned by the server'),
    version: kind === 'Update' ? { type: 'integer', minimum: 1, description: 'The version the client last read; a mismatch answers 409' } : ignored('managed by the server'),
    created_at: ignored('managed by the server'),
    updated_at: ignored('managed by the server'),
  };
  const required: string[] = [];
  for (const field of entity.fields) {
    const type = registry.of(field);
    const value = type.valueSchema(field);
    const isVia = kind === 'Row' && entity.ownedBy?.via === field.name;
    if (field.readonly || value === null || isVia) {
      properties[field.name] = ignored(isVia ? 'set from the parent record' : 'read-only');
      continue;
    }
    if (type.storage === 'children') {
      const { entity: child } = field as Extract<Field, { type: 'children' }>;
      properties[field.name] = {
        type: 'array',
        items: { $ref: `${schemaName(child, 'Row')}#` },
        description: described(field, 'the complete list of rows: rows without id are added, rows left out are removed'),
      };
      continue;
    }
    properties[field.name] = nullable(value, !field.required && type.storage !== 'many', described(field));
    if (kind !== 'Update' && field.required && field.default === null && type.storage !== 'many') required.push(field.name);
  }
  return {
    $id: schemaName(entity.name, kind),
    title: `${entity.label.en} (${kind === 'Row' ? 'row' : kind.toLowerCase()})`,
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/** Adds `null` to a schema's type (a missing optional value is null on the wire). */
function nullable(schema: JsonSchema, allowNull: boolean, description: string): JsonSchema {
  // The type's own word on the value (a weight's accepted units) comes after the field's label and help.
  const own = typeof schema.description === 'string' ? schema.description : null;
  const result: JsonSchema = { ...schema, description: own ? `${description}. ${own}` : description };
  if (!allowNull) return result;
  if (typeof schema.type === 'string') result.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type)) result.type = [...(schema.type as string[]), 'null'];
  if (Array.isArray(schema.enum)) result.enum = [...(schema.enum as unknown[]), null];
  return result;
}

function described(field: Field, extra?: string): string {
  const parts = [field.label.en, field.help?.en, extra].filter((p): p is string => Boolean(p));
  return parts.join('. ');
}
