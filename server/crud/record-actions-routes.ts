import type { FastifyInstance } from 'fastify';
import type { OperationContext } from '../operations/operation-context.ts';
import { recordActions } from '../operations/record-actions.ts';
import { actorOf } from '../permissions/actor.ts';
import { parseId } from './crud-routes.ts';

const names = { type: 'array', items: { type: 'string' } } as const;
const recordActionsSchema = {
  $id: 'RecordActions',
  type: 'object',
  description: 'What the caller may do with the record now (grants with their row scope, workflow lock and state, four eyes)',
  properties: {
    update: { type: 'boolean', description: 'PUT would be allowed (validation aside)' },
    delete: { type: 'boolean', description: 'DELETE would be allowed (unless other records still reference it)' },
    transitions: { ...names, description: 'Transitions the caller may run from the current state (`requires` fields aside)' },
    fourEyes: { ...names, description: 'Transitions granted but refused to the caller by four eyes: they created the record' },
    custom: { ...names, description: 'Custom actions (`POST /api/<resource>/:id/actions/<name>`) the caller may run on the record now' },
  },
  required: ['update', 'delete', 'transitions', 'fourEyes', 'custom'],
  additionalProperties: false,
} as const;

const errorResponse = (description: string) => ({ description, $ref: 'Error#' });

/** `GET /api/<resource>/:id/actions` for every entity: the screen's buttons, per record. */
export async function recordActionsRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;
  app.addSchema(recordActionsSchema);
  for (const entity of context.model.entities) {
    app.get<{ Params: { id: string } }>(`/api/${entity.resource}/:id/actions`, {
      schema: {
        tags: [entity.department],
        operationId: `actions_${entity.name}`,
        summary: `What you may do with one ${entity.label.en.toLowerCase()} now`,
        description: 'Update, delete, the workflow transitions and the custom actions, checked per record as the write would check them. Needs read access to the record.',
        params: { type: 'object', properties: { id: { type: 'string', description: 'The record id (a positive whole number)' } }, required: ['id'] },
        response: {
          200: { description: 'The actions', $ref: 'RecordActions#' },
          400: errorResponse('The id is not a positive whole number'),
          403: errorResponse('Your roles do not grant reading this entity'),
          404: errorResponse('No such record (or none you may read)'),
        },
      },
      handler: async (request) => recordActions(context, actorOf(request), entity.name, parseId(request.params.id, entity)),
    });
  }
}
