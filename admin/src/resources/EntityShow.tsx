import { Box } from '@mui/material';
import { DeleteWithConfirmButton, EditButton, Labeled, Show, TabbedShowLayout, TopToolbar, useTranslate } from 'react-admin';
import { HistoryTab } from '../audit/HistoryTab.tsx';
import { fieldKind } from '../fields/registry.ts';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { TraceButton } from '../trace/TraceButton.tsx';
import { EntityTitle } from './EntityTitle.tsx';
import { isWide } from './formLayout.ts';
import { RecordButtons } from './RecordButtons.tsx';
import { useRecordActions } from './useRecordActions.ts';

function ShowActions({ entity }: { entity: EntityMeta }) {
  const actions = useRecordActions(entity);
  return (
    <TopToolbar>
      <RecordButtons entity={entity} />
      <TraceButton entity={entity} />
      {actions?.update && <EditButton />}
      {actions?.delete && <DeleteWithConfirmButton mutationMode="pessimistic" />}
    </TopToolbar>
  );
}

/** A record: its fields in a two-column grid (long texts and child tables across), and its history. */
export function EntityShow({ entity }: { entity: EntityMeta }) {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  return (
    <Show title={<EntityTitle entity={entity} />} authLoading={false} actions={<ShowActions entity={entity} />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('kontor.show.details')}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 4, rowGap: 1, width: '100%' }}>
            {entity.fields.map((field) => {
              const kind = fieldKind(field.type);
              return (
                <Box key={field.name} sx={{ gridColumn: isWide(field) ? '1 / -1' : undefined, minWidth: 0 }}>
                  <Labeled label={t(field.label)} fullWidth>
                    <kind.Display field={field} entity={entity} meta={meta} source={field.name} label={t(field.label)} />
                  </Labeled>
                </Box>
              );
            })}
          </Box>
        </TabbedShowLayout.Tab>
        {(entity.audit.enabled) && (
          <TabbedShowLayout.Tab label={translate('kontor.history.tab')} path="history">
            <HistoryTab entity={entity} />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
}
