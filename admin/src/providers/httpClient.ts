import { fetchUtils } from 'react-admin';
import { readSession } from './session.ts';

/** fetchJson with the session's bearer token: what ra-data-simple-rest and our own calls use. */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  return fetchUtils.fetchJson(url, { ...options, headers: withAuth(options.headers) });
}

export function withAuth(init?: HeadersInit): Headers {
  const headers = new Headers(init ?? { Accept: 'application/json' });
  const session = readSession();
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  return headers;
}
