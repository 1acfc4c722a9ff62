import { Box, Typography } from '@mui/material';
import InboxIcon from '@mui/icons-material/Inbox';
import { BulkDeleteButton, CreateButton, DatagridConfigurable, FilterButton, List, SelectColumnsButton, TopToolbar, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { ExportCsvButton } from '../transfer/ExportCsvButton.tsx';
import { ImportButton } from '../transfer/ImportButton.tsx';
import { listColumns } from './columns.tsx';
import { listFilters } from './listFilters.tsx';

function ListActions({ entity }: { entity: EntityMeta }) {
  return (
    <TopToolbar>
      <FilterButton />
      <SelectColumnsButton />
      {entity.actions.includes('create') && <CreateButton />}
      {entity.actions.includes('create') && <ImportButton entity={entity} />}
      {entity.actions.includes('export') && <ExportCsvButton />}
    </TopToolbar>
  );
}

function EmptyList({ entity }: { entity: EntityMeta }) {
  const t = useLocalized();
  const translate = useTranslate();
  const canCreate = entity.actions.includes('create');
  return (
    <Box sx={{ textAlign: 'center', m: 6, color: 'text.secondary' }}>
      <InboxIcon sx={{ fontSize: 72, opacity: 0.4 }} />
      <Typography variant="h6" sx={{ mt: 1 }}>
        {translate('kontor.list.empty_title', { name: t(entity.plural) })}
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate(canCreate ? 'kontor.list.empty_create' : 'kontor.list.empty_readonly')}
      </Typography>
      {canCreate && (
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'center' }}>
          <CreateButton variant="contained" />
          <ImportButton entity={entity} />
        </Box>
      )}
    </Box>
  );
}

/** The entity's default sort, unless the user may not sort by that field (hidden from them): then newest first. */
function defaultSort(entity: EntityMeta): { field: string; order: 'ASC' | 'DESC' } {
  const sort = entity.sort;
  if (sort && (sort.field === 'id' || entity.fields.some((f) => f.name === sort.field && f.sortable))) return sort;
  return { field: 'id', order: 'DESC' };
}

/** The list of an entity: its `list` columns, sortable, paginated, with search and a filter per field. */
export function EntityList({ entity }: { entity: EntityMeta }) {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  return (
    <List
      title={t(entity.plural)}
      authLoading={false}
      filters={listFilters(entity, meta, t, translate)}
      sort={defaultSort(entity)}
      perPage={25}
      actions={<ListActions entity={entity} />}
      empty={<EmptyList entity={entity} />}
      exporter={false}
      storeKey={`kontor.${entity.resource}.list`}
    >
      <DatagridConfigurable
        rowClick="show"
        bulkActionButtons={entity.actions.includes('delete') ? <BulkDeleteButton mutationMode="pessimistic" /> : false}
        sx={{ '& .RaDatagrid-headerCell': { fontWeight: 600, whiteSpace: 'nowrap' } }}
      >
        {listColumns(entity, meta, t)}
      </DatagridConfigurable>
    </List>
  );
}
