import { Create, useNotify } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { EntityForm } from './EntityForm.tsx';

export function EntityCreate({ entity }: { entity: EntityMeta }) {
  const t = useLocalized();
  const notify = useNotify();
  // The server's message, not react-admin's "the form is not valid": a domain rule says why ("Call-off
  // refused: … the GMP+ certificate … expired"); its field errors still land on the inputs.
  const onError = (error: unknown) => {
    const { message, body } = error as { message?: string; body?: { message?: string } };
    notify(body?.message ?? message ?? 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <Create title={t(entity.label)} authLoading={false} redirect="show" mutationOptions={{ onError }}>
      <EntityForm entity={entity} mode="create" />
    </Create>
  );
}
