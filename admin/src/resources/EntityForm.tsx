import { Alert, Box } from '@mui/material';
import { DeleteWithConfirmButton, Labeled, SaveButton, SimpleForm, TextInput, Toolbar, required, useTranslate } from 'react-admin';
import { fieldKind } from '../fields/registry.ts';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { REASON_FIELD } from '../providers/dataProvider.ts';
import { isWide } from './formLayout.ts';
import { useRecordActions } from './useRecordActions.ts';

/** `today` and `now` defaults as the server would fill them, so the form shows (and may change) them. */
function resolveDefault(type: string, value: unknown): unknown {
  if (type === 'datetime' && value === 'now') return new Date().toISOString();
  if (type !== 'date' || value !== 'today') return value;
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function FormToolbar({ entity, mode }: { entity: EntityMeta; mode: 'create' | 'edit' }) {
  return (
    <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
      {mode === 'edit' ? <SaveIfAllowed entity={entity} /> : <SaveButton />}
      {mode === 'edit' && <DeleteIfAllowed entity={entity} />}
    </Toolbar>
  );
}

/** A record the user may not change (someone else's, or locked) keeps its form, read-only in effect, and says why. */
function SaveIfAllowed({ entity }: { entity: EntityMeta }) {
  const actions = useRecordActions(entity);
  const translate = useTranslate();
  if (actions && !actions.update) {
    return (
      <Alert severity="info" data-testid="read-only-notice">
        {translate('kontor.edit.read_only')}
      </Alert>
    );
  }
  return <SaveButton disabled={actions === null} />;
}

function DeleteIfAllowed({ entity }: { entity: EntityMeta }) {
  const actions = useRecordActions(entity);
  return actions?.delete ? <DeleteWithConfirmButton mutationMode="pessimistic" /> : null;
}

/**
 * The create and edit form of an entity: an input per field the user may write, the others shown read-only
 * (on edit; on create a value the server assigns has nothing to show yet), and a reason for the change
 * where the entity's audit settings require one.
 */
export function EntityForm({ entity, mode }: { entity: EntityMeta; mode: 'create' | 'edit' }) {
  const meta = useMeta();
  const t = useLocalized();
  const translate = useTranslate();
  // An input only for what the user may write; the workflow's state changes only through its transitions
  // (the buttons above the form). Defaults only of those inputs: a field the user may not write (an
  // employee's leave request status) is the server's to fill, which refuses a value sent for it (403).
  const hasInput = (field: EntityMeta['fields'][number]) => Boolean(fieldKind(field.type).Input) && field.writable && entity.workflow?.field !== field.name;
  const defaults = Object.fromEntries(entity.fields.filter((f) => f.default !== null && f.default !== undefined && hasInput(f)).map((f) => [f.name, resolveDefault(f.type, f.default)]));
  return (
    <SimpleForm toolbar={<FormToolbar entity={entity} mode={mode} />} defaultValues={mode === 'create' ? defaults : undefined} warnWhenUnsavedChanges>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 3, width: '100%', maxWidth: 1100 }}>
        {entity.fields.map((field) => {
          const kind = fieldKind(field.type);
          const label = t(field.label);
          const wide = isWide(field) ? { gridColumn: '1 / -1' } : {};
          if (!kind.Input || !hasInput(field)) {
            if (mode === 'create') return null;
            return (
              <Box key={field.name} sx={{ ...wide, mb: 2 }}>
                <Labeled label={label}>
                  <kind.Display field={field} entity={entity} meta={meta} source={field.name} label={label} />
                </Labeled>
              </Box>
            );
          }
          return (
            <Box key={field.name} sx={{ ...wide, minWidth: 0 }} title={t(field.help) || undefined}>
              <kind.Input field={field} entity={entity} meta={meta} source={field.name} label={label} />
            </Box>
          );
        })}
        {mode === 'edit' && entity.audit.enabled && entity.audit.reason === 'required' && (
          <Box sx={{ gridColumn: '1 / -1' }}>
            <TextInput source={REASON_FIELD} label={translate('kontor.reason.label')} helperText={translate('kontor.reason.help')} validate={required()} fullWidth multiline />
          </Box>
        )}
      </Box>
    </SimpleForm>
  );
}
