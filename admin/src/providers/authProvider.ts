import type { AuthProvider } from 'react-admin';
import { forgetMeta, loadMeta } from './metaStore.ts';
import { clearSession, readSession, saveSession, type Session } from './session.ts';

/** react-admin's action names → the server's: what `_meta.entities[].actions` lists. */
const ACTIONS: Record<string, string> = { list: 'read', show: 'read', edit: 'update', create: 'create', delete: 'delete', export: 'export', clone: 'create', import: 'create' };

export class LoginError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * Sessions against /api/auth: a bearer token with an expiry, checked by the server on every request. The
 * permissions are the user's `_meta` document: the same policy the API enforces decides what the UI offers.
 */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json().catch(() => ({}))) as { token?: string; expires_at?: string; user?: Session['user']; message?: string };
    if (!response.ok || !body.token || !body.expires_at || !body.user) {
      // Translated in the UI's language; the server's English text only for the unexpected.
      const key = response.status === 401 ? 'kontor.auth.wrong_credentials' : response.status === 429 ? 'kontor.auth.throttled' : null;
      throw new LoginError(key ?? body.message ?? `Login failed (${response.status})`, response.status);
    }
    saveSession({ token: body.token, expiresAt: body.expires_at, user: body.user });
    forgetMeta();
    await loadMeta();
  },
  async logout() {
    const session = readSession();
    clearSession();
    forgetMeta();
    if (session) {
      await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } }).catch(() => undefined);
    }
  },
  async checkAuth() {
    if (!readSession()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: { status?: number }) {
    // 401: the token expired or was revoked (logout elsewhere, user disabled). 403 is a refusal, not a lost session.
    if (error?.status === 401) {
      clearSession();
      forgetMeta();
      throw new Error('kontor.auth.session_expired');
    }
  },
  async getIdentity() {
    const session = readSession();
    if (!session) throw new Error('ra.auth.auth_check_error');
    return { id: session.user.id, fullName: session.user.display_name ?? session.user.username };
  },
  async getPermissions() {
    if (!readSession()) return null;
    return loadMeta();
  },
  async canAccess({ action, resource }: { action: string; resource: string }) {
    if (!readSession()) return false;
    const meta = await loadMeta();
    if (resource === 'audit') return meta.audit.read;
    const entity = meta.entities.find((e) => e.resource === resource);
    if (!entity) return false;
    return entity.actions.includes(ACTIONS[action] ?? action);
  },
};
