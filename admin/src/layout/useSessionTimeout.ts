import { useEffect } from 'react';
import { useLogout, useNotify } from 'react-admin';
import { readSession } from '../providers/session.ts';

/**
 * Signs the user out when the session's token expires, even if they do nothing: the next screen would
 * fail anyway, and an open screen of personnel data should not outlive its session.
 */
export function useSessionTimeout(): void {
  const logout = useLogout();
  const notify = useNotify();
  useEffect(() => {
    const session = readSession();
    if (!session) return;
    // setTimeout's limit is 2^31-1 ms (~24.8 days); longer sessions are checked again when the page reloads.
    const remaining = Math.min(Date.parse(session.expiresAt) - Date.now(), 2_147_483_647);
    const timer = setTimeout(() => {
      notify('kontor.auth.session_expired', { type: 'warning' });
      void logout();
    }, Math.max(remaining, 0));
    return () => clearTimeout(timer);
  }, [logout, notify]);
}
