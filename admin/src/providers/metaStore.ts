import type { UserMeta } from '../meta/types.ts';
import { withAuth } from './httpClient.ts';

/**
 * The `_meta` document of the signed-in user, loaded once per session (and again after a language-independent
 * change such as a new login). The authProvider answers permission questions from it; the app builds its
 * resources from it.
 */
let current: Promise<UserMeta> | null = null;

export function loadMeta(force = false): Promise<UserMeta> {
  if (!current || force) {
    current = fetch('/api/_meta', { headers: withAuth() }).then(async (response) => {
      if (!response.ok) {
        current = null;
        throw Object.assign(new Error(`_meta answered ${response.status}`), { status: response.status });
      }
      return (await response.json()) as UserMeta;
    });
  }
  return current;
}

export function forgetMeta(): void {
  current = null;
}
