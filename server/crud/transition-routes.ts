import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { schemaName } from '../../generators/api/schema-names.ts';
import type { Entity, WorkflowTransition } from '../../generators/model/app-model.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { OPTIONAL_BODY } from '../openapi/openapi-plugin.ts';
import { transitionRecord } from '../operations/transition-record.ts';
import { actorOf } from '../permissions/actor.ts';
import { parseId } from './crud-routes.ts';
import { errorResponse, idParams, versionBody } from './record-route-schemas.ts';

/**
 * `POST /api/<resource>/:id/transitions/<name>` for every transition of every workflow: a thin route over
 * the transition operation, where permissions, state, requirements and four eyes are checked.
 */
export async function transitionRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;
  for (const entity of context.model.entities) {
    for (const transition of entity.workflow?.transitions ?? []) registerTransition(app, context, entity, transition);
  }
}

function registerTransition(app: FastifyInstance, context: OperationContext, entity: Entity, transition: WorkflowTransition): void {
  const workflow = entity.workflow;
  if (!workflow) return;
  const name = entity.label.en.toLowerCase();
  const notes = [
    transition.roles.length > 0 ? `Needs the grant \`${transition.name}\` on ${entity.name} (with its row scope) in one of the roles ${transition.roles.join(', ')}.` : `Needs the grant \`${transition.name}\` on ${entity.name} (with its row scope).`,
    transition.requires.length > 0 ? `The fields ${transition.requires.join(', ')} must be filled.` : '',
    transition.fourEyes ? 'Four eyes: the user who created the record may not run it.' : '',
    transition.set.length > 0 ? `Also sets ${transition.set.map((s) => s.field).join(', ')}.` : '',
    entity.audit.reason === 'required' ? 'Needs a reason in the X-Change-Reason header.' : 'A reason may go in the X-Change-Reason header.',
    `Recorded in the audit trail as the action \`transition\`, with \`_transition: "${transition.name}"\` among the changes.`,
  ];
  app.post<{ Params: { id: string }; Body: { version?: number } | undefined }>(`/api/${entity.resource}/:id/transitions/${transition.name}`, {
    schema: {
      tags: [entity.department],
      operationId: `transition_${entity.name}_${transition.name}`,
      summary: `${transition.label.en}: ${workflow.field} ${transition.from.join(', ')} → ${transition.to}`,
      description: notes.filter((n) => n !== '').join(' '),
      params: idParams,
      body: versionBody,
      ...{ [OPTIONAL_BODY]: true },
      response: {
        200: { description: `The ${name} after the transition, as GET returns it`, $ref: `${schemaName(entity.name)}#` },
        400: errorResponse('Invalid body, or a required reason missing'),
        403: errorResponse('Your roles do not grant the transition on this record (`missing` names it), or four eyes: you created the record (KONTOR_HTTP_FOUR_EYES)'),
        404: errorResponse('No such record (or none you may read)'),
        409: errorResponse(`The ${name} is not in a state the transition goes from (KONTOR_HTTP_TRANSITION_NOT_ALLOWED), or the version sent is stale`),
        413: errorResponse('Body too large'),
        415: errorResponse('The body is not JSON'),
        ...(transition.requires.length > 0 ? { 422: errorResponse('Fields the transition requires are empty; `errors` names them') } : {}),
      },
    },
    // No body (or an empty one) is `{}`: the version is optional, and so is the body that carries it.
    preValidation: async (request) => {
      request.body ??= {};
    },
    handler: async (request) => transitionRecord(context, actorOf(request), entity.name, parseId(request.params.id, entity), transition.name, { version: request.body?.version }),
  });
}
