import type { ColumnCodec, Dialect } from '../../generators/fields/column-codecs.ts';
import type { Field } from '../../generators/fields/field-type.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel, Entity } from '../../generators/model/app-model.ts';
import { entityColumns, type SqlColumn } from '../../generators/sql/entity-columns.ts';
import { listSql, selectList } from '../../generators/sql/list-sql.ts';

/** Everything the operations need to know of one entity, worked out once per model (not per request). */
export interface ReadPlan {
  entity: Entity;
  columns: SqlColumn[];
  select: string;
  byName: ReadonlyMap<string, SqlColumn>;
  many: Array<Field & { type: 'many' }>;
  children: Array<Field & { type: 'children' }>;
  /** Computed fields a TypeScript function provides. */
  functions: Array<Field & { type: 'computed' }>;
  /** `SELECT <columns> FROM <table> t WHERE t.id = ?`: get one is the hottest read, compiled once. */
  byIdSql: string;
  /** Fields a client may write (not read-only, not computed), with the codec that brings values to one form. */
  writable: Array<{ field: Field; codec: ColumnCodec | undefined }>;
}

export function buildReadPlans(model: AppModel, registry: FieldRegistry, dialect: Dialect): Map<string, ReadPlan> {
  return new Map(
    model.entities.map((entity) => {
      const columns = entityColumns(entity, model, registry, dialect);
      const id = columns.find((c) => c.name === 'id') as SqlColumn;
      const byIdSql = listSql({ entity, dialect, columns, conditions: [{ kind: 'compare', column: id, op: 'eq', value: null }], sort: null, limit: null, offset: 0 }).sql;
      return [
        entity.name,
        {
          entity,
          columns,
          select: selectList(columns),
          byIdSql,
          byName: new Map(columns.map((c) => [c.name, c])),
          many: entity.fields.filter((f): f is Field & { type: 'many' } => f.type === 'many'),
          children: entity.fields.filter((f): f is Field & { type: 'children' } => f.type === 'children'),
          functions: entity.fields.filter((f): f is Field & { type: 'computed' } => f.type === 'computed' && f.function),
          writable: entity.fields
            .filter((f) => !f.readonly && registry.of(f).valueSchema(f) !== null)
            .map((field) => ({ field, codec: registry.of(field).codec?.(field) })),
        },
      ];
    }),
  );
}
