import { Box, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import { DashboardCard } from './DashboardCard.tsx';

/**
 * The overview: a card per department the user can see, each with what to act on next (departments.yaml
 * `dashboard:`) and the record counts of its entities.
 */
export function Dashboard() {
  const meta = useMeta();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const departments = [...meta.departments].sort((a, b) => a.order - b.order);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('kontor.dashboard.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {translate('kontor.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      {departments.length === 0 && <Typography color="text.secondary">{translate('kontor.dashboard.empty')}</Typography>}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', alignItems: 'start' }}>
        {departments.map((department) => (
          <DashboardCard key={department.name} department={department} entities={meta.entities} />
        ))}
      </Box>
    </Box>
  );
}
