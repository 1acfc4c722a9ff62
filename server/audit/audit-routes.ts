import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { actorOf, type Actor } from '../permissions/actor.ts';
import { contentRange, listQueryStringSchema, parseListQueryString, type ListQueryString } from '../crud/list-query-string.ts';
import { forbidden, httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { getRecord } from '../operations/read-records.ts';
import { AUDIT_COLUMNS } from './audit-chain.ts';
import { auditQuery, DATA_CHANGES, type AuditQuery } from './audit-query.ts';
import { normalizeRow } from './verify-chain.ts';

const entrySchema = {
  $id: 'AuditEntry',
  type: 'object',
  description: 'One audit entry. `changes` maps a field to [before, after]; fields you may not read are left out.',
  properties: {
    id: { type: 'integer', description: 'Sequence number: 1, 2, 3... without gaps' },
    at: { type: 'string', format: 'date-time' },
    actor_id: { type: ['integer', 'null'] },
    actor: { type: 'string' },
    action: { type: 'string', description: 'create, update, delete, transition, login, login_failed, logout, token_created, password_changed, denied, export, seed, model_change (a live reload of the definitions)' },
    entity: { type: ['string', 'null'] },
    record_id: { type: ['integer', 'null'] },
    changes: { type: 'object', additionalProperties: true },
    reason: { type: ['string', 'null'] },
    request_id: { type: ['string', 'null'] },
    ip: { type: ['string', 'null'] },
    retain_until: { type: ['string', 'null'], format: 'date' },
    hash: { type: 'string' },
    prev_hash: { type: 'string' },
  },
  required: ['id', 'at', 'actor', 'action', 'changes', 'hash', 'prev_hash'],
} as const;

/**
 * `GET /api/audit` (ra-data-simple-rest: filter by entity, record_id, actor, actor_id, action, at_gte/at_lte;
 * sort by id or at; range) and `GET /api/audit/:id`. Roles granted `audit: [read]` see every entry; anyone
 * else sees the history of one record they may read (filter `entity` and `record_id`). Changes to fields
 * the caller may not read are left out. No route writes: other methods answer 405.
 */
export async function auditRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;
  app.addSchema(entrySchema);
  const tags = ['system'];
  app.get<{ Querystring: ListQueryString }>('/api/audit', {
    schema: {
      tags,
      operationId: 'list_audit',
      summary: 'Audit entries, newest first by default (the total is in Content-Range)',
      querystring: listQueryStringSchema,
      response: {
        200: { description: 'A page of entries', type: 'array', items: { $ref: 'AuditEntry#' } },
        400: { description: 'Malformed sort, range or filter', $ref: 'Error#' },
        403: { description: 'No `audit: [read]` grant and no record of yours named by entity and record_id', $ref: 'Error#' },
        404: { description: 'The record named by entity and record_id does not exist (or you may not read it)', $ref: 'Error#' },
      },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const query = auditQuery(parseListQueryString(request.query));
      const own = await ownRecordOnly(context, actor, query);
      // A record's readers see its changes; logins, tokens and denials are for audit readers.
      const { sql, params, countSql } = query.sql({ dataChangesOnly: own !== null });
      const rows = await context.db.reader.all(sql, params);
      const [count] = await context.db.reader.all(countSql, params);
      const total = Number(count?.total ?? 0);
      reply.header('Content-Range', contentRange('audit', query.offset, rows.length, total));
      reply.header('X-Total-Count', String(total));
      return rows.map((row) => toWire(context, actor, row, own));
    },
  });
  app.get<{ Params: { id: string } }>('/api/audit/:id', {
    schema: {
      tags,
      operationId: 'get_audit',
      summary: 'One audit entry',
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      response: { 200: { description: 'The entry', $ref: 'AuditEntry#' }, 404: { description: 'No such entry (or none you may read)', $ref: 'Error#' } },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const seq = /^[1-9][0-9]{0,14}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const rows = await context.db.reader.all(`SELECT ${AUDIT_COLUMNS.map(quote).join(', ')} FROM ${quote(AUDIT_TABLE)} WHERE ${quote('seq')} = ?`, [seq]);
      const row = rows[0];
      const missing = () => httpError('KONTOR_HTTP_NOT_FOUND', `Audit entry "${request.params.id}" does not exist`);
      if (!row) throw missing();
      if (context.policy.canReadAudit(actor)) return toWire(context, actor, row, null);
      const entry = normalizeRow(row);
      if (!DATA_CHANGES.includes(entry.action) || !entry.entity || entry.record_id === null || !context.model.entities.some((e) => e.name === entry.entity)) throw missing();
      const record = await getRecord(context, actor, entry.entity, entry.record_id).catch(() => null);
      if (!record) throw missing();
      return toWire(context, actor, row, new Set(Object.keys(record)));
    },
  });
  const refuse = async () => {
    throw httpError('KONTOR_HTTP_METHOD_NOT_ALLOWED', 'The audit trail is append-only: entries are written by Kontor with every change and can only be read (GET)');
  };
  for (const url of ['/api/audit', '/api/audit/:id']) {
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      schema: { hide: true },
      handler: async (_request, reply) => {
        reply.header('allow', 'GET, HEAD');
        return refuse();
      },
    });
  }
}

/**
 * A caller without `audit: [read]` may read the history of one record they can read: the filter must name
 * `entity` and one `record_id`. Returns the fields of that record they may read (to filter the changes).
 */
async function ownRecordOnly(context: OperationContext, actor: Actor, query: AuditQuery): Promise<Set<string> | null> {
  if (context.policy.canReadAudit(actor)) return null;
  const { entity, recordId } = query.record;
  if (!entity || recordId === null || !context.model.entities.some((e) => e.name === entity)) {
    throw forbidden('You may read the audit trail of a record you can read: filter by entity and record_id (the whole trail needs `audit: [read]`)', { entity: 'audit', action: 'read' });
  }
  return new Set(Object.keys(await getRecord(context, actor, entity, recordId)));
}

function toWire(context: OperationContext, actor: Actor, row: Record<string, unknown>, readable: Set<string> | null): Record<string, unknown> {
  const entry = normalizeRow(row);
  const changes = JSON.parse(entry.changes) as Record<string, unknown>;
  const entity = entry.entity ? context.model.entities.find((e) => e.name === entry.entity) : undefined;
  if (entity) {
    const access = context.policy.access(actor, entity.name);
    for (const field of Object.keys(changes)) {
      if (!entity.fields.some((f) => f.name === field)) continue;
      const visible = readable ? readable.has(field) : access.visibility(field) === 'all';
      if (!visible) delete changes[field];
    }
  }
  const { seq, changes: _text, ...rest } = entry;
  return { id: seq, ...rest, changes };
}
