import { useRecordContext, useTranslate } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { RecordActionButton } from './RecordActionButton.tsx';
import { useRecordActions } from './useRecordActions.ts';

/**
 * One button per workflow transition the user may run on this record now (the server's per-record answer:
 * grant scope, state, four eyes; a transition four eyes forbids them shows disabled, saying why, as does one
 * whose required fields are still empty). Use inside a record context (a Show or Edit toolbar).
 */
export function TransitionButtons({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  const actions = useRecordActions(entity);
  const t = useLocalized();
  const translate = useTranslate();
  const workflow = entity.workflow;
  if (!record || !workflow || !actions) return null;
  const offered = workflow.transitions.filter((t) => actions.transitions.includes(t.name) || actions.fourEyes.includes(t.name));
  return (
    <>
      {offered.map((transition) => {
        // Fields the transition requires that are visibly empty; one the user cannot read is the server's call.
        const missing = transition.requires
          .map((name) => entity.fields.find((f) => f.name === name))
          .filter((field) => field !== undefined && isEmpty(record[field.name]))
          .map((field) => t(field?.label));
        const blocked = actions.fourEyes.includes(transition.name)
          ? translate('kontor.transition.four_eyes')
          : missing.length > 0
            ? translate('kontor.transition.needs', { fields: missing.join(', ') })
            : '';
        return (
          <RecordActionButton
            key={transition.name}
            entity={entity}
            record={record}
            path={`transitions/${transition.name}`}
            label={t(transition.label)}
            testId={`transition-${transition.name}`}
            blocked={blocked}
          />
        );
      })}
    </>
  );
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
