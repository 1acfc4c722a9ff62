import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { schemaName } from '../../generators/api/schema-names.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { actorOf } from '../permissions/actor.ts';
import { getRecord, listRecords } from '../operations/read-records.ts';
import { createRecord, deleteRecord, updateRecord } from '../operations/write-records.ts';
import { contentRange, listQueryStringSchema, parseListQueryString, type ListQueryString } from './list-query-string.ts';

const errorResponse = (description: string) => ({ description, $ref: 'Error#' });
const forbiddenResponse = (action: string) => errorResponse(`Your roles do not grant ${action} on this entity, on this record, or on a field you sent; \`missing\` names the grant`);
const idParams = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The record id (a positive whole number)' } },
  required: ['id'],
} as const;

/**
 * The ra-data-simple-rest dialect for every entity: thin routes that parse HTTP and call the operations,
 * where permissions and writes live.
 */
export async function crudRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  for (const entity of options.context.model.entities) registerEntity(app, options.context, entity);
}

function registerEntity(app: FastifyInstance, context: OperationContext, entity: Entity): void {
  const path = `/api/${entity.resource}`;
  const record = { $ref: `${schemaName(entity.name)}#` };
  const answer = (description: string) => ({ description, ...record });
  const possible = possibleErrors(context, entity);
  const tags = [entity.department];
  const name = entity.label.en;

  app.get<{ Querystring: ListQueryString }>(path, {
    schema: {
      tags,
      operationId: `list_${entity.name}`,
      summary: `List ${entity.plural.en.toLowerCase()}`,
      description: `Sorted, filtered page of ${entity.plural.en.toLowerCase()}. The total is in the Content-Range header (\`${entity.resource} 0-24/319\`).`,
      querystring: listQueryStringSchema,
      response: {
        200: {
          description: `The page; header Content-Range: ${entity.resource} <first>-<last>/<total>`,
          headers: {
            'Content-Range': { type: 'string', description: `${entity.resource} <first>-<last>/<total>, or ${entity.resource} */<total> for an empty page` },
            'X-Total-Count': { type: 'string', description: 'The total alone' },
          },
          type: 'array',
          items: record,
        },
        400: errorResponse('Malformed or unknown sort, range or filter, or one on a field you may not read'),
        403: forbiddenResponse('read'),
      },
    },
    handler: async (request, reply) => {
      const result = await listRecords(context, actorOf(request), entity.name, parseListQueryString(request.query));
      reply.header('Content-Range', contentRange(entity.resource, result.start, result.records.length, result.total));
      reply.header('X-Total-Count', String(result.total));
      return result.records;
    },
  });

  app.get<{ Params: { id: string } }>(`${path}/:id`, {
    schema: { tags, operationId: `get_${entity.name}`, summary: `Get one ${name.toLowerCase()}`, params: idParams, response: { 200: answer(`The ${name.toLowerCase()} with its children`), 403: forbiddenResponse('read'), 404: errorResponse('No such record (or none you may read)') } },
    handler: async (request) => getRecord(context, actorOf(request), entity.name, parseId(request.params.id, entity)),
  });

  app.post<{ Body: Record<string, unknown> }>(path, {
    schema: {
      tags,
      operationId: `create_${entity.name}`,
      summary: `Create a ${name.toLowerCase()}`,
      body: { $ref: `${schemaName(entity.name, 'Create')}#` },
      response: {
        201: answer(`The created ${name.toLowerCase()}`),
        400: errorResponse('Invalid body; `errors` names each field'),
        403: forbiddenResponse('create'),
        ...(possible.unique ? { 409: errorResponse('A unique field already has this value') } : {}),
        413: errorResponse('Body too large'),
        415: errorResponse('The body is not JSON'),
        ...(possible.invalidReference || possible.workflow ? { 422: errorResponse(unprocessable(possible, 'A reference points to a record that does not exist', 'a new record must start in its workflow\'s initial state')) } : {}),
      },
    },
    handler: async (request, reply: FastifyReply) => {
      const created = await createRecord(context, actorOf(request), entity.name, request.body);
      return reply.status(201).send(created);
    },
  });

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(`${path}/:id`, {
    schema: {
      tags,
      operationId: `update_${entity.name}`,
      summary: `Update a ${name.toLowerCase()} (fields left out keep their value)`,
      params: idParams,
      body: { $ref: `${schemaName(entity.name, 'Update')}#` },
      response: {
        200: answer(`The updated ${name.toLowerCase()}`),
        400: errorResponse('Invalid body; `errors` names each field'),
        403: forbiddenResponse('update'),
        404: errorResponse('No such record (or none you may read)'),
        409: errorResponse(`Stale version: someone else changed the record${possible.unique ? '; or a unique value taken' : ''}${possible.locked ? '; or the record is in a locked state (KONTOR_HTTP_RECORD_LOCKED)' : ''}`),
        413: errorResponse('Body too large'),
        415: errorResponse('The body is not JSON'),
        ...(possible.invalidReference || possible.workflow ? { 422: errorResponse(unprocessable(possible, 'A reference or row id points to a record that does not exist', 'the workflow state changes only through a transition')) } : {}),
      },
    },
    handler: async (request) => updateRecord(context, actorOf(request), entity.name, parseId(request.params.id, entity), request.body),
  });

  app.delete<{ Params: { id: string } }>(`${path}/:id`, {
    schema: {
      tags,
      operationId: `delete_${entity.name}`,
      summary: `Delete a ${name.toLowerCase()} (answers with the deleted record)`,
      params: idParams,
      response: {
        200: answer(`The deleted ${name.toLowerCase()}`),
        403: forbiddenResponse('delete'),
        404: errorResponse('No such record (or none you may read)'),
        ...(possible.referenced || possible.deleteLocked ? { 409: errorResponse([possible.referenced ? 'Other records still point to it' : '', possible.deleteLocked ? 'a record it would delete or change is in a locked state (KONTOR_HTTP_RECORD_LOCKED)' : ''].filter(Boolean).join('; or ')) } : {}),
      },
    },
    handler: async (request) => deleteRecord(context, actorOf(request), entity.name, parseId(request.params.id, entity)),
  });
}

