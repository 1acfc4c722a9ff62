import type { RaRecord } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';

/** A record in one of its workflow's `lock` states (a posted invoice) changes only through transitions. */
export function isLocked(entity: EntityMeta, record: RaRecord | undefined): boolean {
  const workflow = entity.workflow;
  if (!workflow || !record) return false;
  return workflow.lock.includes(record[workflow.field] as string);
}
