import { countSql, listSql, manyIdsSql, type Condition } from '../../generators/sql/list-sql.ts';
import { httpError } from '../errors/http-errors.ts';
import type { Row } from '../db/sql-reader.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { computeFunctions } from './compute-functions.ts';
import { parseListQuery, type RawListQuery } from './parse-list-query.ts';
import { redactRecords } from './redact-records.ts';
import { requireAction } from './require-action.ts';
import { scopeCondition } from './scope-conditions.ts';

export type WireRecord = Record<string, unknown>;

export interface ListResult {
  records: WireRecord[];
  total: number;
  /** Index of the first record returned (the start of the requested range). */
  start: number;
}

/**
 * A page of the records the actor may read and the total of those: the row scope is one of the conditions,
 * so neither the page nor the count ever includes a row outside it. Filters and sorts on fields the actor
 * may not read everywhere are refused (400) before any SQL runs.
 */
export async function listRecords(context: OperationContext, actor: Actor, entityName: string, raw: RawListQuery): Promise<ListResult> {
  const access = requireAction(context, actor, entityName, 'read');
  const query = parseListQuery(context, entityName, raw, access);
  const plan = context.plan(entityName);
  const conditions = withScope(query.conditions, scopeCondition(context, actor, entityName, access.grantsFor('read')));
  const input = { entity: plan.entity, dialect: context.dialect, columns: plan.columns, select: plan.select, conditions, sort: query.sort, limit: query.limit, offset: query.offset };
  const page = listSql(input);
  const rows = await context.db.reader.all(page.sql, page.params);
  // A page that is not full tells the total without counting (the common case for small tables and getMany).
  const total =
    rows.length < query.limit && (rows.length > 0 || query.offset === 0)
      ? query.offset + rows.length
      : await count(context, input);
  const records = await hydrate(context, actor, entityName, rows, { children: false });
  return { records, total, start: query.offset };
}

async function count(context: OperationContext, input: Parameters<typeof countSql>[0]): Promise<number> {
  const { sql, params } = countSql(input);
  const [row] = await context.db.reader.all(sql, params);
  return Number(row?.total ?? 0);
}

/** One record with its children; 404 when there is none or it is outside the actor's read scope. */
export async function getRecord(context: OperationContext, actor: Actor, entityName: string, id: number): Promise<WireRecord> {
  const access = requireAction(context, actor, entityName, 'read');
  const plan = context.plan(entityName);
  const scope = scopeCondition(context, actor, entityName, access.grantsFor('read'));
  let rows: Row[];
  if (scope === null) rows = await context.db.reader.all(plan.byIdSql, [id]);
  else {
    const idColumn = plan.byName.get('id');
    if (!idColumn) throw new Error(`${entityName} has no id column`);
    const { sql, params } = listSql({ entity: plan.entity, dialect: context.dialect, columns: plan.columns, select: plan.select, conditions: [{ kind: 'compare', column: idColumn, op: 'eq', value: id }, scope], sort: null, limit: null, offset: 0 });
    rows = await context.db.reader.all(sql, params);
  }
  const [record] = await hydrate(context, actor, entityName, rows, { children: true });
  if (!record) throw httpError('KONTOR_HTTP_NOT_FOUND', `${context.entity(entityName).label.en} ${id} does not exist`);
  return record;
}

/** Rows the actor may read, by arbitrary conditions (children of a record, the lots of a trace). */
export async function findRecords(context: OperationContext, actor: Actor, entityName: string, conditions: Condition[], children: boolean): Promise<WireRecord[]> {
  const plan = context.plan(entityName);
  const access = context.policy.access(actor, entityName);
  const scoped = withScope(conditions, scopeCondition(context, actor, entityName, access.grantsFor('read')));
  const { sql, params } = listSql({ entity: plan.entity, dialect: context.dialect, columns: plan.columns, select: plan.select, conditions: scoped, sort: null, limit: null, offset: 0 });
  return hydrate(context, actor, entityName, await context.db.reader.all(sql, params), { children });
}

function withScope(conditions: Condition[], scope: Condition | null): Condition[] {
  return scope === null ? conditions : [...conditions, scope];
}

/** Rows → wire records: codecs, many-to-many ids, computed functions, children; then what the actor may not read is removed. */
async function hydrate(context: OperationContext, actor: Actor, entityName: string, rows: Row[], options: { children: boolean }): Promise<WireRecord[]> {
  const plan = context.plan(entityName);
  const access = context.policy.access(actor, entityName);
  const records = rows.map((row) => {
    const record: WireRecord = {};
    for (const column of plan.columns) record[column.name] = column.codec.fromDb(row[column.name], context.dialect);
    return record;
  });
  if (records.length === 0) return records;
  const ids = records.map((r) => r.id as number);
  for (const field of plan.many) {
    if (access.visibility(field.name) === 'none') continue;
    const links = await context.db.reader.all(manyIdsSql(plan.entity, field, ids.length), ids);
    const byOwner = groupBy(links, 'owner', (row) => Number(row.target));
    for (const record of records) record[field.name] = byOwner.get(record.id as number) ?? [];
  }
  if (options.children) {
    for (const field of plan.children) {
      const childPlan = context.plan(field.entity);
      const via = childPlan.byName.get(field.via);
      if (!via || access.visibility(field.name) === 'none') continue;
      const rowsOfChildren = await findRecords(context, actor, field.entity, [{ kind: 'in', column: via, values: ids }], true);
      const byParent = groupBy(rowsOfChildren, field.via, (row) => row);
      for (const record of records) record[field.name] = byParent.get(record.id as number) ?? [];
    }
  }
  if (plan.functions.length > 0) computeFunctions(context, plan.entity, plan.functions, records);
  await redactRecords(context, actor, access, records);
  return records;
}

function groupBy<T>(rows: Row[], key: string, value: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const owner = Number(row[key]);
    const group = groups.get(owner);
    if (group) group.push(value(row));
    else groups.set(owner, [value(row)]);
  }
  return groups;
}
