import type { ReactNode } from 'react';
import { Layout, Loading, usePermissions } from 'react-admin';
import { MetaContext } from '../meta/EntityContext.tsx';
import type { UserMeta } from '../meta/types.ts';
import { KontorMenu } from './KontorMenu.tsx';

/** React-admin's layout with the department menu; every page inside it can read the user's `_meta`. */
export function KontorLayout({ children }: { children: ReactNode }) {
  const { permissions, isPending } = usePermissions<UserMeta | null>();
  if (isPending || !permissions) return <Loading />;
  return (
    <MetaContext.Provider value={permissions}>
      <Layout menu={KontorMenu}>{children}</Layout>
    </MetaContext.Provider>
  );
}
