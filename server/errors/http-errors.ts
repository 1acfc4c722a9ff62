import createError from '@fastify/error';

/**
 * Every error the HTTP API answers with, one code each; codes are stable (clients match on them) and README
 * lists them all. The body is always `{ statusCode, code, message, errors? }`, `errors` mapping a field (or a
 * query parameter) to what is wrong with it, which react-admin shows on the form input.
 */
export const httpErrors = {
  KONTOR_HTTP_VALIDATION: { status: 400, message: 'The request body is invalid: %s' },
  KONTOR_HTTP_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON: %s' },
  KONTOR_HTTP_BAD_QUERY: { status: 400, message: 'The query is invalid: %s' },
  KONTOR_HTTP_UNAUTHENTICATED: { status: 401, message: '%s' },
  KONTOR_HTTP_LOGIN_FAILED: { status: 401, message: '%s' },
  KONTOR_HTTP_FORBIDDEN: { status: 403, message: '%s' },
  KONTOR_HTTP_FOUR_EYES: { status: 403, message: '%s' },
  KONTOR_HTTP_NOT_FOUND: { status: 404, message: '%s' },
  KONTOR_HTTP_ROUTE_NOT_FOUND: { status: 404, message: 'No route %s' },
  KONTOR_HTTP_METHOD_NOT_ALLOWED: { status: 405, message: '%s' },
  KONTOR_HTTP_VERSION_CONFLICT: { status: 409, message: '%s' },
  KONTOR_HTTP_UNIQUE_VIOLATION: { status: 409, message: '%s' },
  KONTOR_HTTP_STILL_REFERENCED: { status: 409, message: '%s' },
  KONTOR_HTTP_RECORD_LOCKED: { status: 409, message: '%s' },
  KONTOR_HTTP_TRANSITION_NOT_ALLOWED: { status: 409, message: '%s' },
  KONTOR_HTTP_ACTION_NOT_AVAILABLE: { status: 409, message: '%s' },
  KONTOR_HTTP_BODY_TOO_LARGE: { status: 413, message: 'The request body is larger than %s bytes' },
  KONTOR_HTTP_IMPORT_TOO_LARGE: { status: 413, message: '%s' },
  KONTOR_HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json, not %s' },
  KONTOR_HTTP_INVALID_REFERENCE: { status: 422, message: '%s' },
  KONTOR_HTTP_WORKFLOW_STATE: { status: 422, message: '%s' },
  KONTOR_HTTP_TRANSITION_INCOMPLETE: { status: 422, message: '%s' },
  KONTOR_HTTP_RULE_VIOLATION: { status: 422, message: '%s' },
  KONTOR_HTTP_IMPORT_INVALID: { status: 422, message: '%s' },
  KONTOR_HTTP_TOO_MANY_LOGINS: { status: 429, message: 'Too many failed logins; try again in %s seconds' },
  KONTOR_HTTP_NOT_READY: { status: 503, message: 'The database is not reachable: %s' },
  KONTOR_HTTP_INTERNAL: { status: 500, message: 'Internal error (request %s); the details are in the server log' },
} as const;

export type HttpErrorCode = keyof typeof httpErrors;

/** An error that maps to one HTTP answer; `errors` names the fields at fault. */
export interface KontorHttpError extends Error {
  code: HttpErrorCode;
  statusCode: number;
  errors?: Record<string, string>;
  /** 403: the grant that is missing (never data). */
  missing?: MissingGrant;
  /** 429: seconds until the next attempt may succeed (the Retry-After header). */
  retryAfter?: number;
}

export interface MissingGrant {
  entity: string;
  action: string;
  field?: string;
}

const constructors = Object.fromEntries(
  Object.entries(httpErrors).map(([code, { status, message }]) => [code, createError(code, message, status)]),
) as Record<HttpErrorCode, ReturnType<typeof createError>>;

/** Builds the error for a code, filling its message template (`%s`) with `detail`. */
export function httpError(code: HttpErrorCode, detail: string, errors?: Record<string, string>): KontorHttpError {
  const error = new constructors[code](detail) as KontorHttpError;
  if (errors) error.errors = errors;
  return error;
}

/** 403 naming the grant that is missing, e.g. `{ entity: 'employee', action: 'update', field: 'salary' }`. */
export function forbidden(message: string, missing: MissingGrant, errors?: Record<string, string>): KontorHttpError {
  const error = httpError('KONTOR_HTTP_FORBIDDEN', message, errors);
  error.missing = missing;
  return error;
}

export function isKontorHttpError(error: unknown): error is KontorHttpError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code in httpErrors;
}
