import { createContext, useContext } from 'react';
import type { EntityMeta, UserMeta } from './types.ts';

/** The whole `_meta` of the signed-in user, for screens that look across entities (references, menu). */
export const MetaContext = createContext<UserMeta | null>(null);

export function useMeta(): UserMeta {
  const meta = useContext(MetaContext);
  if (!meta) throw new Error('useMeta outside <MetaContext.Provider>');
  return meta;
}

export function useEntity(resource: string): EntityMeta {
  const entity = useMeta().entities.find((e) => e.resource === resource);
  if (!entity) throw new Error(`no entity for resource ${resource}`);
  return entity;
}
