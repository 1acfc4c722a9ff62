import type { Field } from '../../generators/fields/field-type.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import type { OperationContext } from './operation-context.ts';

export type InputData = Record<string, unknown>;

/** A body after the fields clients may not write are dropped: what the write will actually change. */
export interface PreparedInput {
  data: InputData;
  /** For children fields: the rows, each prepared the same way (`id` kept to match existing rows). */
  children: Map<string, PreparedRow[]>;
}

export interface PreparedRow extends PreparedInput {
  id: number | null;
  /** The row as the client sent it (permissions check what the client set, not the defaults). */
  body: Record<string, unknown>;
}

/**
 * Keeps what a client may write (react-admin sends the whole record back: system, read-only and computed
 * fields are ignored) and, on create, fills defaults, `today` and `now` included.
 */
export function prepareInput(context: OperationContext, entity: Entity, body: Record<string, unknown>, mode: 'create' | 'update', via?: string): PreparedInput {
  const data: InputData = {};
  const children = new Map<string, PreparedRow[]>();
  for (const { field, codec } of context.plan(entity.name).writable) {
    if (field.name === via) continue;
    const present = Object.prototype.hasOwnProperty.call(body, field.name);
    if (field.type === 'children') {
      if (!present) continue;
      const child = context.entity(field.entity);
      const rows = (body[field.name] as Array<Record<string, unknown>> | null) ?? [];
      children.set(
        field.name,
        rows.map((row) => {
          const id = typeof row.id === 'number' ? row.id : null;
          return { id, body: row, ...prepareInput(context, child, row, id === null ? 'create' : 'update', field.via) };
        }),
      );
      continue;
    }
    if (present) {
      const value = body[field.name] ?? null;
      data[field.name] = codec?.canonical && value !== null ? codec.canonical(value) : value;
    }
    else if (mode === 'create') {
      const fallback = defaultValue(context, field);
      if (fallback !== undefined) data[field.name] = fallback;
    }
  }
  return { data, children };
}

function defaultValue(context: OperationContext, field: Field): unknown {
  if (field.default === null) return field.type === 'many' ? [] : undefined;
  if (field.default === 'today' && context.registry.of(field).defaultTokens?.includes('today')) return localDate(new Date());
  if (field.default === 'now' && context.registry.of(field).defaultTokens?.includes('now')) return new Date().toISOString();
  return structuredClone(field.default);
}

/** The calendar day where the server runs (a delivery booked at 00:30 in Hamburg is today's, not yesterday's). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
