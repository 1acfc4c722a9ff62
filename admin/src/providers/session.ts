/** The signed-in user's token, kept in localStorage so a reload keeps the session (until it expires). */
export interface Session {
  token: string;
  expiresAt: string;
  user: { id: number; username: string; roles: string[]; display_name: string | null; email: string | null };
}

const KEY = 'kontor.session';

export function readSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (!session || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
