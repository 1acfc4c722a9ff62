import { countSql, listSql, manyIdsSql, type Condition } from '../../generators/sql/list-sql.ts';
import { httpError } from '../errors/http-errors.ts';
import type { Row } from '../db/sql-reader.ts';
import type { OperationContext } from './operation-context.ts';
import { computeFunctions } from './compute-functions.ts';
import type { ListQuery } from './parse-list-query.ts';

export type WireRecord = Record<string, unknown>;

export interface ListResult {
  records: WireRecord[];
  total: number;
  /** Index of the first record returned (the start of the requested range). */
  start: number;
}

/** A page of records and the total that matches, both from the same conditions. */
export async function listRecords(context: OperationContext, entityName: string, query: ListQuery): Promise<ListResult> {
  const plan = context.plan(entityName);
  const input = { entity: plan.entity, dialect: context.dialect, columns: plan.columns, select: plan.select, conditions: query.conditions, sort: query.sort, limit: query.limit, offset: query.offset };
  const page = listSql(input);
  const rows = await context.db.reader.all(page.sql, page.params);
  // A page that is not full tells the total without counting (the common case for small tables and getMany).
  const total =
    rows.length < query.limit && (rows.length > 0 || query.offset === 0)
      ? query.offset + rows.length
      : await count(context, input);
  const records = await hydrate(context, entityName, rows, { children: false });
  return { records, total, start: query.offset };
}

async function count(context: OperationContext, input: Parameters<typeof countSql>[0]): Promise<number> {
  const { sql, params } = countSql(input);
  const [row] = await context.db.reader.all(sql, params);
  return Number(row?.total ?? 0);
}

/** One record with its children; 404 when there is none. */
export async function getRecord(context: OperationContext, entityName: string, id: number): Promise<WireRecord> {
  const rows = await context.db.reader.all(context.plan(entityName).byIdSql, [id]);
  const [record] = await hydrate(context, entityName, rows, { children: true });
  if (!record) throw httpError('KONTOR_HTTP_NOT_FOUND', `${context.entity(entityName).label.en} ${id} does not exist`);
  return record;
}

async function findRecords(context: OperationContext, entityName: string, conditions: Condition[], children: boolean): Promise<WireRecord[]> {
  const plan = context.plan(entityName);
  const { sql, params } = listSql({ entity: plan.entity, dialect: context.dialect, columns: plan.columns, select: plan.select, conditions, sort: null, limit: null, offset: 0 });
  return hydrate(context, entityName, await context.db.reader.all(sql, params), { children });
}

/** Rows → wire records: codecs, many-to-many ids, computed functions and (for single records) children. */
async function hydrate(context: OperationContext, entityName: string, rows: Row[], options: { children: boolean }): Promise<WireRecord[]> {
  const plan = context.plan(entityName);
  const records = rows.map((row) => {
    const record: WireRecord = {};
    for (const column of plan.columns) record[column.name] = column.codec.fromDb(row[column.name], context.dialect);
    return record;
  });
  if (records.length === 0) return records;
  const ids = records.map((r) => r.id as number);
  for (const field of plan.many) {
    const links = await context.db.reader.all(manyIdsSql(plan.entity, field, ids.length), ids);
    const byOwner = groupBy(links, 'owner', (row) => Number(row.target));
    for (const record of records) record[field.name] = byOwner.get(record.id as number) ?? [];
  }
  if (options.children) {
    for (const field of plan.children) {
      const childPlan = context.plan(field.entity);
      const via = childPlan.byName.get(field.via);
      if (!via) continue;
      const rowsOfChildren = await findRecords(context, field.entity, [{ kind: 'in', column: via, values: ids }], true);
      const byParent = groupBy(rowsOfChildren, field.via, (row) => row);
      for (const record of records) record[field.name] = byParent.get(record.id as number) ?? [];
    }
  }
  if (plan.functions.length > 0) computeFunctions(context, plan.entity, plan.functions, records);
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
