import type { FieldMeta } from '../meta/types.ts';
import type { Problem } from './convertRow.ts';
import type { ServerRowError } from './importApi.ts';

/** The header is line 1 of the file, so the first data row is line 2. */
export const lineOf = (index: number) => index + 2;

/** One message about a row: of a field (null: of the whole row), either to translate or as the server said it. */
export interface RowMessage {
  field: string | null;
  problem: Problem | string;
}

/** Field (or '_' for the whole row) → the client's problem with the cell. */
export type ClientErrors = Record<string, Problem>;

/**
 * A row's messages: the client's (a cell it could not read) and the server's for the other fields. A field
 * the client could not read was left out of the row, so the server's view of it ("is required") is beside
 * the point. A server error without fields (a reference that vanished, a missing grant) keeps its message.
 */
export function rowMessages(client: ClientErrors | undefined, server: ServerRowError | undefined): RowMessage[] {
  const messages: RowMessage[] = Object.entries(client ?? {}).map(([field, problem]) => ({ field: field === '_' ? null : field, problem }));
  if (!server) return messages;
  const fields = Object.entries(server.errors ?? {}).filter(([path]) => !(path.split('.')[0]! in (client ?? {})));
  for (const [path, message] of fields) messages.push({ field: path === '_' ? null : path, problem: message });
  if (Object.keys(server.errors ?? {}).length === 0) messages.push({ field: server.missing?.field ?? null, problem: server.message });
  return messages;
}

/** Server messages this UI has words for in every language; others are shown as the server wrote them. */
export function serverMessageKey(message: string): Problem | null {
  if (message === 'is required') return { key: 'ra.validation.required' };
  if (message.startsWith('must match pattern')) return { key: 'kontor.validation.pattern' };
  return null;
}

/** "deliveries.0.net_weight" → the label of `deliveries` and the rest of the path. */
export function fieldLabel(path: string, fields: ReadonlyMap<string, FieldMeta>, label: (field: FieldMeta) => string): string {
  const [first = '', ...rest] = path.split('.');
  const field = fields.get(first);
  if (!field) return path;
  return rest.length > 0 ? `${label(field)} (${rest.join('.')})` : label(field);
}
