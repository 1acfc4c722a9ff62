import { useState } from 'react';
import { Edit, ShowButton, TopToolbar, useNotify, useRefresh } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { EntityForm } from './EntityForm.tsx';
import { EntityTitle } from './EntityTitle.tsx';
import { RecordButtons } from './RecordButtons.tsx';

/**
 * `authLoading={false}` on Edit, Show and Create: react-admin decides "still checking access" from the query
 * cache without subscribing to it, so an access check cancelled by leaving a page (an Edit button that
 * appeared after the per-record check, then the user moved on) left the next page on "Loading" for good.
 * The access check itself still runs and gates the record's fetch; the server enforces it anyway.
 *
 * Editing is pessimistic: the server decides (permissions, validation, version), its field errors land on
 * the inputs, and a version conflict offers to reload instead of overwriting someone else's change.
 */
export function EntityEdit({ entity }: { entity: EntityMeta }) {
  const [conflict, setConflict] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const onError = (error: unknown) => {
    const { status, message, body } = error as { status?: number; message?: string; body?: { code?: string; message?: string } };
    // Only a stale version is "someone else changed it"; another 409 (a unique value already used) is a
    // field error, which react-admin shows under its input.
    if (status === 409 && body?.code === 'KONTOR_HTTP_VERSION_CONFLICT') {
      setConflict(true);
      return;
    }
    notify(body?.message ?? message ?? 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <>
      <Edit title={<EntityTitle entity={entity} />} authLoading={false} mutationMode="pessimistic" mutationOptions={{ onError }} actions={<TopToolbar><RecordButtons entity={entity} /><ShowButton /></TopToolbar>} redirect="show">
        <EntityForm entity={entity} mode="edit" />
      </Edit>
      <ConflictDialog
        open={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          refresh();
        }}
      />
    </>
  );
}
