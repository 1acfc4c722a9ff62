import { columnName, tableName } from '../core/naming.ts';
import { datetimeCodec, integerCodec, type ColumnCodec, type Dialect } from '../fields/column-codecs.ts';
import type { Field } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel, Entity } from '../model/app-model.ts';
import { column, quote } from './sql-dialect.ts';

/** What SQL needs to know about one readable field or system column of an entity. */
export interface SqlColumn {
  name: string;
  /** The SQL expression for the value (a column or an aggregate subquery), in terms of alias `t`. */
  expression: string;
  /** The expression as selected (wrapped by the codec's `read`). */
  selected: string;
  codec: ColumnCodec;
  field: Field | null;
}

export const ROOT_ALIAS = 't';

const systemColumns: Array<[string, ColumnCodec]> = [
  ['id', integerCodec],
  ['version', integerCodec],
  ['created_at', datetimeCodec],
  ['updated_at', datetimeCodec],
];

/**
 * The columns a read of `entity` selects: system columns, stored fields, references (as ids) and aggregate
 * computed fields (as correlated subqueries). Relations to many rows and computed functions are read apart.
 */
export function entityColumns(entity: Entity, model: AppModel, registry: FieldRegistry, dialect: Dialect, alias = ROOT_ALIAS): SqlColumn[] {
  const result: SqlColumn[] = systemColumns.map(([name, codec]) => sqlColumn(name, column(alias, name), codec, null, dialect));
  for (const field of entity.fields) {
    const type = registry.of(field);
    const codec = type.codec?.(field);
    if (!codec) continue;
    if (type.storage === 'column' || type.storage === 'reference') {
      result.push(sqlColumn(field.name, column(alias, columnName(field.name, type.storage)), codec, field, dialect));
    } else if (field.type === 'computed' && field.aggregate) {
      const expression = aggregateSql(entity, field, model, registry, alias);
      if (expression) result.push(sqlColumn(field.name, expression, codec, field, dialect));
    }
  }
  return result;
}

function sqlColumn(name: string, expression: string, codec: ColumnCodec, field: Field | null, dialect: Dialect): SqlColumn {
  return { name, expression, selected: codec.read ? codec.read(expression, dialect) : expression, codec, field };
}

function aggregateSql(entity: Entity, field: Extract<Field, { type: 'computed' }>, model: AppModel, registry: FieldRegistry, alias: string): string | null {
  const over = entity.fields.find((f) => f.name === field.over);
  if (!over || over.type !== 'children') return null;
  const child = model.entities.find((e) => e.name === over.entity);
  const via = child?.fields.find((f) => f.name === over.via);
  if (!child || !via) return null;
  const childAlias = `${alias}_${field.name}`;
  const link = `${column(childAlias, columnName(via.name, 'reference'))} = ${column(alias, 'id')}`;
  const from = `FROM ${quote(tableName(child.name))} ${childAlias} WHERE ${link}`;
  if (field.aggregate === 'count') return `(SELECT COUNT(*) ${from})`;
  const target = child.fields.find((f) => f.name === field.of);
  if (!target) return null;
  const value = column(childAlias, columnName(target.name, registry.of(target).storage));
  const aggregate = field.aggregate === 'sum' ? `COALESCE(SUM(${value}), 0)` : `${field.aggregate?.toUpperCase()}(${value})`;
  return `(SELECT ${aggregate} ${from})`;
}
