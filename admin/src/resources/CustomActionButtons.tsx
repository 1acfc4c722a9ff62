import { useRecordContext, useRedirect, useRefresh } from 'react-admin';
import { DepartmentIcon } from '../layout/DepartmentIcon.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { RecordActionButton, type ActionAnswer } from './RecordActionButton.tsx';
import { useRecordActions } from './useRecordActions.ts';

/**
 * One button per custom action (a TypeScript definition's or a plugin's) that the user may run on this
 * record now: `_meta` names those the user's roles grant, the per-record answer those that apply to the
 * record as it is. Its description is the tooltip, its `confirm` is asked first. An action that created a
 * record of the same entity (a copy) answers with its address in `Location`: the page moves there.
 * Use inside a record context (a Show or Edit toolbar).
 */
export function CustomActionButtons({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  const actions = useRecordActions(entity);
  const t = useLocalized();
  const redirect = useRedirect();
  const refresh = useRefresh();
  if (!record || !actions || entity.customActions.length === 0) return null;
  const offered = entity.customActions.filter((action) => actions.custom.includes(action.name));
  const onDone = ({ headers }: ActionAnswer) => {
    refresh();
    const created = createdRecord(headers.get('Location'), entity.resource);
    if (created !== null) redirect('show', entity.resource, created);
  };
  return (
    <>
      {offered.map((action) => (
        <RecordActionButton
          key={action.name}
          entity={entity}
          record={record}
          path={`actions/${action.name}`}
          label={t(action.label)}
          testId={`action-${action.name}`}
          icon={action.icon ? <DepartmentIcon name={action.icon} /> : undefined}
          description={t(action.description)}
          confirm={action.confirm ? t(action.confirm) : null}
          onDone={onDone}
        />
      ))}
    </>
  );
}

/** The id in `Location: /api/<resource>/<id>` when it names a record of this resource; else null. */
export function createdRecord(location: string | null, resource: string): string | null {
  if (!location) return null;
  const path = location.replace(/^https?:\/\/[^/]+/, '');
  const prefix = `/api/${resource}/`;
  if (!path.startsWith(prefix)) return null;
  const id = decodeURIComponent(path.slice(prefix.length));
  return id !== '' && !id.includes('/') ? id : null;
}