interface PossibleErrors {
  unique: boolean;
  invalidReference: boolean;
  referenced: boolean;
  /** It or a children entity has a workflow: states are checked on create and update (422). */
  workflow: boolean;
  /** It or a children entity has locked states: an update may meet one (409). */
  locked: boolean;
  /** A delete may meet a locked record: its own, a child's, or one the delete changes through onDelete. */
  deleteLocked: boolean;
}

/** Which errors a write to this entity can meet, so the OpenAPI document lists those and no others. */
function possibleErrors(context: OperationContext, entity: Entity, seen = new Set<string>()): PossibleErrors {
  seen.add(entity.name);
  const children = entity.fields.flatMap((f) => (f.type === 'children' && !seen.has(f.entity) ? [possibleErrors(context, context.entity(f.entity), seen)] : []));
  const referencing = (other: Entity, kinds: string[]) => other.fields.some((f) => f.type === 'reference' && f.to === entity.name && kinds.includes(f.onDelete) && !(other.ownedBy?.entity === entity.name && other.ownedBy.via === f.name));
  const locked = (entity.workflow?.lock.length ?? 0) > 0 || children.some((c) => c.locked);
  const lockable = (other: Entity) => (other.workflow?.lock.length ?? 0) > 0;
  return {
    unique: entity.fields.some((f) => f.unique) || children.some((c) => c.unique),
    invalidReference: entity.fields.some((f) => f.type === 'reference' || f.type === 'many' || f.type === 'children'),
    referenced: context.model.entities.some((other) => referencing(other, ['restrict'])),
    workflow: entity.workflow !== null || children.some((c) => c.workflow),
    locked,
    deleteLocked:
      locked ||
      context.model.entities.some((other) => lockable(other) && (referencing(other, ['cascade', 'set_null']) || other.fields.some((f) => f.type === 'many' && f.to === entity.name))),
  };
}

/** The 422 description: a broken reference, a workflow state refused, or either. */
function unprocessable(possible: PossibleErrors, reference: string, workflow: string): string {
  if (!possible.workflow) return reference;
  return possible.invalidReference ? `${reference}, or ${workflow} (KONTOR_HTTP_WORKFLOW_STATE)` : `${workflow[0]?.toUpperCase()}${workflow.slice(1)} (KONTOR_HTTP_WORKFLOW_STATE)`;
}

/** Ids are 32-bit (PostgreSQL `serial`): a larger number names no record either. */
const MAX_ID = 2_147_483_647;

/** Ids are positive integers; anything else names no record. */
export function parseId(text: string, entity: Entity): number {
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_ID)) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} "${text}" does not exist (ids are positive whole numbers)`);
  return id;
}
