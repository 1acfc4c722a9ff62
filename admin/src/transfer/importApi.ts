import { withAuth } from '../providers/httpClient.ts';

/** Why the server would not create one row (`row` is its index in the request). */
export interface ServerRowError {
  row: number;
  code: string;
  message: string;
  errors: Record<string, string>;
  missing?: { entity: string; action: string; field?: string };
}

export interface DryRunReport {
  total: number;
  valid: number;
  errors: ServerRowError[];
}

export interface ImportDone {
  created: number;
  ids: number[];
}

/** An answer other than the expected one; `status` 0 when the connection broke. */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The commit found invalid rows (422 or the stream's `{"error":...}` with `rows`): nothing was written. */
export class ImportRejected extends ImportRequestError {
  constructor(
    message: string,
    readonly rows: ServerRowError[],
  ) {
    super(message, 422);
  }
}

const NDJSON = 'application/x-ndjson';

function request(resource: string, rows: ReadonlyArray<Record<string, unknown>>, dryRun: boolean, accept: string, reason: string, signal?: AbortSignal): Promise<Response> {
  const headers = withAuth({ 'Content-Type': 'application/json', Accept: accept });
  // Non-ASCII text is not allowed in a header value: the server percent-decodes the reason.
  if (reason.trim() !== '') headers.set('X-Change-Reason', encodeURIComponent(reason.trim()));
  return fetch(`/api/${encodeURIComponent(resource)}/import`, { method: 'POST', headers, body: JSON.stringify({ rows, dryRun }), signal });
}

/** An error answer (or a stream's error line) as an exception: with `rows` it is a rejection of rows. */
function failure(body: Record<string, unknown>, status: number): ImportRequestError {
  const message = typeof body.message === 'string' ? body.message : `HTTP ${status}`;
  if (Array.isArray(body.rows)) return new ImportRejected(message, body.rows as ServerRowError[]);
  return new ImportRequestError(message, typeof body.statusCode === 'number' ? body.statusCode : status, body);
}

async function errorOf(response: Response): Promise<ImportRequestError> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return failure(body, response.status);
}

/** `dryRun: true`: every row checked by the server, nothing written. */
export async function dryRunImport(resource: string, rows: ReadonlyArray<Record<string, unknown>>, reason: string, signal?: AbortSignal): Promise<DryRunReport> {
  const response = await request(resource, rows, true, 'application/json', reason, signal);
  if (response.status !== 200) throw await errorOf(response);
  return (await response.json()) as DryRunReport;
}

/**
 * The import itself, all or nothing. The server streams `{"done":n,"total":N}` lines while it works, then
 * `{"result":...}` or `{"error":...}`; `onProgress` follows the lines.
 */
export async function commitImport(resource: string, rows: ReadonlyArray<Record<string, unknown>>, reason: string, onProgress: (done: number, total: number) => void): Promise<ImportDone> {
  const response = await request(resource, rows, false, NDJSON, reason);
  if (response.status === 201) return (await response.json()) as ImportDone;
  if (response.status !== 200) throw await errorOf(response);
  if (!response.body) throw new ImportRequestError('no response body', 0);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let outcome: { result?: ImportDone; error?: Record<string, unknown> } | null = null;
  const handle = (line: string) => {
    if (line.trim() === '') return;
    const message = JSON.parse(line) as { done?: number; total?: number; result?: ImportDone; error?: Record<string, unknown> };
    if (typeof message.done === 'number' && typeof message.total === 'number') onProgress(message.done, message.total);
    if (message.result || message.error) outcome = message;
  };
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    lines.forEach(handle);
    if (done) break;
  }
  handle(buffer);
  const last = outcome as { result?: ImportDone; error?: Record<string, unknown> } | null;
  if (last?.result) return last.result;
  if (last?.error) throw failure(last.error, 500);
  throw new ImportRequestError('', 0);
}
