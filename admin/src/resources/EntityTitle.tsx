import { useRecordContext } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';

/** "Contract K-2026-0042" in the page header: the entity's label and the record's title field. */
export function EntityTitle({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  const t = useLocalized();
  if (!record) return <span>{t(entity.label)}</span>;
  const title = entity.title ? record[entity.title] : null;
  return <span>{`${t(entity.label)} ${title === null || title === undefined || title === '' ? `#${String(record.id)}` : String(title)}`}</span>;
}
