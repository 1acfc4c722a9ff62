import { Box, CardActionArea, Tooltip, Typography } from '@mui/material';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import type { DashboardItemMeta, EntityMeta } from '../meta/types.ts';
import { useMeta } from '../meta/EntityContext.tsx';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';
import { listLink } from './listLink.ts';
import { resolveFilter } from './resolveFilter.ts';

/** What the card needs to know of an item's count: undefined while loading or after a failure. */
export type ReportCount = (index: number, total: number | undefined) => void;

/**
 * One "next thing to act on": its label and how many records match its filter (relative days resolved to
 * today's date here, in the browser), linking to the entity's list with that filter. While records match it
 * takes its tone's colour; at zero it steps back.
 */
export function ActionItem({ item, entity, index, onCount }: { item: DashboardItemMeta; entity: EntityMeta; index: number; onCount: ReportCount }) {
  const t = useLocalized();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // Keyed by the day, so a dashboard left open past midnight counts against the new day.
  const today = new Date().toDateString();
  const userId = useMeta().user.id;
  const filter = useMemo(() => resolveFilter(item.filter, new Date(today), userId), [item.filter, today, userId]);
  const { total, isPending, error } = useGetList(entity.resource, { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' }, filter });
  const count = isPending || error ? undefined : (total ?? 0);
  useEffect(() => onCount(index, count), [onCount, index, count]);
  const active = count !== undefined && count > 0;
  const tone = item.tone ?? 'primary';
  return (
    <CardActionArea
      component={Link}
      to={listLink(entity.resource, filter)}
      data-testid="dashboard-action"
      data-count={count}
      sx={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        gap: 1,
        px: 2,
        py: 0.75,
        borderLeft: 3,
        borderLeftColor: active ? `${tone}.main` : 'transparent',
      }}
    >
      <Typography variant="body2" sx={{ color: active ? 'text.primary' : 'text.secondary', fontWeight: active ? 500 : 400 }}>
        {t(item.label)}
      </Typography>
      <Tooltip title={error ? translate('kontor.dashboard.count_failed') : ''}>
        <Box
          component="span"
          sx={{
            fontVariantNumeric: 'tabular-nums',
            fontWeight: 600,
            fontSize: 14,
            minWidth: 32,
            px: 1,
            textAlign: 'center',
            borderRadius: 3,
            bgcolor: active ? `${tone}.main` : 'transparent',
            color: active ? `${tone}.contrastText` : 'text.disabled',
          }}
        >
          {error ? '–' : count === undefined ? '…' : count.toLocaleString(intlLocale(locale))}
        </Box>
      </Tooltip>
    </CardActionArea>
  );
}
