import type { FastifyInstance } from 'fastify';
import { httpError } from './http-errors.ts';

/**
 * Bodies are JSON. A DELETE carries none, whatever content type the client's library puts on it
 * (ra-data-simple-rest says text/plain, react-admin's fetchJson application/json): an empty body is no
 * body. Text with content is a client sending the wrong format (415).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (request.method === 'DELETE' && String(body).trim() === '') done(null, undefined);
    else json(request, String(body), done);
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    if (typeof body === 'string' && body.trim() !== '') done(httpError('KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE', 'text/plain'), undefined);
    else done(null, undefined);
  });
}
