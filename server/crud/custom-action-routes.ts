import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { schemaName } from '../../generators/api/schema-names.ts';
import type { Entity, EntityAction } from '../../generators/model/app-model.ts';
import { OPTIONAL_BODY } from '../openapi/openapi-plugin.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { runAction } from '../operations/run-action.ts';
import { actorOf } from '../permissions/actor.ts';
import { parseId } from './crud-routes.ts';
import { errorResponse, idParams, versionBody } from './record-route-schemas.ts';

/**
 * `POST /api/<resource>/:id/actions/<name>` for every custom action (declared by a TypeScript definition or
 * a plugin): a thin route over the action operation, where permissions, lock and availability are checked.
 */
export interface CustomActionRouteOptions {
  context: OperationContext;
  /** After an action ran: the audit trail's `action` event (the writes it made are audited as they happen). */
  onRun: (entity: string, id: number, action: string) => Promise<void>;
}

export async function customActionRoutes(app: FastifyInstance, options: CustomActionRouteOptions): Promise<void> {
  for (const entity of options.context.model.entities) {
    for (const action of entity.actions) registerAction(app, options, entity, action);
  }
}

function registerAction(app: FastifyInstance, { context, onRun }: CustomActionRouteOptions, entity: Entity, action: EntityAction): void {
  const name = entity.label.en.toLowerCase();
  const notes = [
    action.description?.en ?? '',
    action.roles.length > 0 ? `Needs the grant \`${action.name}\` on ${entity.name} (with its row scope) in one of the roles ${action.roles.join(', ')}.` : `Needs the grant \`${action.name}\` on ${entity.name} (with its row scope).`,
    entity.workflow && entity.workflow.lock.length > 0 ? `Not on a ${name} that is ${entity.workflow.lock.join(' or ')} (locked).` : '',
    entity.audit.reason === 'required' ? 'Needs a reason in the X-Change-Reason header.' : 'A reason may go in the X-Change-Reason header.',
    `Every change it writes is audited as yours with \`_action: "${action.name}"\`; the run itself is an \`action\` event. Declared by ${action.origin === 'entity' ? `the definition of ${entity.name}` : `the ${action.origin}`}.`,
  ];
  app.post<{ Params: { id: string }; Body: { version?: number } | undefined }>(`/api/${entity.resource}/:id/actions/${action.name}`, {
    schema: {
      tags: [entity.department],
      operationId: `action_${entity.name}_${action.name}`,
      summary: action.label.en,
      description: notes.filter((n) => n !== '').join(' '),
      params: idParams,
      body: versionBody,
      ...{ [OPTIONAL_BODY]: true },
      response: {
        200: {
          description: `The ${name} after the action, as GET returns it. When the action created one other ${name} (a copy), \`Location\` names it.`,
          headers: { location: { type: 'string', description: `/api/${entity.resource}/<id> of the ${name} the action created` } },
          $ref: `${schemaName(entity.name)}#`,
        },
        400: errorResponse('Invalid body, a required reason missing, or what the action wrote is invalid (`errors` names the fields)'),
        403: errorResponse('Your roles do not grant the action on this record (`missing` names it)'),
        404: errorResponse('No such record (or none you may read)'),
        409: errorResponse(`The ${name} is locked (KONTOR_HTTP_RECORD_LOCKED), the action does not apply to it now (KONTOR_HTTP_ACTION_NOT_AVAILABLE), or the version sent is stale`),
        413: errorResponse('Body too large'),
        415: errorResponse('The body is not JSON'),
        422: errorResponse('A rule refused what the action wrote (KONTOR_HTTP_RULE_VIOLATION)'),
      },
    },
    preValidation: async (request) => {
      request.body ??= {};
    },
    handler: async (request, reply) => {
      const id = parseId(request.params.id, entity);
      const result = await runAction(context, actorOf(request), entity.name, id, action.name, { version: request.body?.version });
      await onRun(entity.name, id, action.name);
      if (result.createdId !== null) reply.header('location', `/api/${entity.resource}/${result.createdId}`);
      return result.record;
    },
  });
}
