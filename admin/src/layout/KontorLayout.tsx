import type { ReactNode } from 'react';
import { AppBar, Layout, Loading, usePermissions } from 'react-admin';
import { MetaContext } from '../meta/EntityContext.tsx';
import type { UserMeta } from '../meta/types.ts';
import { KontorMenu } from './KontorMenu.tsx';
import { useServerWarnings } from '../providers/serverWarnings.ts';
import { useSessionTimeout } from './useSessionTimeout.ts';

const KontorAppBar = () => <AppBar color="primary" />;

/** React-admin's layout with the department menu; every page inside it can read the user's `_meta`. */
export function KontorLayout({ children }: { children: ReactNode }) {
  const { permissions, isPending } = usePermissions<UserMeta | null>();
  useSessionTimeout();
  useServerWarnings();
  if (isPending || !permissions) return <Loading />;
  return (
    <MetaContext.Provider value={permissions}>
      <Layout menu={KontorMenu} appBar={KontorAppBar}>{children}</Layout>
    </MetaContext.Provider>
  );
}
