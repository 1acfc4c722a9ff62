import { CardActionArea, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useLocaleState } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';

/** One entity of a department card: its plural and how many records the user can see, linking to the list. */
export function EntityCount({ entity }: { entity: EntityMeta }) {
  const t = useLocalized();
  const [locale] = useLocaleState();
  const { total, isPending } = useGetList(entity.resource, { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } });
  return (
    <CardActionArea component={Link} to={`/${entity.resource}`} sx={{ display: 'flex', justifyContent: 'space-between', px: 2, py: 0.75 }}>
      <Typography variant="body2">{t(entity.plural)}</Typography>
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, minWidth: 32, textAlign: 'right' }}>
        {isPending ? '…' : (total ?? 0).toLocaleString(intlLocale(locale))}
      </Typography>
    </CardActionArea>
  );
}
