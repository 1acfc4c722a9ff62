import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField, Tooltip } from '@mui/material';
import { useState, type ReactElement } from 'react';
import { Button, useNotify, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { httpClient } from '../providers/httpClient.ts';

/** The server's answer to a successful run: its headers say where a record the action created lives. */
export interface ActionAnswer {
  status: number;
  headers: Headers;
}

export interface RecordActionButtonProps {
  entity: EntityMeta;
  record: RaRecord;
  /** After the record's address: `transitions/activate`, `actions/duplicate`. */
  path: string;
  /** Already in the current language. */
  label: string;
  testId: string;
  icon?: ReactElement;
  /** Why the button is disabled, as its tooltip; an empty string: enabled. */
  blocked?: string;
  /** The tooltip of an enabled button. */
  description?: string;
  /** A question asked before it runs; null runs at once (unless a reason is needed). */
  confirm?: string | null;
  /** After success: by default the record is refreshed. */
  onDone?: (answer: ActionAnswer) => void;
}

/**
 * One action on one record, the shared part of transition and custom-action buttons: a click posts
 * `/api/<resource>/:id/<path>` with the record's version, after asking for the reason the entity's audit
 * requires and the confirmation the action asks for (one dialog); the server's refusal is shown as it comes,
 * success is announced and refreshes the record. Use inside a record context (a Show or Edit toolbar).
 */
export function RecordActionButton({ entity, record, path, label, testId, icon, blocked = '', description = '', confirm = null, onDone }: RecordActionButtonProps) {
  const text = useText();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const needsReason = entity.audit.enabled && entity.audit.reason === 'required';

  const run = async (why: string | null) => {
    setPending(true);
    try {
      const { status, headers } = await httpClient(`/api/${entity.resource}/${encodeURIComponent(String(record.id))}/${path}`, {
        method: 'POST',
        body: JSON.stringify({ version: record.version }),
        // Non-ASCII text is not allowed in a header value: the server percent-decodes the reason.
        headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json', ...(why ? { 'X-Change-Reason': encodeURIComponent(why) } : {}) }),
      });
      setAsking(false);
      setReason('');
      notify(text('done', { label }), { type: 'success' });
      if (onDone) onDone({ status, headers });
      else refresh();
    } catch (error) {
      // fetchJson's HttpError carries the server's message (`contract K-… is active; activate goes from draft`).
      notify((error as Error).message || text('done', { label }), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  const button = (
    <Button label={label} disabled={pending || blocked !== ''} onClick={() => (needsReason || confirm ? setAsking(true) : void run(null))} data-testid={testId}>
      {icon}
    </Button>
  );
  const hint = blocked || description;
  return (
    <>
      {hint ? (
        <Tooltip title={hint}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {(needsReason || confirm) && (
        <ActionDialog
          open={asking}
          title={needsReason ? text('reason_title', { label }) : label}
          question={confirm}
          reason={needsReason ? reason : null}
          pending={pending}
          onChange={setReason}
          onCancel={() => setAsking(false)}
          onConfirm={() => void run(needsReason ? reason.trim() : null)}
        />
      )}
    </>
  );
}

interface ActionDialogProps {
  open: boolean;
  title: string;
  /** The action's confirmation question, if it has one. */
  question: string | null;
  /** The reason typed so far where one is required; null where not. */
  reason: string | null;
  pending: boolean;
  onChange: (reason: string) => void;
  onCancel: () => void;
  onConfirm: () => void;
}

function ActionDialog({ open, title, question, reason, pending, onChange, onCancel, onConfirm }: ActionDialogProps) {
  const translate = useTranslate();
  const text = useText();
  const ready = (reason === null || reason.trim() !== '') && !pending;
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="record-action-title" fullWidth maxWidth="sm">
      <DialogTitle id="record-action-title">{title}</DialogTitle>
      <DialogContent>
        {question && <DialogContentText sx={{ mb: 2 }}>{question}</DialogContentText>}
        {reason !== null && (
          <>
            <DialogContentText sx={{ mb: 2 }}>{text('reason_body')}</DialogContentText>
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={2}
              label={translate('kontor.reason.label')}
              value={reason}
              onChange={(event) => onChange(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onCancel}>{translate('ra.action.cancel')}</MuiButton>
        <MuiButton onClick={onConfirm} variant="contained" disabled={!ready} autoFocus={reason === null}>
          {translate('ra.action.confirm')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}

/** Texts of the record's action buttons: `kontor.transition.<key>` in admin/src/i18n/kontorMessages.ts. */
function useText(): (key: string, options?: Record<string, unknown>) => string {
  const translate = useTranslate();
  return (key, options = {}) => translate(`kontor.transition.${key}`, options);
}
