import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { httpClient } from '../providers/httpClient.ts';
import { useRecordActions } from './useRecordActions.ts';

type Transition = NonNullable<EntityMeta['workflow']>['transitions'][number];


/**
 * One button per workflow transition the user may run on this record now (the server's per-record answer:
 * grant scope, state, four eyes; a transition four eyes forbids them shows disabled, saying why). A click posts `/api/<resource>/:id/transitions/<name>` with the record's version, after asking for
 * a reason where the entity requires one; the server's refusal is shown as it comes, success refreshes.
 * Use inside a record context (a Show or Edit toolbar).
 */
export function TransitionButtons({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  const actions = useRecordActions(entity);
  const workflow = entity.workflow;
  if (!record || !workflow || !actions) return null;
  const offered = workflow.transitions.filter((t) => actions.transitions.includes(t.name) || actions.fourEyes.includes(t.name));
  return (
    <>
      {offered.map((transition) => (
        <TransitionButton key={transition.name} entity={entity} transition={transition} record={record} ownRecord={actions.fourEyes.includes(transition.name)} />
      ))}
    </>
  );
}

function TransitionButton({ entity, transition, record, ownRecord }: { entity: EntityMeta; transition: Transition; record: RaRecord; ownRecord: boolean }) {
  const t = useLocalized();
  const text = useText();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const label = t(transition.label);
  const needsReason = entity.audit.enabled && entity.audit.reason === 'required';
  // Fields the transition requires that are visibly empty; one the user cannot read is the server's call.
  const missing = transition.requires
    .map((name) => entity.fields.find((f) => f.name === name))
    .filter((field) => field !== undefined && isEmpty(record[field.name]))
    .map((field) => t(field?.label));

  const run = async (why: string | null) => {
    setPending(true);
    try {
      await httpClient(`/api/${entity.resource}/${encodeURIComponent(String(record.id))}/transitions/${transition.name}`, {
        method: 'POST',
        body: JSON.stringify({ version: record.version }),
        // Non-ASCII text is not allowed in a header value: the server percent-decodes the reason.
        headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json', ...(why ? { 'X-Change-Reason': encodeURIComponent(why) } : {}) }),
      });
      setAsking(false);
      setReason('');
      notify(text('done', { label }), { type: 'success' });
      refresh();
    } catch (error) {
      // fetchJson's HttpError carries the server's message (`contract K-… is active; activate goes from draft`).
      notify((error as Error).message || text('done', { label }), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  const hint = ownRecord ? text('four_eyes') : missing.length > 0 ? text('needs', { fields: missing.join(', ') }) : '';
  const button = (
    <Button label={label} disabled={pending || ownRecord || missing.length > 0} onClick={() => (needsReason ? setAsking(true) : void run(null))} data-testid={`transition-${transition.name}`} />
  );
  return (
    <>
      {hint ? (
        <Tooltip title={hint}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {needsReason && (
        <ReasonDialog
          open={asking}
          title={text('reason_title', { label })}
          reason={reason}
          pending={pending}
          onChange={setReason}
          onCancel={() => setAsking(false)}
          onConfirm={() => void run(reason.trim())}
        />
      )}
    </>
  );
}

function ReasonDialog(props: { open: boolean; title: string; reason: string; pending: boolean; onChange: (reason: string) => void; onCancel: () => void; onConfirm: () => void }) {
  const translate = useTranslate();
  const text = useText();
  const ready = props.reason.trim() !== '' && !props.pending;
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby="transition-reason-title" fullWidth maxWidth="sm">
      <DialogTitle id="transition-reason-title">{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{text('reason_body')}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          label={translate('kontor.reason.label')}
          value={props.reason}
          onChange={(event) => props.onChange(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={props.onCancel}>{translate('ra.action.cancel')}</MuiButton>
        <MuiButton onClick={props.onConfirm} variant="contained" disabled={!ready}>
          {translate('ra.action.confirm')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}

/** Texts of this component: `kontor.transition.<key>` in admin/src/i18n/kontorMessages.ts. */
function useText(): (key: string, options?: Record<string, unknown>) => string {
  const translate = useTranslate();
  return (key, options = {}) => translate(`kontor.transition.${key}`, options);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
