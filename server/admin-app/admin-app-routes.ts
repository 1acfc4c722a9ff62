import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where `npm run build:admin` (and `npm start`) put the built admin app. */
export const DEFAULT_ADMIN_DIST = resolve(import.meta.dirname, '../../admin/dist');

/**
 * Serves the admin app at `/`: its hashed assets with long caching, and index.html for every other path
 * outside /api, so deep links (`/contracts/12/show`) survive a reload. Paths under /api keep the API's
 * JSON 404. Without a build, `/` explains how to make one instead of failing silently.
 */
export async function adminAppRoutes(app: FastifyInstance, options: { dist: string }): Promise<void> {
  const indexFile = join(options.dist, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: options.dist,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const index = built ? await readFile(indexFile, 'utf8') : notBuiltPage(options.dist);
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) return reply.callNotFound();
    return reply
      .status(built ? 200 : 503)
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
      .header('X-Content-Type-Options', 'nosniff')
      .send(index);
  });
}

function notBuiltPage(dist: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Kontor</title>
<p>The admin UI is not built (${dist} has no index.html). Run <code>npm run build:admin</code>, or start with
<code>npm start</code>, which builds it when needed. The API is at <a href="/api/docs">/api/docs</a>.</p>`;
}
