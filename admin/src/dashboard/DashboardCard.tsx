import { Card, CardContent, Divider, Typography } from '@mui/material';
import { DepartmentIcon } from '../layout/DepartmentIcon.tsx';
import type { DepartmentMeta, EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { ActionList } from './ActionList.tsx';
import { EntityCount } from './EntityCount.tsx';

/**
 * One department: what to act on next (its dashboard items, which may count other departments' records),
 * then how many records each of its own entities has.
 */
export function DashboardCard({ department, entities }: { department: DepartmentMeta; entities: readonly EntityMeta[] }) {
  const t = useLocalized();
  const own = entities.filter((e) => e.department === department.name);
  const hasActions = department.dashboard.length > 0;
  return (
    <Card variant="outlined" data-testid={`dashboard-${department.name}`}>
      <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 1, pb: 1 }}>
        <DepartmentIcon name={department.icon} fontSize="medium" />
        <Typography variant="h6" component="h2">
          {t(department.label)}
        </Typography>
      </CardContent>
      {hasActions && <ActionList items={department.dashboard} entities={entities} />}
      {hasActions && own.length > 0 && <Divider />}
      {own.map((entity) => (
        <EntityCount key={entity.resource} entity={entity} />
      ))}
    </Card>
  );
}
