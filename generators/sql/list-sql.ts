import { columnName, pivotColumns, pivotTableName, tableName } from '../core/naming.ts';
import type { Dialect } from '../fields/column-codecs.ts';
import type { Field } from '../fields/field-type.ts';
import type { Entity } from '../model/app-model.ts';
import { ROOT_ALIAS, type SqlColumn } from './entity-columns.ts';
import { column, containsSql, quote } from './sql-dialect.ts';

/** One validated filter condition, values already in database form. */
export type Condition =
  | { kind: 'compare'; column: SqlColumn; op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'; value: unknown }
  | { kind: 'null'; column: SqlColumn; negate: boolean }
  | { kind: 'in'; column: SqlColumn; values: unknown[] }
  | { kind: 'contains'; column: SqlColumn; term: string }
  | { kind: 'many'; field: Field & { type: 'many' }; negate: boolean; values: unknown[] }
  | { kind: 'search'; term: string; targets: SearchTarget[] }
  /** Any of the branches (each all of its conditions): the row scopes of several grants. */
  | { kind: 'or'; branches: Condition[][] }
  /** Compiled elsewhere (a scope through references), on the root alias `t`. */
  | { kind: 'sql'; sql: string; params: unknown[] };

/** A search field: a column of the entity, or a text column of a referenced entity (one hop). */
export type SearchTarget = { column: SqlColumn } | { via: SqlColumn; entity: string; column: string };

export interface ListSqlInput {
  entity: Entity;
  dialect: Dialect;
  columns: SqlColumn[];
  /** The select list of `columns`, when the caller keeps it ready (it is the same for every request). */
  select?: string;
  conditions: Condition[];
  sort: { expression: string; order: 'ASC' | 'DESC' } | null;
  limit: number | null;
  offset: number;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

const operators = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export function whereSql(input: Pick<ListSqlInput, 'entity' | 'dialect' | 'conditions'>): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const condition of input.conditions) {
    const compiled = conditionSql(condition, input.entity, input.dialect);
    parts.push(compiled.sql);
    params.push(...compiled.params);
  }
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

function conditionSql(condition: Condition, entity: Entity, dialect: Dialect): Sql {
  switch (condition.kind) {
    case 'compare':
      return { sql: `${condition.column.expression} ${operators[condition.op]} ?`, params: [condition.value] };
    case 'null':
      return { sql: `${condition.column.expression} IS ${condition.negate ? 'NOT ' : ''}NULL`, params: [] };
    case 'in':
      if (condition.values.length === 0) return { sql: '1 = 0', params: [] };
      return { sql: `${condition.column.expression} IN (${condition.values.map(() => '?').join(', ')})`, params: condition.values };
    case 'contains': {
      const like = containsSql(condition.column.expression, condition.term, dialect);
      return { sql: like.sql, params: [like.param] };
    }
    case 'many': {
      const pivot = pivotColumns(entity.name, condition.field.to);
      const values = condition.values.map(() => '?').join(', ');
      const exists = `EXISTS (SELECT 1 FROM ${quote(pivotTableName(entity.name, condition.field.name))} p WHERE p.${quote(pivot.owner)} = ${column(ROOT_ALIAS, 'id')} AND p.${quote(pivot.target)} IN (${values}))`;
      if (condition.values.length === 0) return { sql: condition.negate ? '1 = 1' : '1 = 0', params: [] };
      return { sql: condition.negate ? `NOT ${exists}` : exists, params: condition.values };
    }
    case 'or': {
      if (condition.branches.length === 0) return { sql: '1 = 0', params: [] };
      const parts: string[] = [];
      const params: unknown[] = [];
      for (const branch of condition.branches) {
        const compiled = whereSql({ entity, dialect, conditions: branch });
        parts.push(compiled.sql === '' ? '1 = 1' : `(${compiled.sql.slice(' WHERE '.length)})`);
        params.push(...compiled.params);
      }
      return { sql: `(${parts.join(' OR ')})`, params };
    }
    case 'sql':
      return { sql: condition.sql, params: condition.params };
    case 'search': {
      const parts: string[] = [];
      const params: unknown[] = [];
      for (const target of condition.targets) {
        if ('via' in target) {
          const like = containsSql(`r.${quote(target.column)}`, condition.term, dialect);
          parts.push(`EXISTS (SELECT 1 FROM ${quote(tableName(target.entity))} r WHERE r.${quote('id')} = ${target.via.expression} AND ${like.sql})`);
          params.push(like.param);
        } else {
          const like = containsSql(target.column.expression, condition.term, dialect);
          parts.push(like.sql);
          params.push(like.param);
        }
      }
      return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : '1 = 0', params };
    }
  }
}

/** The page query: ties broken by id so pages never overlap or skip rows. NULLs sort first on both engines. */
export function listSql(input: ListSqlInput): Sql {
  const where = whereSql(input);
  const select = input.select ?? selectList(input.columns);
  const order = input.sort?.order ?? 'ASC';
  const nulls = order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST';
  const orderBy = input.sort
    ? ` ORDER BY ${input.sort.expression} ${order} ${nulls}, ${column(ROOT_ALIAS, 'id')} ${order}`
    : ` ORDER BY ${column(ROOT_ALIAS, 'id')} ASC`;
  const page = input.limit !== null ? ` LIMIT ${input.limit} OFFSET ${input.offset}` : input.offset === 0 ? '' : input.dialect === 'sqlite' ? ` LIMIT -1 OFFSET ${input.offset}` : ` OFFSET ${input.offset}`;
  return {
    sql: `SELECT ${select} FROM ${quote(tableName(input.entity.name))} ${ROOT_ALIAS}${where.sql}${orderBy}${page}`,
    params: where.params,
  };
}

export function selectList(columns: readonly SqlColumn[]): string {
  return columns.map((c) => `${c.selected} AS ${quote(c.name)}`).join(', ');
}

export function countSql(input: Pick<ListSqlInput, 'entity' | 'dialect' | 'conditions'>): Sql {
  const where = whereSql(input);
  return { sql: `SELECT COUNT(*) AS ${quote('total')} FROM ${quote(tableName(input.entity.name))} ${ROOT_ALIAS}${where.sql}`, params: where.params };
}

/** The many-to-many ids of a page of records, in link order. */
export function manyIdsSql(entity: Entity, field: Field & { type: 'many' }, count: number): string {
  const pivot = pivotColumns(entity.name, field.to);
  return `SELECT ${quote(pivot.owner)} AS ${quote('owner')}, ${quote(pivot.target)} AS ${quote('target')} FROM ${quote(pivotTableName(entity.name, field.name))} WHERE ${quote(pivot.owner)} IN (${Array.from({ length: count }, () => '?').join(', ')}) ORDER BY ${quote(pivot.target)}`;
}

/** Sort expression for a reference: by the referenced record's title, which is what the column shows. */
export function referenceTitleSql(field: Field & { type: 'reference' }, target: Entity): string {
  const titleField = target.fields.find((f) => f.name === target.title);
  const titleColumn = titleField ? columnName(titleField.name, titleField.type === 'reference' ? 'reference' : 'column') : 'id';
  return `(SELECT r.${quote(titleColumn)} FROM ${quote(tableName(target.name))} r WHERE r.${quote('id')} = ${column(ROOT_ALIAS, columnName(field.name, 'reference'))})`;
}
