import { NotFoundError, OptimisticLockError, UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpError, isKontorHttpError, type KontorHttpError, type MissingGrant } from './http-errors.ts';
import { validationErrors } from './validation-errors.ts';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: Record<string, string>;
  missing?: MissingGrant;
}

/**
 * The one place errors become HTTP answers: validation and client mistakes get their 4xx with a stable code
 * and, where a field is at fault, `errors`; anything unexpected is logged and answered 500 without details
 * (never a stack trace in a response).
 */
export function registerErrorHandler(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = toHttpError(error, options.bodyLimit, request);
    if (mapped.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.code, statusCode: mapped.statusCode }, mapped.message);
    const body: ErrorBody = { statusCode: mapped.statusCode, code: mapped.code, message: mapped.message };
    if (mapped.errors && Object.keys(mapped.errors).length > 0) body.errors = mapped.errors;
    if (mapped.missing) body.missing = mapped.missing;
    if (mapped.retryAfter !== undefined) reply.header('retry-after', String(mapped.retryAfter));
    if (mapped.statusCode === 401) reply.header('www-authenticate', 'Bearer');
    return reply.status(mapped.statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const error = httpError('KONTOR_HTTP_ROUTE_NOT_FOUND', `${request.method} ${request.url.split('?')[0]}`);
    return reply.status(404).send({ statusCode: 404, code: error.code, message: error.message });
  });
}

function toHttpError(error: FastifyError, bodyLimit: number, request: FastifyRequest): KontorHttpError {
  if (isKontorHttpError(error)) return error;
  if (error.validation) {
    const errors = validationErrors(error.validation, error.validationContext);
    const summary = Object.entries(errors).map(([field, message]) => `${field} ${message}`).join('; ');
    return error.validationContext === 'body' ? httpError('KONTOR_HTTP_VALIDATION', summary, errors) : httpError('KONTOR_HTTP_BAD_QUERY', summary, errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // A route may take more than the server's limit (the CSV import does).
      return httpError('KONTOR_HTTP_BODY_TOO_LARGE', String(request.routeOptions.bodyLimit ?? bodyLimit));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return httpError('KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE', String(request.headers['content-type'] ?? 'no content type'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return httpError('KONTOR_HTTP_MALFORMED_JSON', 'the body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return httpError('KONTOR_HTTP_MALFORMED_JSON', error.message);
  }
  if (error instanceof OptimisticLockError) {
    return httpError('KONTOR_HTTP_VERSION_CONFLICT', 'Someone else changed this record meanwhile; reload it and apply your change again', { version: 'changed meanwhile' });
  }
  // Writes translate their unique violations to the field at fault (operations/write-records.ts); this is
  // the fallback for any other path.
  if (error instanceof UniqueConstraintViolationException) {
    return httpError('KONTOR_HTTP_UNIQUE_VIOLATION', 'Another record already has one of these values');
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return httpError('KONTOR_HTTP_STILL_REFERENCED', 'The change would break a link between records (a referenced record is missing or still in use)');
  }
  if (error instanceof NotFoundError) return httpError('KONTOR_HTTP_NOT_FOUND', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return httpError('KONTOR_HTTP_BAD_QUERY', error.message);
  }
  return httpError('KONTOR_HTTP_INTERNAL', String(request.id));
}

