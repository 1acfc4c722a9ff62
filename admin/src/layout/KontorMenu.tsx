import { ListSubheader } from '@mui/material';
import { Menu, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import { useLocalized } from '../meta/useLocalized.ts';
import { DepartmentIcon } from './DepartmentIcon.tsx';

/**
 * The menu: the overview, then one group per department the user can see (order, label and icon from
 * departments.yaml), each with the entities the user may read; the audit log for those allowed to read it.
 */
export function KontorMenu() {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  const departments = [...meta.departments].sort((a, b) => a.order - b.order);
  return (
    <Menu>
      <Menu.DashboardItem primaryText={translate('kontor.menu.dashboard')} />
      {departments.map((department) => {
        const entities = meta.entities.filter((e) => e.department === department.name);
        if (entities.length === 0) return null;
        return (
          <nav key={department.name} aria-label={t(department.label)} data-department={department.name}>
            <ListSubheader disableSticky sx={{ display: 'flex', alignItems: 'center', gap: 1, lineHeight: '32px', mt: 1, bgcolor: 'transparent', fontWeight: 600, textTransform: 'uppercase', fontSize: 12, letterSpacing: 0.5 }}>
              <DepartmentIcon name={department.icon} />
              <span className="RaMenu-department-label">{t(department.label)}</span>
            </ListSubheader>
            {entities.map((entity) => (
              <Menu.Item key={entity.resource} to={`/${entity.resource}`} primaryText={t(entity.plural)} leftIcon={<span />} sx={{ pl: 3 }} />
            ))}
          </nav>
        );
      })}
      {meta.audit.read && (
        <>
          <ListSubheader disableSticky sx={{ display: 'flex', alignItems: 'center', gap: 1, lineHeight: '32px', mt: 1, bgcolor: 'transparent', fontWeight: 600, textTransform: 'uppercase', fontSize: 12 }}>
            <DepartmentIcon name="policy" />
            <span>{translate('kontor.audit.menu')}</span>
          </ListSubheader>
          <Menu.Item to="/audit" primaryText={translate('kontor.audit.menu')} leftIcon={<span />} sx={{ pl: 3 }} />
        </>
      )}
    </Menu>
  );
}
