import { Box, Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { Title, useGetList, useGetIdentity, useTranslate } from 'react-admin';
import { DepartmentIcon } from '../layout/DepartmentIcon.tsx';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';

function EntityCount({ entity }: { entity: EntityMeta }) {
  const t = useLocalized();
  const { total, isPending } = useGetList(entity.resource, { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } });
  return (
    <CardActionArea component={Link} to={`/${entity.resource}`} sx={{ display: 'flex', justifyContent: 'space-between', px: 2, py: 0.75 }}>
      <Typography variant="body2">{t(entity.plural)}</Typography>
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, minWidth: 32, textAlign: 'right' }}>
        {isPending ? '…' : (total ?? 0).toLocaleString()}
      </Typography>
    </CardActionArea>
  );
}

/** A card per department the user can see, with record counts of its entities. */
export function Dashboard() {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const departments = [...meta.departments].sort((a, b) => a.order - b.order);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('kontor.dashboard.title')} />
      <Typography variant="h5" sx={{ mb: 2 }}>
        {translate('kontor.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      {departments.length === 0 && <Typography color="text.secondary">{translate('kontor.dashboard.empty')}</Typography>}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
        {departments.map((department) => (
          <Card key={department.name} variant="outlined" data-testid={`dashboard-${department.name}`}>
            <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 1, pb: 1 }}>
              <DepartmentIcon name={department.icon} fontSize="medium" />
              <Typography variant="h6">{t(department.label)}</Typography>
            </CardContent>
            {meta.entities
              .filter((e) => e.department === department.name)
              .map((entity) => (
                <EntityCount key={entity.resource} entity={entity} />
              ))}
          </Card>
        ))}
      </Box>
    </Box>
  );
}
