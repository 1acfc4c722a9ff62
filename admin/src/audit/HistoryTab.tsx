import { Box, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Loading, useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';
import { changeValue } from './changeValue.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string | null;
  record_id: number | null;
  reason: string | null;
  changes: Record<string, unknown> | null;
}

const TONE: Record<string, 'success' | 'info' | 'error'> = { create: 'success', update: 'info', delete: 'error' };

/** The audit entries of one record, newest first: who changed what, when, from which value to which. */
export function HistoryTab({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = useLocalized();
  const { data, isPending, error } = useGetList<AuditEntry>(
    'audit',
    { filter: { entity: entity.name, record_id: record?.id }, sort: { field: 'id', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: record !== undefined },
  );
  if (isPending) return <Loading />;
  if (error) return <Typography color="error">{(error as Error).message}</Typography>;
  if (!data || data.length === 0) return <Typography sx={{ color: 'text.secondary', p: 2 }}>{translate('kontor.history.empty')}</Typography>;
  const intl = intlLocale(locale);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, width: '100%' }} data-testid="history">
      {data.map((entry) => {
        // A transition's entry names it in `_transition` (no field starts with "_"); it heads the entry.
        const transition = typeof entry.changes?._transition === 'string' ? entity.workflow?.transitions.find((x) => x.name === entry.changes?._transition) : undefined;
        const transitionName = typeof entry.changes?._transition === 'string' ? entry.changes._transition : null;
        const changes = Object.entries(entry.changes ?? {}).filter(([name]) => !name.startsWith('_'));
        return (
          <Paper key={entry.id} variant="outlined" sx={{ p: 2 }} data-testid="history-entry">
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: changes.length ? 1 : 0 }}>
              <Chip size="small" color={TONE[entry.action] ?? 'info'} label={translate(`kontor.history.action.${entry.action}`, { _: entry.action })} />
              {transitionName && <Typography variant="body2" sx={{ fontWeight: 600 }}>{transition ? t(transition.label) : transitionName}</Typography>}
              <Typography variant="body2">{new Date(entry.at).toLocaleString(intl)}</Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('kontor.history.by', { actor: entry.actor ?? '–' })}
              </Typography>
              {entry.reason && (
                <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
                  {translate('kontor.history.reason', { reason: entry.reason })}
                </Typography>
              )}
            </Box>
            {changes.length > 0 && (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: '25%' }}>{translate('kontor.history.field')}</TableCell>
                    <TableCell>{translate('kontor.history.before')}</TableCell>
                    <TableCell>{translate('kontor.history.after')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {changes.map(([name, change]) => {
                    const field = entity.fields.find((f) => f.name === name);
                    const label = field ? t(field.label) : name;
                    if (Array.isArray(change) && change.length === 2) {
                      return (
                        <TableRow key={name}>
                          <TableCell>{label}</TableCell>
                          <TableCell sx={{ color: 'text.secondary', textDecoration: entry.action === 'update' ? 'line-through' : undefined }}>{changeValue(change[0], field, locale, intl)}</TableCell>
                          <TableCell>{changeValue(change[1], field, locale, intl)}</TableCell>
                        </TableRow>
                      );
                    }
                    const rows = change as { added?: unknown[]; changed?: unknown[]; removed?: unknown[] };
                    const parts = [
                      rows.added?.length ? translate('kontor.history.added', { smart_count: rows.added.length }) : null,
                      rows.removed?.length ? translate('kontor.history.removed', { smart_count: rows.removed.length }) : null,
                    ].filter(Boolean);
                    return (
                      <TableRow key={name}>
                        <TableCell>{label}</TableCell>
                        <TableCell colSpan={2}>{parts.join(', ') || changeValue(change, undefined, locale, intl)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </Paper>
        );
      })}
    </Box>
  );
}
