import type { FastifyInstance } from 'fastify';
import { httpError } from './http-errors.ts';

/**
 * Bodies are JSON. react-admin's delete sends `Content-Type: text/plain` with no body, so an empty text/plain
 * body is accepted; any text/plain content is a client sending the wrong format (415).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    if (typeof body === 'string' && body.trim() !== '') done(httpError('KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE', 'text/plain'), undefined);
    else done(null, undefined);
  });
}
