import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { httpError } from '../errors/http-errors.ts';
import type { RawListQuery } from '../operations/parse-list-query.ts';
import { AUDIT_COLUMNS } from './audit-chain.ts';

export interface AuditQuery {
  offset: number;
  /** The one record the filter names, if it names exactly one. */
  record: { entity: string | null; recordId: number | null };
  /** `dataChangesOnly`: create, update, delete and transition entries only (what a record's readers see). */
  sql(options?: { dataChangesOnly?: boolean }): { sql: string; params: unknown[]; countSql: string };
}

const MAX_PAGE = 5000;
/** The actions that change a record (the rest are events: logins, tokens, denials). */
export const DATA_CHANGES: readonly string[] = ['create', 'update', 'delete', 'transition'];
const TEXT_FILTERS = { entity: 'entity', action: 'action', actor: 'actor' } as const;
const NUMBER_FILTERS = { id: 'seq', record_id: 'record_id', actor_id: 'actor_id' } as const;
const SORTS: Record<string, string> = { id: 'seq', at: 'seq', entity: 'entity', action: 'action', actor: 'actor' };

const bad = (errors: Record<string, string>) => httpError('KONTOR_HTTP_BAD_QUERY', Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; '), errors);

/** ra-data-simple-rest's sort, range and filter on the audit trail; every mistake a 400 that names it. */
export function auditQuery(raw: RawListQuery): AuditQuery {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const record: AuditQuery['record'] = { entity: null, recordId: null };
  const filter = (raw.filter ?? {}) as Record<string, unknown>;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw bad({ filter: 'must be an object, e.g. {"entity":"contract","record_id":12}' });
  for (const [key, value] of Object.entries(filter)) {
    const values = Array.isArray(value) ? value : [value];
    if (key in TEXT_FILTERS) {
      if (!values.every((v) => typeof v === 'string') || values.length === 0) throw bad({ [`filter.${key}`]: 'must be a text or a list of texts' });
      conditions.push(`${quote(TEXT_FILTERS[key as keyof typeof TEXT_FILTERS])} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
      if (key === 'entity' && values.length === 1) record.entity = values[0] as string;
    } else if (key in NUMBER_FILTERS) {
      if (!values.every((v) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 2_147_483_647) || values.length === 0) throw bad({ [`filter.${key}`]: 'must be a positive whole number or a list of them' });
      conditions.push(`${quote(NUMBER_FILTERS[key as keyof typeof NUMBER_FILTERS])} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
      if (key === 'record_id' && values.length === 1) record.recordId = values[0] as number;
    } else if (key === 'at_gte' || key === 'at_lte') {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad({ [`filter.${key}`]: 'must be a date or date-time, e.g. 2026-01-31' });
      // A day as the upper bound means the whole day.
      const bound = key === 'at_lte' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(Date.parse(value) + 86_399_999).toISOString() : new Date(value).toISOString();
      conditions.push(`${quote('at')} ${key === 'at_gte' ? '>=' : '<='} ?`);
      params.push(bound);
    } else {
      throw bad({ [`filter.${key}`]: 'the audit trail can be filtered by entity, record_id, actor, actor_id, action, id, at_gte and at_lte' });
    }
  }
  const [field, order] = raw.sort === undefined ? ['id', 'DESC'] : Array.isArray(raw.sort) && raw.sort.length === 2 ? raw.sort : [undefined, undefined];
  if (typeof field !== 'string' || !(field in SORTS) || typeof order !== 'string' || !['ASC', 'DESC'].includes(order.toUpperCase())) {
    throw bad({ sort: `must be [field, "ASC" or "DESC"] with field one of ${Object.keys(SORTS).join(', ')}` });
  }
  let limit = 25;
  let offset = 0;
  if (raw.range !== undefined) {
    const range = raw.range;
    if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0] || range[1] - range[0] + 1 > MAX_PAGE) {
      throw bad({ range: `must be [start, end], at most ${MAX_PAGE} entries` });
    }
    offset = range[0] as number;
    limit = (range[1] as number) - offset + 1;
  }
  const column = SORTS[field] as string;
  const direction = order.toUpperCase();
  return {
    offset,
    record,
    sql: (options = {}) => {
      const all = options.dataChangesOnly ? [...conditions, `${quote('action')} IN (${DATA_CHANGES.map((a) => `'${a}'`).join(', ')})`] : conditions;
      const where = all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
      return {
        sql: `SELECT ${AUDIT_COLUMNS.map(quote).join(', ')} FROM ${quote(AUDIT_TABLE)}${where} ORDER BY ${quote(column)} ${direction}, ${quote('seq')} ${direction} LIMIT ${limit} OFFSET ${offset}`,
        params,
        countSql: `SELECT COUNT(*) AS ${quote('total')} FROM ${quote(AUDIT_TABLE)}${where}`,
      };
    },
  };
}
