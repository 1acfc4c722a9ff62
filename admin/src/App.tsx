import { useMemo, type ReactNode } from 'react';
import { Admin, CustomRoutes, Resource, defaultTheme, type RaThemeOptions } from 'react-admin';
import { Route } from 'react-router-dom';
import { AuditLog } from './audit/AuditLog.tsx';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { createI18nProvider } from './i18n/i18nProvider.ts';
import { KontorLayout } from './layout/KontorLayout.tsx';
import { KontorLoginPage } from './layout/KontorLoginPage.tsx';
import type { UserMeta } from './meta/types.ts';
import { authProvider } from './providers/authProvider.ts';
import { dataProvider } from './providers/dataProvider.ts';
import { useModelReloadNotice } from './providers/modelReload.tsx';
import { EntityCreate } from './resources/EntityCreate.tsx';
import { EntityEdit } from './resources/EntityEdit.tsx';
import { EntityList } from './resources/EntityList.tsx';
import { EntityShow } from './resources/EntityShow.tsx';
import { LotTraceView } from './trace/LotTraceView.tsx';

/** What the server tells everyone, signed in or not (`GET /api/_app`). */
export interface AppInfo {
  name: string;
  locale: { default: string; available: string[] };
}

const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: { primary: { main: '#345e37' }, secondary: { main: '#8a5a19' }, background: { default: '#f6f7f5' } },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  shape: { borderRadius: 6 },
  components: {
    ...defaultTheme.components,
    RaDatagrid: { styleOverrides: { root: { '& .RaDatagrid-rowCell': { paddingTop: 6, paddingBottom: 6 } } } },
  },
} as RaThemeOptions;

/** The layout of the signed-in app, watching for a model the server reloaded meanwhile. */
function Layout({ children }: { children: ReactNode }) {
  useModelReloadNotice();
  return <KontorLayout>{children}</KontorLayout>;
}

/**
 * The admin app. After login it builds a `<Resource>` per entity of the user's `_meta`: a business admin
 * who adds an entity to the YAML and restarts the server gets its screens without a new build.
 */
export function App({ info }: { info: AppInfo }) {
  const i18nProvider = useMemo(() => createI18nProvider(info.locale.default, info.locale.available), [info]);
  return (
    <Admin
      title={info.name}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      dashboard={Dashboard}
      loginPage={<KontorLoginPage appName={info.name} />}
      theme={theme}
      requireAuth
      disableTelemetry
    >
      {(meta: UserMeta | null) => [
        ...(meta?.entities ?? []).map((entity) => (
          <Resource
            key={entity.resource}
            name={entity.resource}
            list={<EntityList entity={entity} />}
            show={<EntityShow entity={entity} />}
            edit={entity.actions.includes('update') ? <EntityEdit entity={entity} /> : undefined}
            create={entity.actions.includes('create') ? <EntityCreate entity={entity} /> : undefined}
            recordRepresentation={entity.title ?? 'id'}
          >
            {entity.trace && <Route path=":id/trace" element={<LotTraceView entity={entity} />} />}
          </Resource>
        )),
        ...(meta?.audit.read
          ? [<Resource key="audit" name="audit" list={<AuditLog />} />]
          : [<CustomRoutes key="none"><Route path="/__none" element={null} /></CustomRoutes>]),
      ]}
    </Admin>
  );
}
