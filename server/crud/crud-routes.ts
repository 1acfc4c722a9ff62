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
        ...(possible.invalidReference ? { 422: errorResponse('A reference points to a record that does not exist') } : {}),
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
        409: errorResponse(possible.unique ? 'Stale version (someone else changed the record) or a unique value taken' : 'Stale version: someone else changed the record'),
        413: errorResponse('Body too large'),
        415: errorResponse('The body is not JSON'),
        ...(possible.invalidReference ? { 422: errorResponse('A reference or row id points to a record that does not exist') } : {}),
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
        ...(possible.referenced ? { 409: errorResponse('Other records still point to it') } : {}),
      },
    },
    handler: async (request) => deleteRecord(context, actorOf(request), entity.name, parseId(request.params.id, entity)),
  });
}

/** Which errors a write to this entity can meet, so the OpenAPI document lists those and no others. */
function possibleErrors(context: OperationContext, entity: Entity, seen = new Set<string>()): { unique: boolean; invalidReference: boolean; referenced: boolean } {
  seen.add(entity.name);
  const children = entity.fields.flatMap((f) => (f.type === 'children' && !seen.has(f.entity) ? [possibleErrors(context, context.entity(f.entity), seen)] : []));
  return {
    unique: entity.fields.some((f) => f.unique) || children.some((c) => c.unique),
    invalidReference: entity.fields.some((f) => f.type === 'reference' || f.type === 'many' || f.type === 'children'),
    referenced: context.model.entities.some((other) =>
      other.fields.some((f) => f.type === 'reference' && f.to === entity.name && f.onDelete === 'restrict' && !(other.ownedBy?.entity === entity.name && other.ownedBy.via === f.name)),
    ),
  };
}

/** Ids are 32-bit (PostgreSQL `serial`): a larger number names no record either. */
const MAX_ID = 2_147_483_647;

/** Ids are positive integers; anything else names no record. */
function parseId(text: string, entity: Entity): number {
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_ID)) throw httpError('KONTOR_HTTP_NOT_FOUND', `${entity.label.en} "${text}" does not exist (ids are positive whole numbers)`);
  return id;
}
