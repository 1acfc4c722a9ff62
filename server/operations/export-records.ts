import type { Actor } from '../permissions/actor.ts';
import { csvColumn, csvLine, ID_COLUMN, type CsvColumn } from './csv-cells.ts';
import type { OperationContext } from './operation-context.ts';
import type { RawListQuery } from './parse-list-query.ts';
import { listRecords, type WireRecord } from './read-records.ts';
import { currentAuditContext, type AuditContext } from './request-context.ts';
import { requireAction } from './require-action.ts';

/** Records read per query: a 100,000-row export never holds more than this many at once. */
export const EXPORT_BATCH = 1000;
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** What an export delivered, for the audit trail (GDPR, GoBD: who exported how many rows of what). */
export interface ExportSummary {
  entity: string;
  rows: number;
  filter: unknown;
  sort: unknown;
  /** False when the reader stopped early or a batch failed. */
  complete: boolean;
  /** Who exported, taken when the export began (the chunks may be read after the request's context is gone). */
  audit: AuditContext;
}

export interface ExportOptions {
  batch?: number;
  /** Called once the last chunk has been taken, or the reader gave up. */
  onEnd?(summary: ExportSummary): Promise<void>;
}

export interface CsvExport {
  /** `id`, then each field the actor may read on some row, in definition order (children left out). */
  columns: string[];
  /** UTF-8 text with a BOM: the header line, then one chunk per batch of records. */
  chunks: AsyncGenerator<string, void, undefined>;
}

/**
 * Every record the actor may read that matches `filter`, in `sort` order, as CSV. The rows come from the
 * list operation itself, a batch at a time, so row scope, field visibility and per-row redaction are the
 * list's (a cell the actor may not read on that row is empty). Needs `read` and `export`. The first batch
 * is read before this returns, so a bad filter or sort is an error, not a broken download; when the last
 * chunk has been taken (or the reader gave up), `onEnd` learns what was exported (the server records it in
 * the audit trail).
 */
export async function exportRecords(context: OperationContext, actor: Actor, entityName: string, raw: Pick<RawListQuery, 'sort' | 'filter'>, options: ExportOptions = {}): Promise<CsvExport> {
  const access = requireAction(context, actor, entityName, 'read');
  requireAction(context, actor, entityName, 'export');
  const entity = access.entity;
  const columns: CsvColumn[] = [
    ID_COLUMN,
    ...entity.fields.filter((f) => context.registry.of(f).storage !== 'children' && access.visibility(f.name) !== 'none').map((f) => csvColumn(f, context.registry)),
  ];
  const pages = batches(context, actor, entityName, raw, options.batch ?? EXPORT_BATCH);
  const first = await pages.next();
  const audit = { ...currentAuditContext() };
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let rows = 0;
    let complete = false;
    try {
      yield `${BOM}${columns.map((c) => c.name).join(',')}${CRLF}`;
      for (let page = first; !page.done; page = await pages.next()) {
        rows += page.value.length;
        yield page.value.map((record) => `${csvLine(record, columns)}${CRLF}`).join('');
      }
      complete = true;
    } finally {
      await pages.return();
      await options.onEnd?.({ entity: entity.name, rows, filter: raw.filter ?? null, sort: raw.sort ?? null, complete, audit });
    }
  }
  return { columns: columns.map((c) => c.name), chunks: chunks() };
}

/**
 * Pages of the list in the requested order. Ordered by id (asked for, or the entity's default), each page
 * continues after the last id seen, which no concurrent insert or delete can shift; any other order pages
 * by offset (ties broken by id, so the order is total).
 */
async function* batches(context: OperationContext, actor: Actor, entityName: string, raw: Pick<RawListQuery, 'sort' | 'filter'>, size: number): AsyncGenerator<WireRecord[], void, undefined> {
  const entity = context.entity(entityName);
  const [sortField, sortOrder] = Array.isArray(raw.sort) ? (raw.sort as unknown[]) : raw.sort === undefined ? [entity.sort.field, entity.sort.order] : [];
  const byId = sortField === 'id' && typeof sortOrder === 'string';
  const after = byId && sortOrder.toUpperCase() === 'DESC' ? 'id_lt' : 'id_gt';
  let query: RawListQuery = { ...raw, range: [0, size - 1] };
  for (let offset = 0; ; offset += size) {
    const { records } = await listRecords(context, actor, entityName, query);
    if (records.length > 0) yield records;
    if (records.length < size) return;
    // The caller's own id_gt (id_lt) is weaker than the last id it let through, so replacing it is exact.
    const last = records[records.length - 1]?.id;
    query = byId ? { ...raw, filter: { ...(raw.filter as object | null | undefined), [after]: last }, range: [0, size - 1] } : { ...raw, range: [offset + size, offset + 2 * size - 1] };
  }
}
