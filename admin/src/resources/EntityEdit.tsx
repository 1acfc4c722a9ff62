import { useState } from 'react';
import { Edit, ShowButton, TopToolbar, useNotify, useRefresh } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { EntityForm } from './EntityForm.tsx';
import { EntityTitle } from './EntityTitle.tsx';

/**
 * Editing is pessimistic: the server decides (permissions, validation, version), its field errors land on
 * the inputs, and a version conflict offers to reload instead of overwriting someone else's change.
 */
export function EntityEdit({ entity }: { entity: EntityMeta }) {
  const [conflict, setConflict] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const onError = (error: unknown) => {
    const { status, message, body } = error as { status?: number; message?: string; body?: { message?: string } };
    if (status === 409) {
      setConflict(true);
      return;
    }
    notify(body?.message ?? message ?? 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <>
      <Edit title={<EntityTitle entity={entity} />} mutationMode="pessimistic" mutationOptions={{ onError }} actions={<TopToolbar><ShowButton /></TopToolbar>} redirect="show">
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
