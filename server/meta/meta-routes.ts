import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { UiMeta } from '../../generators/ui/ui-meta.ts';

/** `GET /api/_meta`: the UI model the admin app builds its screens from. */
export async function metaRoutes(app: FastifyInstance, options: { meta: UiMeta }): Promise<void> {
  const body = JSON.stringify(options.meta);
  app.get('/api/_meta', {
    schema: {
      tags: ['system'],
      operationId: 'get_meta',
      summary: 'The UI model: departments, entities, fields (see README, "The _meta document")',
      response: { 200: { description: 'The UI model', type: 'object', additionalProperties: true } },
    },
    handler: async (_request, reply) => reply.type('application/json').send(body),
  });
}
