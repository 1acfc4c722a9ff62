import { Button, SnackbarContent } from '@mui/material';
import { useEffect } from 'react';
import { useCloseNotification, useNotify, useTranslate } from 'react-admin';
import { builtModelHash } from './metaStore.ts';

/**
 * Live reload of the definitions: every answer of the server names the model it serves (`Kontor-Model`, the
 * hash of the definitions), `_meta.modelHash` the one the screens were built from. When they differ, the
 * screens are out of date: the layout offers to reload the page, once per new model.
 */
const HEADER = 'Kontor-Model';
const EVENT = 'kontor:model-changed';
/** An idle screen asks too: `/api/health` is public and cheap. */
const POLL_MS = 30_000;

/** The newest model the server named that the screens are not built from, and the one the notice was shown for. */
let newer: string | null = null;
let shown: string | null = null;

/** Called with the headers of every answer the HTTP client sees. */
export function noticeModelHash(headers: Headers): void {
  const served = headers.get(HEADER);
  const built = builtModelHash();
  if (!served || !built || served === built || served === newer) return;
  newer = served;
  window.dispatchEvent(new Event(EVENT));
}

function checkServer(): void {
  fetch('/api/health', { headers: { Accept: 'application/json' } })
    .then((response) => noticeModelHash(response.headers))
    .catch(() => undefined);
}

function ModelChangedNotice() {
  const translate = useTranslate();
  const close = useCloseNotification();
  return (
    <SnackbarContent
      message={translate('kontor.model.changed')}
      action={
        <>
          <Button color="inherit" size="small" onClick={close}>
            {translate('kontor.model.later')}
          </Button>
          <Button color="secondary" variant="contained" size="small" onClick={() => window.location.reload()}>
            {translate('kontor.model.reload')}
          </Button>
        </>
      }
    />
  );
}

/** Shows the notice when a newer model is announced; checks the server every 30 s and when the tab comes back. */
export function useModelReloadNotice(): void {
  const notify = useNotify();
  useEffect(() => {
    // Stays until Reload or Later: no time-out, and a click elsewhere does not close it.
    const show = () => {
      if (newer === null || newer === shown || newer === builtModelHash()) return;
      shown = newer;
      notify(<ModelChangedNotice />, { type: 'info', autoHideDuration: null, onClose: () => undefined });
    };
    show();
    const visible = () => {
      if (document.visibilityState === 'visible') checkServer();
    };
    window.addEventListener(EVENT, show);
    document.addEventListener('visibilitychange', visible);
    const timer = window.setInterval(checkServer, POLL_MS);
    return () => {
      window.removeEventListener(EVENT, show);
      document.removeEventListener('visibilitychange', visible);
      window.clearInterval(timer);
    };
  }, [notify]);
}
