import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { currentAuditContext } from '../operations/request-context.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import type { UserActor } from '../permissions/actor.ts';
import { actorForToken } from './token-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user; set on every protected route before its handler runs. */
    actor: UserActor | null;
  }
  interface FastifyContextConfig {
    /** Answers without a token (login, health, readiness). */
    public?: boolean;
  }
}

/** The interactive API docs and the OpenAPI document are public: a client needs them to learn how to log in. */
const PUBLIC_PATHS = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/** Protected: every route under /api that is not marked public. The admin UI's files (outside /api) are public. */
export function isProtectedRoute(url: string, config: { public?: boolean } | undefined): boolean {
  return url.startsWith('/api') && config?.public !== true && !PUBLIC_PATHS.some((p) => p.test(url));
}

/**
 * Bearer tokens on every protected route: the hook resolves the token to the acting user (or answers 401),
 * and each protected route documents the 401 and its security requirement in OpenAPI. Register it before
 * any route.
 */
export function registerAuthentication(app: FastifyInstance, context: OperationContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isProtectedRoute(route.url, route.config as { public?: boolean } | undefined)) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema.security = [{ bearer: [] }];
    const response = (schema.response ??= {}) as Record<string, unknown>;
    response[401] ??= { description: 'No token, an unknown or expired token, or a disabled user', $ref: 'Error#' };
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    if (!isProtectedRoute(url, request.routeOptions.config as { public?: boolean } | undefined)) return;
    request.actor = await authenticate(context, request);
    // The request's audit context (set before this hook) now names who acts.
    const audit = currentAuditContext();
    audit.actorId = request.actor.id;
    audit.actor = request.actor.username;
  });
}

async function authenticate(context: OperationContext, request: FastifyRequest): Promise<UserActor> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw httpError('KONTOR_HTTP_UNAUTHENTICATED', 'Log in first: send Authorization: Bearer <token> (POST /api/auth/login gives one)');
  const actor = await actorForToken(context, match[1]);
  if (!actor) throw httpError('KONTOR_HTTP_UNAUTHENTICATED', 'The token is unknown, expired or revoked, or the user is disabled; log in again');
  return actor;
}

