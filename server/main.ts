import { createServer, type Server } from 'node:http';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.ts';
import { ensureDemoUsers } from './auth/demo-users.ts';
import { AppSwitch } from './reload/app-switch.ts';
import { hashDefinitions } from './reload/definition-files.ts';
import { startLiveReload, type LiveReload } from './reload/live-reload.ts';
import { autoSeed } from './seed/auto-seed.ts';
import { terminalProgress } from './seed/seed-progress.ts';

export interface StartOptions extends BuildAppOptions {
  host?: string;
  port?: number;
  /** Reload the model when entities/ or config/ change (default: yes, unless KONTOR_WATCH=0). */
  watch?: boolean;
  /** Close gracefully on SIGTERM/SIGINT and exit (default); a test that runs the server in its process says false. */
  signals?: boolean;
}

export interface RunningServer {
  /** The app answering requests now: live reload replaces it when the definitions change. */
  readonly app: FastifyInstance;
  server: Server;
  url: string;
  /** Previous apps still finishing their requests after a reload, or closing. */
  readonly draining: number;
  /** Serves a new app on the definitions as they are (a new admin build, `npm run dev`); needs watching. */
  renew(): void;
  /** As on SIGTERM: stop taking connections, finish the requests in flight, close the database. */
  close(): Promise<void>;
}

/**
 * Starts the server: listen, print where it is, watch the definitions, and on SIGTERM/SIGINT stop taking
 * connections, let in-flight requests finish, then close the database. The HTTP server is ours, not
 * Fastify's: it hands each request to the current app (`server/reload/app-switch.ts`), so a reloaded model
 * goes live without a restart and without dropping a request.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = options.dir ?? process.cwd();
  const appOptions: BuildAppOptions = { logger: { level: process.env.LOG_LEVEL ?? 'info' }, ...options, dir };
  const modelHash = await hashDefinitions(dir);
  const app = await buildApp({ ...appOptions, modelHash });
  const { server: settings } = app.kontor.model.app;
  const host = options.host ?? process.env.HOST ?? settings.host;
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : settings.port);
  const switcher = new AppSwitch(app, modelHash);
  const server = createServer(switcher.handle);
  // Fastify's own defaults for the server it would have created.
  server.keepAliveTimeout = 72_000;
  server.requestTimeout = 0;
  let live: LiveReload | null = null;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await live?.close();
      server.close();
      server.closeIdleConnections();
      await switcher.close();
    })());
  const grace =
    options.signals === false
      ? { uninstall: () => undefined }
      : closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
          if (err) switcher.app.log.error({ err }, 'shutting down after an error');
          else switcher.app.log.info(`${signal ?? 'shutdown'} received, finishing in-flight requests`);
          await close();
        });
  const demo = await ensureDemoUsers(app.kontor.operations);
  const seeded = await autoSeed(app.kontor.operations, dir, process.env, terminalProgress());
  try {
    await app.ready();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    grace.uninstall();
    await app.close();
    throw error;
  }
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
  app.log.info(`Server listening at ${url}`);
  const watch = options.watch ?? process.env.KONTOR_WATCH !== '0';
  if (watch) {
    live = startLiveReload({ dir, switcher, databaseUrl: options.databaseUrl, registry: options.registry, build: (hash) => buildApp({ ...appOptions, modelHash: hash }) });
  }
  const { target, schema } = app.kontor.db;
  console.log(
    [
      '',
      `Kontor is running: ${app.kontor.model.app.name}`,
      `  Admin UI   ${url}/`,
      `  API        ${url}/api/<resource>   (${app.kontor.model.entities.map((e) => e.resource).join(', ')})`,
      `  API docs   ${url}/api/docs`,
      `  OpenAPI    ${url}/api/openapi.json`,
      `  Database   ${target.dialect === 'sqlite' ? `SQLite ${target.path}` : 'PostgreSQL'}${schema.applied.length > 0 ? ' (schema created or extended)' : ''}`,
      ...schema.pending.map((change) => `  Pending    ${change.detail} (run \`npx kontor migrate\`)`),
      watch ? '  Watching   entities/ and config/: saved definitions reload without a restart (KONTOR_WATCH=0 turns it off)' : '  Watching   off: restart after changing the definitions',
      ...(seeded ? [`  Seeded the demo data (small): ${seeded.records.toLocaleString('en')} records in ${seeded.seconds.toFixed(1)} s (KONTOR_SEED=0 skips this)`] : []),
      ...(demo
        ? [
            '',
            'Demo logins (created because the database had no users; one per role):',
            ...demo.logins.map((login) => `  ${login.username.padEnd(18)} ${login.role}`),
            `  Password for all of them: ${demo.password}${process.env.KONTOR_DEMO_PASSWORD ? ' (from KONTOR_DEMO_PASSWORD)' : ''}`,
            '  Change or disable them before real use: npx kontor user passwd <name> --password <new> / user disable <name>',
          ]
        : []),
      '',
    ].join('\n'),
  );
  return {
    get app() {
      return switcher.app;
    },
    get draining() {
      return switcher.draining;
    },
    server,
    url,
    renew: () => live?.renew(),
    async close() {
      grace.uninstall();
      await close();
    },
  };
}
