import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDataProvider, useLocaleState, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta, FieldMeta } from '../meta/types.ts';
import { convertRow, titlesToLookUp } from './convertRow.ts';
import { commitImport, dryRunImport, ImportRejected, ImportRequestError, type ImportDone, type ServerRowError } from './importApi.ts';
import { importableFields, type ColumnMapping } from './mapColumns.ts';
import type { CsvTable } from './parseCsv.ts';
import { resolveTitles } from './resolveReferences.ts';
import { rowMessages, type RowMessage } from './rowReports.ts';

/** A row with what is wrong with it (nothing: it would be created). */
export interface RowReport {
  index: number;
  messages: RowMessage[];
}

export type CheckState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; rows: Array<Record<string, unknown>>; reports: RowReport[]; bad: number }
  | { status: 'failed'; message: string };

export type CommitState = { status: 'idle' } | { status: 'running'; done: number; total: number } | { status: 'failed'; message: string };

const badCount = (reports: readonly RowReport[]) => reports.filter((report) => report.messages.length > 0).length;

/**
 * The check and the import of a CSV file. The check converts every row by its fields' types (looking up
 * references given by title), then lets the server try every row in a dry run; the import sends the same
 * rows again and follows the server's progress. All or nothing: the server writes no row unless all are valid.
 */
export function useImport(entity: EntityMeta) {
  const dataProvider = useDataProvider();
  const meta = useMeta();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const fields = useMemo(() => new Map<string, FieldMeta>(importableFields(entity).map((field) => [field.name, field])), [entity]);
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [commit, setCommit] = useState<CommitState>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const messageOf = useCallback(
    (error: unknown) => (error instanceof ImportRequestError && error.status === 0 && error.message === '' ? translate('kontor.import.no_answer') : error instanceof Error ? error.message : String(error)),
    [translate],
  );

  const cancelCheck = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setCheck({ status: 'idle' });
  }, []);

  const runCheck = useCallback(
    async (table: CsvTable, mapping: ColumnMapping, reason: string) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setCheck({ status: 'running' });
      setCommit({ status: 'idle' });
      try {
        const lookup = await resolveTitles(dataProvider, meta, fields, titlesToLookUp(table.rows, mapping, fields), locale, controller.signal);
        const converted = table.rows.map((cells) => convertRow(cells, mapping, fields, { locale, lookup }));
        const rows = converted.map((row) => row.data);
        const report = await dryRunImport(entity.resource, rows, reason, controller.signal);
        if (controller.signal.aborted) return;
        const server = new Map<number, ServerRowError>(report.errors.map((error) => [error.row, error]));
        const reports = converted.map((row, index) => ({ index, messages: rowMessages(row.errors, server.get(index)) }));
        setCheck({ status: 'done', rows, reports, bad: badCount(reports) });
      } catch (error) {
        if (controller.signal.aborted) return;
        await logoutIfAccessDenied(error);
        setCheck({ status: 'failed', message: messageOf(error) });
      }
    },
    [dataProvider, meta, fields, locale, entity.resource, logoutIfAccessDenied, messageOf],
  );

  /**
   * The import: the created records, 'rejected' when the server found invalid rows after all (the check
   * shows them now), 'failed' for any other failure (`commit` says why).
   */
  const runCommit = useCallback(
    async (reason: string): Promise<ImportDone | 'rejected' | 'failed'> => {
      if (check.status !== 'done' || check.bad > 0) return 'failed';
      const { rows } = check;
      setCommit({ status: 'running', done: 0, total: rows.length });
      try {
        const done = await commitImport(entity.resource, rows, reason, (count, total) => setCommit({ status: 'running', done: count, total }));
        setCommit({ status: 'running', done: rows.length, total: rows.length });
        return done;
      } catch (error) {
        if (error instanceof ImportRejected) {
          // Something changed since the check (a duplicate saved meanwhile): show the rows again, with why.
          const server = new Map<number, ServerRowError>(error.rows.map((row) => [row.row, row]));
          const reports = rows.map((_, index) => ({ index, messages: rowMessages(undefined, server.get(index)) }));
          setCheck({ status: 'done', rows, reports, bad: badCount(reports) });
        }
        await logoutIfAccessDenied(error);
        setCommit({ status: 'failed', message: messageOf(error) });
        return error instanceof ImportRejected ? 'rejected' : 'failed';
      }
    },
    [check, entity.resource, logoutIfAccessDenied, messageOf],
  );

  return { fields, check, commit, runCheck, cancelCheck, runCommit };
}
