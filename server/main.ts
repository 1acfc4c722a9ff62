import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.ts';
import { ensureDemoUsers } from './auth/demo-users.ts';
import { autoSeed } from './seed/auto-seed.ts';
import { terminalProgress } from './seed/seed-progress.ts';

export interface StartOptions extends BuildAppOptions {
  host?: string;
  port?: number;
}

/**
 * Starts the server: listen, print where it is, and on SIGTERM/SIGINT stop taking connections, let
 * in-flight requests finish, then close the database.
 */
export async function startServer(options: StartOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' }, ...options });
  const { server } = app.kontor.model.app;
  const host = options.host ?? process.env.HOST ?? server.host;
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : server.port);
  let closing = false;
  // A keep-alive connection whose last answer went out after close() began would hold the server open
  // until its idle timeout: answers given while closing end their connection.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    closing = true;
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info(`${signal ?? 'shutdown'} received, finishing in-flight requests`);
    await app.close();
  });
  const demo = await ensureDemoUsers(app.kontor.operations);
  const seeded = await autoSeed(app.kontor.operations, options.dir ?? process.cwd(), process.env, terminalProgress());
  await app.listen({ host, port });
  const address = app.server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
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
  return app;
}
