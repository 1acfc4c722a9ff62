import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { Box, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { DashboardItemMeta, EntityMeta } from '../meta/types.ts';
import { ActionItem, type ReportCount } from './ActionItem.tsx';

/**
 * A department's "next things to act on", under a heading that turns into an all-clear once every item has
 * been counted and none has a record waiting.
 */
export function ActionList({ items, entities }: { items: readonly DashboardItemMeta[]; entities: readonly EntityMeta[] }) {
  const translate = useTranslate();
  const [counts, setCounts] = useState<Record<number, number | undefined>>({});
  const report = useCallback<ReportCount>((index, total) => setCounts((previous) => (previous[index] === total ? previous : { ...previous, [index]: total })), []);
  const shown = items.flatMap((item, index) => {
    const entity = entities.find((e) => e.name === item.entity);
    return entity ? [{ item, entity, index }] : [];
  });
  if (shown.length === 0) return null;
  const allClear = shown.every(({ index }) => counts[index] === 0);
  return (
    <Box component="section" sx={{ pb: 1 }} data-testid="dashboard-actions">
      {allClear ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, pb: 0.5, color: 'success.main' }}>
          <CheckCircleOutlineIcon fontSize="small" />
          <Typography variant="body2">{translate('kontor.dashboard.nothing')}</Typography>
        </Box>
      ) : (
        <Typography variant="overline" component="h3" sx={{ display: 'block', px: 2, color: 'text.secondary', lineHeight: 2 }}>
          {translate('kontor.dashboard.next')}
        </Typography>
      )}
      {shown.map(({ item, entity, index }) => (
        <ActionItem key={index} item={item} entity={entity} index={index} onCount={report} />
      ))}
    </Box>
  );
}
