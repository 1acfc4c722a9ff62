import { fetchUtils } from 'react-admin';
import { noticeModelHash } from './modelReload.tsx';
import { announceWarnings } from './serverWarnings.ts';
import { readSession } from './session.ts';

/** fetchJson with the session's bearer token: what ra-data-simple-rest and our own calls use. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const response = await fetchUtils.fetchJson(url, { ...options, headers: withAuth(options.headers) });
  announceWarnings(response.headers);
  noticeModelHash(response.headers);
  return response;
}

export function withAuth(init?: HeadersInit): Headers {
  const headers = new Headers(init ?? { Accept: 'application/json' });
  const session = readSession();
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  return headers;
}
