import { Box, Typography } from '@mui/material';
import { Datagrid, DateField, DateInput, FunctionField, List, NumberInput, SelectInput, TextField, TextInput, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';
import type { AuditEntry } from './HistoryTab.tsx';

const ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'password_changed', 'token_created', 'denied', 'export', 'seed', 'action', 'model_change'];

function Changes() {
  const entry = useRecordContext<AuditEntry>();
  if (!entry?.changes) return null;
  return (
    <Box component="pre" sx={{ m: 0, p: 1.5, fontSize: 12, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto' }}>
      {JSON.stringify(entry.changes, null, 2)}
    </Box>
  );
}

/**
 * The audit trail for auditors (`audit: [read]`): every entry with the filters of /api/audit; a row opens
 * to show its changes. Read-only by nature: the server has no route that changes an entry.
 */
export function AuditLog() {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const entityChoices = meta.entities.map((e) => ({ id: e.name, name: t(e.label) }));
  const filters = [
    <SelectInput key="entity" source="entity" label={translate('kontor.audit.entity')} choices={entityChoices} alwaysOn />,
    <SelectInput key="action" source="action" label={translate('kontor.audit.action')} choices={ACTIONS.map((a) => ({ id: a, name: translate(`kontor.history.action.${a}`, { _: a }) }))} alwaysOn />,
    <TextInput key="actor" source="actor" label={translate('kontor.audit.actor')} />,
    <NumberInput key="record_id" source="record_id" label={translate('kontor.audit.record')} />,
    <DateInput key="at_gte" source="at_gte" label={`${translate('kontor.audit.at')} ${translate('kontor.filter.from')}`} />,
    <DateInput key="at_lte" source="at_lte" label={`${translate('kontor.audit.at')} ${translate('kontor.filter.to')}`} />,
  ];
  return (
    <List resource="audit" title={translate('kontor.audit.title')} filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="expand" expand={<Changes />} sx={{ '& .RaDatagrid-headerCell': { fontWeight: 600 } }}>
        <TextField source="id" label="#" />
        <DateField source="at" label={translate('kontor.audit.at')} showTime locales={intlLocale(locale)} />
        <FunctionField source="action" label={translate('kontor.audit.action')} render={(r: AuditEntry) => translate(`kontor.history.action.${r.action}`, { _: r.action })} />
        <FunctionField
          source="entity"
          label={translate('kontor.audit.entity')}
          render={(r: AuditEntry) => {
            const entity = meta.entities.find((e) => e.name === r.entity);
            return entity ? t(entity.label) : (r.entity ?? '–');
          }}
        />
        <TextField source="record_id" label={translate('kontor.audit.record')} emptyText="–" sortable={false} />
        <TextField source="actor" label={translate('kontor.audit.actor')} emptyText="–" />
        <FunctionField sortable={false} label={translate('kontor.audit.reason')} render={(r: AuditEntry) => <Typography variant="body2" sx={{ fontStyle: r.reason ? 'italic' : undefined }}>{r.reason ?? '–'}</Typography>} />
      </Datagrid>
    </List>
  );
}
