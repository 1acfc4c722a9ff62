import type { UserMeta } from '../meta/types.ts';
import { withAuth } from './httpClient.ts';

/**
 * The `_meta` document of the signed-in user, loaded once per session (and again after a language-independent
 * change such as a new login). The authProvider answers permission questions from it; the app builds its
 * resources from it.
 */
let current: Promise<UserMeta> | null = null;
let built: string | null = null;

export function loadMeta(force = false): Promise<UserMeta> {
  if (!current || force) {
    current = fetch('/api/_meta', { headers: withAuth() }).then(async (response) => {
      if (!response.ok) {
        current = null;
        throw Object.assign(new Error(`_meta answered ${response.status}`), { status: response.status });
      }
      const meta = (await response.json()) as UserMeta;
      built = meta.modelHash ?? null;
      return meta;
    });
  }
  return current;
}

export function forgetMeta(): void {
  current = null;
  built = null;
}

/** The model hash of the loaded `_meta` (what the screens were built from), once loaded; null before. */
export function builtModelHash(): string | null {
  return built;
}
