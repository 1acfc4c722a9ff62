import { generateEntitySchemas } from '../api/entity-schemas.ts';
import type { JsonSchema } from '../core/json-schema.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel } from '../model/app-model.ts';
import { schemaName } from '../api/schema-names.ts';
import { doNotEditHeader, type GeneratedFile } from '../generated-file.ts';

/**
 * TypeScript types of every entity as the REST API speaks it, from the same JSON Schemas the server
 * validates and documents with: `Contract` (a record as returned), `ContractCreate`, `ContractUpdate`, and
 * `DeliveryRow` for children rows; `KontorRecords` maps entity names to record types. Hooks and client code
 * import them, e.g. `import type { Contract } from '../../config/generated/entity-types.ts'`.
 */
export function generateTypes(model: AppModel, registry: FieldRegistry): GeneratedFile {
  const schemas = generateEntitySchemas(model, registry);
  const blocks = schemas.map((schema) => declaration(schema));
  const map = model.entities.map((e) => `  ${e.name}: ${schemaName(e.name)};`).join('\n');
  const content = [
    doNotEditHeader('types', '//'),
    '',
    ...blocks,
    '/** Every entity by name: the record type a read returns. */',
    `export interface KontorRecords {\n${map}\n}`,
    '',
  ].join('\n');
  return { path: 'config/generated/entity-types.ts', content };
}

function declaration(schema: JsonSchema): string {
  const name = String(schema.$id);
  const doc = typeof schema.description === 'string' ? schema.description : typeof schema.title === 'string' ? schema.title : name;
  return `${comment(doc, '')}export interface ${name} ${objectType(schema, '')}\n`;
}

function objectType(schema: JsonSchema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const inner = `${indent}  `;
  // Properties without a type are accepted and ignored (id, timestamps and read-only fields in a body).
  const typed = Object.entries(properties).filter(([, property]) => Object.keys(property).some((k) => k !== 'description'));
  const lines = typed.map(([key, property]) => {
    const optional = required.has(key) ? '' : '?';
    const text = typeof property.description === 'string' ? comment(property.description, inner) : '';
    return `${text}${inner}${key}${optional}: ${typeOf(property, inner)};`;
  });
  return lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indent}}`;
}

/** JSON Schema → TypeScript, for the shapes the field registry produces (plugins included). */
function typeOf(schema: JsonSchema, indent: string): string {
  if (typeof schema.$ref === 'string') return schema.$ref.replace(/#$/, '');
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((value) => JSON.stringify(value)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return unique(union.map((s) => typeOf({ ...s, type: s.type ?? schema.type }, indent))).join(' | ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return 'unknown';
  return unique(types.map((type) => single(type, schema, indent))).join(' | ');
}

function single(type: string, schema: JsonSchema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = schema.items ? typeOf(schema.items as JsonSchema, indent) : 'unknown';
      return /[|&]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'object':
      return schema.properties ? objectType(schema, indent) : 'Record<string, unknown>';
    default:
      return 'unknown';
  }
}

function comment(text: string, indent: string): string {
  return `${indent}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim()} */\n`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
