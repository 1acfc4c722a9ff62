import { useEffect } from 'react';
import { useNotify } from 'react-admin';

/**
 * Warnings of the server's entity hooks: a write that happened but deserves attention (a credit limit
 * exceeded) answers with `Kontor-Warning`, a percent-encoded JSON array of texts. The HTTP client announces
 * them; the layout shows them, whichever screen made the request.
 */
const EVENT = 'kontor:server-warning';

export function announceWarnings(headers: Headers): void {
  const header = headers.get('Kontor-Warning');
  if (!header) return;
  let messages: unknown;
  try {
    messages = JSON.parse(decodeURIComponent(header));
  } catch {
    return;
  }
  if (!Array.isArray(messages)) return;
  for (const message of messages) {
    if (typeof message === 'string') window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
  }
}

export function useServerWarnings(): void {
  const notify = useNotify();
  useEffect(() => {
    const show = (event: Event) => notify((event as CustomEvent<string>).detail, { type: 'warning', autoHideDuration: 10_000 });
    window.addEventListener(EVENT, show);
    return () => window.removeEventListener(EVENT, show);
  }, [notify]);
}
