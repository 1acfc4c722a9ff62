import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, type DataProvider, type Identifier } from 'react-admin';
import { httpClient, withAuth } from './httpClient.ts';

/** A form sends the reason for a change in this form value; it travels as the X-Change-Reason header. */
export const REASON_FIELD = '__change_reason';

const base = simpleRestProvider('/api', httpClient);

function takeReason<T extends { data: Record<string, unknown> }>(params: T): { params: T; reason: string | null } {
  const { [REASON_FIELD]: reason, ...data } = params.data;
  return { params: { ...params, data }, reason: typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null };
}

// Non-ASCII text is not allowed in a header value: the server percent-decodes the reason.
const reasonHeader = (reason: string | null): Record<string, string> => (reason ? { 'X-Change-Reason': encodeURIComponent(reason) } : {});

/**
 * A stale version (409) names `version` in its field errors; react-admin would put that on the form as a
 * field error ("The form is not valid") although no input is wrong. The edit page offers to reload instead.
 */
function withoutVersionFieldError(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.status !== 409) return error;
  const body = error.body as { code?: string; errors?: Record<string, string> } | undefined;
  if (body?.code !== 'KONTOR_HTTP_VERSION_CONFLICT' || !body.errors) return error;
  const { errors: _, ...rest } = body;
  return new HttpError(error.message, error.status, rest);
}

export interface KontorDataProvider extends DataProvider {
  /** Downloads `GET /api/<resource>/export.csv` for the list's filter and sort, as the server allows it. */
  exportCsv(resource: string, params: { filter: Record<string, unknown>; sort: { field: string; order: string } }): Promise<{ blob: Blob; filename: string }>;
}

/** ra-data-simple-rest as the server speaks it, plus the reason header on writes and the CSV export. */
export const dataProvider: KontorDataProvider = {
  ...base,
  async create(resource, rawParams) {
    const { params, reason } = takeReason(rawParams);
    const { json } = await httpClient(`/api/${resource}`, { method: 'POST', body: JSON.stringify(params.data), headers: new Headers({ Accept: 'application/json', ...reasonHeader(reason) }) });
    return { data: json };
  },
  async update(resource, rawParams) {
    const { params, reason } = takeReason(rawParams);
    try {
      const { json } = await httpClient(`/api/${resource}/${encodeURIComponent(String(params.id as Identifier))}`, {
        method: 'PUT',
        body: JSON.stringify(params.data),
        headers: new Headers({ Accept: 'application/json', ...reasonHeader(reason) }),
      });
      return { data: json };
    } catch (error) {
      throw withoutVersionFieldError(error);
    }
  },
  async exportCsv(resource, { filter, sort }) {
    const query = new URLSearchParams({ filter: JSON.stringify(filter), sort: JSON.stringify([sort.field, sort.order]) });
    const response = await fetch(`/api/${resource}/export.csv?${query}`, { headers: withAuth({ Accept: 'text/csv' }) });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      throw Object.assign(new Error(body.message ?? `HTTP ${response.status}`), { status: response.status, body });
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${resource}.csv`;
    return { blob: await response.blob(), filename };
  },
};
