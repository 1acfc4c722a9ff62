import { Alert, Box, LinearProgress, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EntityMeta, FieldMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { CsvTable } from './parseCsv.ts';
import { fieldLabel, lineOf, serverMessageKey, type RowMessage } from './rowReports.ts';
import type { CheckState, CommitState, RowReport } from './useImport.ts';

/** The first rows are always shown; rows with errors after them too, up to the limit. */
const FIRST_ROWS = 10;
const MAX_SHOWN = 200;

interface CheckStepProps {
  entity: EntityMeta;
  table: CsvTable;
  mapping: ColumnMapping;
  fields: ReadonlyMap<string, FieldMeta>;
  check: CheckState;
  commit: CommitState;
  reason: string;
  onReason(reason: string): void;
}

function shownRows(reports: readonly RowReport[]): RowReport[] {
  const shown: RowReport[] = [];
  for (const report of reports) {
    if (shown.length >= MAX_SHOWN) break;
    if (report.index < FIRST_ROWS || report.messages.length > 0) shown.push(report);
  }
  return shown;
}

/** Step 3: the outcome of the check, a table of the first rows and of every bad one, and the optional reason. */
export function CheckStep({ entity, table, mapping, fields, check, commit, reason, onReason }: CheckStepProps) {
  const translate = useTranslate();
  const t = useLocalized();
  const label = (field: FieldMeta) => t(field.label) || field.name;
  const columns = mapping.flatMap((name, column) => {
    const field = name === null ? undefined : fields.get(name);
    return field ? [{ column, field }] : [];
  });
  const text = (message: RowMessage) => {
    const problem = typeof message.problem === 'string' ? (serverMessageKey(message.problem) ?? message.problem) : message.problem;
    const words = typeof problem === 'string' ? problem : translate(problem.key, problem.args ?? {});
    return message.field === null ? words : `${fieldLabel(message.field, fields, label)}: ${words}`;
  };
  const shown = check.status === 'done' ? shownRows(check.reports) : [];
  return (
    <Box>
      <Box role="status" aria-live="polite">
        {check.status === 'running' && (
          <>
            <Typography sx={{ mb: 1 }}>{translate('kontor.import.checking')}</Typography>
            <LinearProgress aria-label={translate('kontor.import.checking')} />
          </>
        )}
        {check.status === 'failed' && <Alert severity="error">{translate('kontor.import.check_failed', { message: check.message })}</Alert>}
        {check.status === 'done' &&
          (check.bad === 0 ? (
            <Alert severity="success">{translate('kontor.import.valid', { smart_count: check.rows.length })}</Alert>
          ) : (
            <Alert severity="error">{translate('kontor.import.invalid', { bad: check.bad, total: check.rows.length })}</Alert>
          ))}
        {commit.status === 'failed' && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {translate('kontor.import.failed', { message: commit.message })}
          </Alert>
        )}
      </Box>
      {check.status === 'done' && (
        <>
          <TableContainer sx={{ maxHeight: '45vh', mt: 2 }}>
            <Table size="small" stickyHeader aria-label={translate('kontor.import.preview')}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ fontWeight: 600 }}>{translate('kontor.import.row')}</TableCell>
                  {/* Before the values, so a wide file does not push the errors out of sight. */}
                  <TableCell sx={{ fontWeight: 600, minWidth: 280 }}>{translate('kontor.import.errors')}</TableCell>
                  {columns.map(({ column, field }) => (
                    <TableCell key={column} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                      {label(field)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((report) => {
                  const cells = table.rows[report.index] ?? [];
                  const bad = report.messages.length > 0;
                  return (
                    <TableRow key={report.index} data-line={lineOf(report.index)} sx={bad ? { bgcolor: 'rgba(211, 47, 47, 0.06)' } : undefined}>
                      <TableCell component="th" scope="row" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {lineOf(report.index)}
                      </TableCell>
                      <TableCell sx={{ color: 'error.main' }}>
                        {report.messages.map((message, i) => (
                          <Box key={i}>{text(message)}</Box>
                        ))}
                      </TableCell>
                      {columns.map(({ column }) => (
                        <TableCell key={column} sx={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={cells[column] ?? ''}>
                          {cells[column] ?? ''}
                        </TableCell>
                      ))}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {shown.length < check.reports.length && (
            <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
              {translate('kontor.import.shown', { shown: shown.length, total: check.reports.length })}
            </Typography>
          )}
        </>
      )}
      {entity.audit.enabled && (
        <TextField
          label={translate('kontor.reason.label')}
          helperText={translate('kontor.import.reason_help')}
          value={reason}
          onChange={(event) => onReason(event.target.value)}
          fullWidth
          size="small"
          sx={{ mt: 3 }}
        />
      )}
    </Box>
  );
}
