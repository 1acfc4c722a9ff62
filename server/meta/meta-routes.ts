import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { UiMeta } from '../../generators/ui/ui-meta.ts';
import { actorOf } from '../permissions/actor.ts';
import type { Policy } from '../permissions/policy.ts';
import { metaForActor } from './meta-for-actor.ts';

/**
 * `GET /api/_meta`: the UI model the admin app builds its screens from, as the caller may see it; and the
 * public `GET /api/_app` (name and languages) that the login page needs before anyone is signed in.
 */
export async function metaRoutes(app: FastifyInstance, options: { meta: UiMeta; policy: Policy; modelHash?: string }): Promise<void> {
  // The admin compares it with each answer's `Kontor-Model` header to notice a reloaded model.
  const meta: UiMeta = options.modelHash === undefined ? options.meta : { ...options.meta, modelHash: options.modelHash };
  const about = JSON.stringify({ name: meta.app.name, locale: meta.app.locale });
  app.get('/api/_app', {
    config: { public: true },
    schema: {
      tags: ['system'],
      operationId: 'get_app',
      summary: 'The application name and its languages (public: the login page shows them)',
      response: {
        200: {
          description: 'Name and languages',
          type: 'object',
          required: ['name', 'locale'],
          properties: {
            name: { type: 'string' },
            locale: { type: 'object', properties: { default: { type: 'string' }, available: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
    handler: async (_request, reply) => reply.type('application/json').send(about),
  });
  // The document depends only on the caller's roles (and who they are, for `user`): cache it per role set.
  const byRoles = new Map<string, string>();
  app.get('/api/_meta', {
    schema: {
      tags: ['system'],
      operationId: 'get_meta',
      summary: 'The UI model for the caller: departments, entities, fields and allowed actions (see README, "The _meta document")',
      response: { 200: { description: 'The UI model', type: 'object', additionalProperties: true } },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const key = actor.kind === 'user' ? [...actor.roles].sort().join(',') : `system:${actor.name}`;
      let body = byRoles.get(key);
      if (body === undefined) {
        body = JSON.stringify(metaForActor(meta, options.policy, actor)).slice(0, -1);
        byRoles.set(key, body);
      }
      const user = actor.kind === 'user' ? { id: actor.id, username: actor.username, display_name: actor.displayName, roles: actor.roles } : null;
      const audit = { read: options.policy.canReadAudit(actor) };
      return reply.type('application/json').send(`${body},"user":${JSON.stringify(user)},"audit":${JSON.stringify(audit)}}`);
    },
  });
}
