import type { EntityMeta } from '../meta/types.ts';
import { CustomActionButtons } from './CustomActionButtons.tsx';
import { TransitionButtons } from './TransitionButtons.tsx';

/** What the user may do to the record now besides Edit and Delete: its workflow transitions, then its custom actions. */
export function RecordButtons({ entity }: { entity: EntityMeta }) {
  return (
    <>
      <TransitionButtons entity={entity} />
      <CustomActionButtons entity={entity} />
    </>
  );
}
