import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { generateEntitySchemas } from '../generators/api/entity-schemas.ts';
import { formatConfigIssue } from '../generators/core/config-issue.ts';
import { FieldRegistry } from '../generators/fields/registry.ts';
import type { AppModel } from '../generators/model/app-model.ts';
import { compileProject } from '../generators/model/compile-project.ts';
import { addKontorKeywords } from '../generators/model/create-ajv.ts';
import { generateUiMeta } from '../generators/ui/generate-ui-meta.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { isProtectedRoute, registerAuthentication } from './auth/authenticate.ts';
import { recordAuditEvent } from './audit/audit-events.ts';
import { currentAuditContext, requestAuditContext, runWithAuditContext, WARNING_HEADER } from './operations/request-context.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { adminAppRoutes, DEFAULT_ADMIN_DIST } from './admin-app/admin-app-routes.ts';
import { enableAudit } from './audit/enable-audit.ts';
import { crudRoutes } from './crud/crud-routes.ts';
import { customActionRoutes } from './crud/custom-action-routes.ts';
import { exportImportRoutes } from './crud/export-import-routes.ts';
import { recordActionsRoutes } from './crud/record-actions-routes.ts';
import { transitionRoutes } from './crud/transition-routes.ts';
import { traceRoutes } from './crud/trace-routes.ts';
import { parseDatabaseUrl } from './db/database-url.ts';
import { openDatabase, type KontorDatabase } from './db/open-database.ts';
import { errorSchema } from './errors/error-schema.ts';
import { registerBodyParsers } from './errors/body-parsers.ts';
import { registerErrorHandler } from './errors/error-handler.ts';
import { healthRoutes } from './health/health-routes.ts';
import { lazySerializerFactory } from './serialization/lazy-serializers.ts';
import { metaRoutes } from './meta/meta-routes.ts';
import { registerOpenApi } from './openapi/openapi-plugin.ts';
import { createOperationContext, type OperationContext } from './operations/operation-context.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type AjvPlugin = (ajv: Ajv, options?: unknown) => Ajv;
/** Fastify's ajv gets the same formats (with date limits) and keywords (plugins' too) as the definition validator. */
const ajvPlugins = (registry: FieldRegistry): Array<AjvPlugin | [AjvPlugin, unknown]> => [[addFormats as unknown as AjvPlugin, { keywords: true }], (ajv: Ajv) => addKontorKeywords(ajv, registry)];

export interface BuildAppOptions {
  /** The project: its config/ and entities/ (default: the current directory). */
  dir?: string;
  /** Overrides DATABASE_URL and config/app.yaml. */
  databaseUrl?: string;
  logger?: FastifyServerOptions['logger'];
  registry?: FieldRegistry;
  /** The built admin app served at `/` (default admin/dist of this installation). */
  adminDist?: string;
  /** SHA-256 of the definition files, for `_meta.modelHash` (`server/main.ts` sends it as `Kontor-Model`). */
  modelHash?: string;
}

export interface KontorServices {
  model: AppModel;
  db: KontorDatabase;
  operations: OperationContext;
  /** Every route registered, with whether it needs a token (tests iterate these). */
  routes: Array<{ method: string; url: string; protected: boolean }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    kontor: KontorServices;
  }
}

/** The definitions are invalid: the server does not start on a model it cannot trust. */
export class InvalidDefinitionsError extends Error {
  readonly code = 'KONTOR_CFG_INVALID';
}

/**
 * Builds the whole server from a project's definitions: model, database (schema brought up to date), REST
 * routes for every entity, OpenAPI, UI metadata. Does not listen; `server/main.ts` does.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const dir = options.dir ?? process.cwd();
  const compiled = await compileProject(dir, { registry: options.registry ?? new FieldRegistry() });
  if (!compiled.ok) {
    throw new InvalidDefinitionsError(`The definitions are invalid:\n${compiled.issues.map(formatConfigIssue).join('\n')}`);
  }
  const { model, code, registry } = compiled;
  const target = parseDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL ?? model.app.database.url, dir);
  const db = await openDatabase(model, registry, target);
  const operations = createOperationContext(model, registry, code, db);
  await enableAudit(operations);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: model.app.server.bodyLimit,
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false, allowUnionTypes: true },
      plugins: ajvPlugins(registry),
    },
  }) as unknown as FastifyInstance;
  const routes: KontorServices['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, protected: isProtectedRoute(route.url, route.config as { public?: boolean } | undefined) });
  });
  app.decorate('kontor', { model, db, operations, routes });
  app.addHook('onClose', async () => db.close());
  registerErrorHandler(app, { bodyLimit: model.app.server.bodyLimit });
  // Content-Range must be readable by a browser app on another origin (react-admin reads the total from it).
  await app.register(cors, { origin: true, methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'], exposedHeaders: ['Content-Range', 'X-Total-Count', 'Retry-After', WARNING_HEADER, 'Kontor-Model'] });
  registerBodyParsers(app);
  // Before authentication: the audit context of the request exists when the auth hook names the user.
  app.addHook('onRequest', (request, _reply, done) => runWithAuditContext(requestAuditContext(request), done));
  registerAuthentication(app, operations);
  // Entity hooks may let a write happen and still warn (a credit limit exceeded): the answer carries it.
  app.addHook('onSend', async (_request, reply) => {
    const warnings = currentAuditContext().warnings ?? [];
    if (warnings.length > 0) reply.header(WARNING_HEADER, encodeURIComponent(JSON.stringify(warnings)));
  });
  app.addHook('onError', async (request, _reply, error) => {
    const missing = (error as { missing?: { entity: string; action: string; field?: string } }).missing;
    if ((error as { statusCode?: number }).statusCode === 403 && missing) {
      await recordAuditEvent(operations, 'denied', { entity: missing.entity, changes: { ...missing, method: request.method, url: request.url.split('?')[0] } });
    }
  });
  app.addSchema(errorSchema);
  for (const schema of generateEntitySchemas(model, registry)) app.addSchema(schema);
  await registerOpenApi(app, model);
  await app.register(healthRoutes, { reader: db.reader });
  await app.register(authRoutes, { context: operations });
  await app.register(metaRoutes, { meta: generateUiMeta(model, registry), policy: operations.policy, modelHash: options.modelHash });
  await app.register(crudRoutes, { context: operations });
  await app.register(transitionRoutes, { context: operations });
  await app.register(customActionRoutes, { context: operations, onRun: (entity, recordId, action) => recordAuditEvent(operations, 'action', { entity, recordId, changes: { _action: action } }) });
  await app.register(recordActionsRoutes, { context: operations });
  await app.register(traceRoutes, { context: operations });
  await app.register(exportImportRoutes, { context: operations, onExport: ({ entity, audit, ...changes }) => recordAuditEvent(operations, 'export', { entity, changes }, audit) });
  await app.register(auditRoutes, { context: operations });
  await app.register(adminAppRoutes, { dist: options.adminDist ?? DEFAULT_ADMIN_DIST });
  return app;
}
