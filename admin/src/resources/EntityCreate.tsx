import { Create } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { EntityForm } from './EntityForm.tsx';

export function EntityCreate({ entity }: { entity: EntityMeta }) {
  const t = useLocalized();
  return (
    <Create title={t(entity.label)} authLoading={false} redirect="show">
      <EntityForm entity={entity} mode="create" />
    </Create>
  );
}
