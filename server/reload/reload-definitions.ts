import { MikroORM } from '@mikro-orm/core';
import type { SqlSchemaGenerator } from '@mikro-orm/knex';
import type { FastifyInstance } from 'fastify';
import { formatConfigIssue } from '../../generators/core/config-issue.ts';
import { FieldRegistry } from '../../generators/fields/registry.ts';
import { compileProject } from '../../generators/model/compile-project.ts';
import { recordAuditEvent } from '../audit/audit-events.ts';
import { describeTarget, parseDatabaseUrl } from '../db/database-url.ts';
import { ormOptions } from '../db/open-database.ts';
import type { SchemaChange } from '../db/schema-changes.ts';
import { planSchemaSync } from '../db/sync-schema.ts';
import { systemAuditContext } from '../operations/request-context.ts';
import type { AppSwitch } from './app-switch.ts';
import { hashDefinitions } from './definition-files.ts';
import { compareModels, isUnchanged, summarizeModelChanges, type ModelChanges } from './model-changes.ts';

export interface ReloadOptions {
  /** The project directory. */
  dir: string;
  switcher: AppSwitch;
  /** Builds and readies the app of the definitions now on disk (buildApp with the server's options). */
  build(modelHash: string): Promise<FastifyInstance>;
  /** The database the server was started on, when not from config/app.yaml (DATABASE_URL or the option). */
  databaseUrl?: string;
  /** The field types the server was started with (plugins of config/app.yaml are added to them). */
  registry?: FieldRegistry;
  /** The files that changed (for the log), relative to the project. */
  files?: string[];
  /** Build a new app even when the model is unchanged: the admin app was rebuilt (`npm run dev`). */
  force?: boolean;
}

export type ReloadOutcome =
  | { kind: 'unchanged' }
  /** `force` on unchanged definitions: a new app on the same model (serving a new admin build). */
  | { kind: 'renewed' }
  | { kind: 'invalid'; issues: string[] }
  | { kind: 'refused'; reasons: string[] }
  /** The files changed again while the new app was built: the caller runs once more. */
  | { kind: 'raced' }
  | { kind: 'failed'; error: Error }
  | { kind: 'reloaded'; hash: string; changes: ModelChanges; applied: string[] };

/**
 * One reload: compile the definitions on disk; if they are valid and the database takes their difference by
 * adding tables and columns, build an app on them, write the change to the audit trail and make the new app
 * answer. Otherwise the running app keeps answering and the log says why (each issue at file:line:column, or
 * each change only `kontor migrate` may apply).
 */
export async function reloadDefinitions(options: ReloadOptions): Promise<ReloadOutcome> {
  const { dir, switcher } = options;
  const running = switcher.app;
  const log = running.log;
  const hash = await hashDefinitions(dir);
  if (hash === switcher.hash) return options.force ? renew(options, hash) : { kind: 'unchanged' };
  // Not the temporary files an editor (or `sed -i`) renamed over the definition it saved.
  const named = (options.files ?? []).filter((file) => /\.(ya?ml|ts)$/.test(file));
  const files = named.length > 0 ? ` (${named.join(', ')})` : '';

  const compiled = await compileProject(dir, { registry: options.registry ?? new FieldRegistry() });
  if (!compiled.ok) {
    const issues = compiled.issues.map(formatConfigIssue);
    for (const issue of issues) log.error(issue);
    log.error(`Definitions invalid${files}: ${issues.length} issue${issues.length === 1 ? '' : 's'}; still serving the previous model`);
    return { kind: 'invalid', issues };
  }
  const changes = compareModels({ model: running.kontor.model, code: running.kontor.operations.code }, compiled);
  if (isUnchanged(changes)) {
    if (options.force) return renew(options, switcher.hash);
    log.info(`Definitions saved${files}; the model is unchanged`);
    return { kind: 'unchanged' };
  }

  const refusal = await refusedChanges(options, compiled.model, compiled.registry);
  if (refusal.length > 0) {
    for (const reason of refusal) log.warn(`Not reloaded: ${reason}`);
    log.warn(`Definitions not reloaded${files}: ${refusal.length} change${refusal.length === 1 ? ' needs' : 's need'} \`npx kontor migrate\` (review, migrate, then restart the server or save a definition again); still serving the previous model`);
    return { kind: 'refused', reasons: refusal };
  }

  let app: FastifyInstance | undefined;
  try {
    app = await options.build(hash);
    await app.ready();
    // Built from other files than those hashed (saved again meanwhile): the next round takes the newer ones.
    if ((await hashDefinitions(dir)) !== hash) {
      await app.close();
      return { kind: 'raced' };
    }
    const applied = app.kontor.db.schema.applied;
    await recordAuditEvent(app.kontor.operations, 'model_change', { changes: { hash, previous_hash: switcher.hash, ...changes, schema: applied } }, systemAuditContext());
    void switcher.swap(app, hash).catch((error: Error) => log.error({ err: error }, 'closing the previous model\'s app failed'));
    app.log.info(`Model reloaded: ${summarizeModelChanges(changes)}${applied.length > 0 ? ` (${applied.length} schema change${applied.length === 1 ? '' : 's'} applied)` : ''}`);
    const [before, after] = [running.kontor.model.app.server, compiled.model.app.server];
    if (before.host !== after.host || before.port !== after.port) app.log.warn('The server keeps listening where it did: a new host or port in config/app.yaml takes effect on the next start');
    return { kind: 'reloaded', hash, changes, applied };
  } catch (error) {
    await app?.close().catch(() => undefined);
    log.error(`Definitions not reloaded${files}: ${(error as Error).message}; still serving the previous model`);
    return { kind: 'failed', error: error as Error };
  }
}

/** A new app on the running model (the same hash): what it serves besides the model changed. */
async function renew(options: ReloadOptions, hash: string): Promise<ReloadOutcome> {
  const app = await options.build(hash);
  try {
    await app.ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  void options.switcher.swap(app, hash).catch((error: Error) => app.log.error({ err: error }, 'closing the previous app failed'));
  app.log.info('Serving the new admin build');
  return { kind: 'renewed' };
}

/**
 * Why the running database cannot take the new model by itself: another database, or differences that
 * start-up would refuse or leave to `kontor migrate` (those already pending when the server started are not
 * new and do not stop a reload).
 */
async function refusedChanges(options: ReloadOptions, model: Parameters<typeof ormOptions>[0], registry: FieldRegistry): Promise<string[]> {
  const db = options.switcher.app.kontor.db;
  const target = parseDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL ?? model.app.database.url, options.dir);
  if (JSON.stringify(target) !== JSON.stringify(db.target)) {
    return [`the database changes from ${describeTarget(db.target)} to ${describeTarget(target)}: restart the server to switch databases`];
  }
  const orm = await MikroORM.init(await ormOptions(model, registry, target, {}));
  let refused: SchemaChange[];
  try {
    ({ refused } = await planSchemaSync(orm.getSchemaGenerator() as unknown as SqlSchemaGenerator, orm.em.getConnection()));
  } finally {
    await orm.close(true);
  }
  const pending = new Set(db.schema.pending.map((change) => change.detail));
  return refused.filter((change) => change.destructive || !pending.has(change.detail)).map((change) => (change.destructive ? `would lose or invalidate data: ${change.detail}` : change.detail));
}
