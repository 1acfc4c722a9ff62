import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { OperationContext } from '../operations/operation-context.ts';
import { recordAuditEvent } from '../audit/audit-events.ts';
import { actorOf } from '../permissions/actor.ts';
import { login } from './login.ts';
import { actorForToken, revokeToken } from './token-store.ts';
import { changeOwnPassword, setPasswordOf } from './password-changes.ts';

const userSummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    display_name: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    department: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'username', 'roles'],
} as const;

/** `POST /api/auth/login`, `GET /api/auth/me`, `POST /api/auth/logout`. */
export async function authRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['system'],
      operationId: 'login',
      summary: 'Log in: a token for `Authorization: Bearer <token>`',
      body: {
        type: 'object',
        properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        required: ['username', 'password'],
        additionalProperties: false,
      },
      response: {
        200: {
          description: 'Logged in',
          type: 'object',
          properties: { token: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, user: userSummary },
          required: ['token', 'expires_at', 'user'],
        },
        400: { description: 'Username or password missing', $ref: 'Error#' },
        401: { description: 'Wrong username or password (or a disabled user)', $ref: 'Error#' },
        415: { description: 'The body is not JSON', $ref: 'Error#' },
        429: { description: 'Too many failed logins for this username or address; header Retry-After says how many seconds to wait', headers: { 'Retry-After': { type: 'string' } }, $ref: 'Error#' },
      },
    },
    handler: async (request) => {
      const result = await login(context, request.body.username, request.body.password, request.ip);
      const actor = await actorForToken(context, result.token);
      return { token: result.token, expires_at: result.expiresAt.toISOString(), user: actor ? summary(actor) : { id: result.userId, username: request.body.username, roles: [] } };
    },
  });

  app.get('/api/auth/me', {
    schema: { tags: ['system'], operationId: 'me', summary: 'The logged-in user', response: { 200: { description: 'The user', ...userSummary } } },
    handler: async (request) => {
      const actor = actorOf(request);
      return actor.kind === 'user' ? summary(actor) : { id: 0, username: actor.name, roles: [] };
    },
  });

  app.post<{ Body: { current_password: string; new_password: string } }>('/api/auth/password', {
    schema: {
      tags: ['system'],
      operationId: 'change_own_password',
      summary: 'Change your own password (the current one is required); your other sessions end',
      body: {
        type: 'object',
        properties: { current_password: { type: 'string', minLength: 1, maxLength: 1024 }, new_password: { type: 'string', minLength: 1, maxLength: 1024 } },
        required: ['current_password', 'new_password'],
        additionalProperties: false,
      },
      response: {
        204: { description: 'Changed', type: 'null' },
        400: { description: 'The new password is too weak', $ref: 'Error#' },
        403: { description: 'The current password is wrong', $ref: 'Error#' },
        415: { description: 'The body is not JSON', $ref: 'Error#' },
      },
    },
    handler: async (request, reply) => {
      await changeOwnPassword(context, actorOf(request), request.body.current_password, request.body.new_password);
      return reply.status(204).send();
    },
  });

  app.put<{ Params: { id: string }; Body: { password: string } }>('/api/users/:id/password', {
    schema: {
      tags: ['system'],
      operationId: 'set_user_password',
      summary: "Set a user's password (needs `update` on that user); the user's sessions end",
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { type: 'object', properties: { password: { type: 'string', minLength: 1, maxLength: 1024 } }, required: ['password'], additionalProperties: false },
      response: {
        204: { description: 'Set', type: 'null' },
        400: { description: 'The password is too weak', $ref: 'Error#' },
        403: { description: 'Your roles do not grant update on this user', $ref: 'Error#' },
        404: { description: 'No such user (or none you may read)', $ref: 'Error#' },
        415: { description: 'The body is not JSON', $ref: 'Error#' },
      },
    },
    handler: async (request, reply) => {
      const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : 0;
      await setPasswordOf(context, actorOf(request), id, request.body.password);
      return reply.status(204).send();
    },
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['system'], operationId: 'logout', summary: 'Revoke the token of this request (in every server process)', response: { 204: { description: 'Logged out', type: 'null' } } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind === 'user') {
        await revokeToken(context, actor.tokenId);
        await recordAuditEvent(context, 'logout', { entity: 'user', recordId: actor.id });
      }
      return reply.status(204).send();
    },
  });
}

function summary(actor: { id: number; username: string; displayName: string | null; email: string | null; department: string | null; roles: string[] }) {
  return { id: actor.id, username: actor.username, display_name: actor.displayName, email: actor.email, department: actor.department, roles: actor.roles };
}
