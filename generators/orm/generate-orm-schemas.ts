import { EntitySchema, type EntitySchemaProperty } from '@mikro-orm/core';
import { columnName, pivotColumns, pivotTableName, SEQUENCE_TABLE, tableName } from '../core/naming.ts';
import { datetimeCodec, textCodec, type Dialect } from '../fields/column-codecs.ts';
import type { Field, FieldType } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel, Entity } from '../model/app-model.ts';
import { auditSchema } from './audit-schema.ts';
import { authSchemas } from './auth-schemas.ts';
import { CodecType } from './column-type.ts';

type Properties = Record<string, EntitySchemaProperty<unknown, unknown>>;

const deleteRules = { restrict: 'restrict', cascade: 'cascade', set_null: 'set null' } as const;

/**
 * MikroORM entity schemas (no decorators, no classes) for every entity of the model, plus Kontor's own
 * tables. Entities are addressed by name: `em.find('contract', ...)`.
 */
export function generateOrmSchemas(model: AppModel, registry: FieldRegistry, dialect: Dialect): EntitySchema[] {
  return [...model.entities.map((entity) => entitySchema(entity, registry, dialect)), sequenceSchema(dialect), ...authSchemas(dialect), auditSchema(dialect)];
}

function entitySchema(entity: Entity, registry: FieldRegistry, dialect: Dialect): EntitySchema {
  const timestamp = (onUpdate: boolean): EntitySchemaProperty<unknown, unknown> => ({
    type: new CodecType(datetimeCodec, dialect),
    columnType: datetimeCodec.sqlType(dialect),
    onCreate: () => new Date().toISOString(),
    ...(onUpdate ? { onUpdate: () => new Date().toISOString() } : {}),
  });
  const properties: Properties = {
    id: { type: 'integer', primary: true, autoincrement: true },
    version: { type: 'integer', version: true },
    created_at: timestamp(false),
    updated_at: timestamp(true),
  };
  for (const field of entity.fields) {
    const property = fieldProperty(entity, field, registry, dialect);
    if (property) properties[field.name] = property;
  }
  return new EntitySchema({ name: entity.name, tableName: tableName(entity.name), properties } as never);
}

function fieldProperty(entity: Entity, field: Field, registry: FieldRegistry, dialect: Dialect): EntitySchemaProperty<unknown, unknown> | null {
  const type = registry.of(field);
  switch (type.storage) {
    case 'column': {
      const codec = type.codec?.(field);
      if (!codec) throw new Error(`field type "${type.name}" stores a column but has no codec`);
      return {
        type: new CodecType(codec, dialect),
        columnType: codec.sqlType(dialect),
        fieldName: columnName(field.name, 'column'),
        nullable: !field.required,
        unique: field.unique,
        index: field.index && !field.unique,
        // A database default lets a new required column be added to a table that has rows.
        ...(hasLiteralDefault(type, field) ? { default: codec.toDb(field.default, dialect) } : {}),
      } as EntitySchemaProperty<unknown, unknown>;
    }
    case 'reference': {
      const { to, onDelete } = field as Extract<Field, { type: 'reference' }>;
      return {
        kind: 'm:1',
        entity: to,
        fieldName: columnName(field.name, 'reference'),
        nullable: !field.required,
        deleteRule: deleteRules[onDelete],
        index: !field.unique,
        unique: field.unique,
      } as EntitySchemaProperty<unknown, unknown>;
    }
    case 'children': {
      const { entity: child, via } = field as Extract<Field, { type: 'children' }>;
      return { kind: '1:m', entity: child, mappedBy: via, orphanRemoval: true } as EntitySchemaProperty<unknown, unknown>;
    }
    case 'many': {
      const { to } = field as Extract<Field, { type: 'many' }>;
      const columns = pivotColumns(entity.name, to);
      return {
        kind: 'm:n',
        entity: to,
        owner: true,
        pivotTable: pivotTableName(entity.name, field.name),
        joinColumn: columns.owner,
        inverseJoinColumn: columns.target,
      } as EntitySchemaProperty<unknown, unknown>;
    }
    case 'virtual':
      return null;
  }
}

/** `today` and `now` are taken at create time by the server, not by the database. */
function hasLiteralDefault(type: FieldType, field: Field): boolean {
  if (field.default === null) return false;
  return !(typeof field.default === 'string' && type.defaultTokens?.includes(field.default));
}

function sequenceSchema(dialect: Dialect): EntitySchema {
  const text = new CodecType(textCodec(200), dialect);
  return new EntitySchema({
    name: SEQUENCE_TABLE,
    tableName: SEQUENCE_TABLE,
    properties: {
      name: { type: text, columnType: text.getColumnType(), primary: true },
      period: { type: text, columnType: text.getColumnType(), primary: true },
      value: { type: 'integer' },
    },
  } as never);
}
