import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/**
 * ajv's errors as `{ field: message }`: the path in dotted form (`deliveries.0.net_weight`, as react-admin
 * names nested inputs) and a message a person can act on.
 */
export function validationErrors(errors: readonly FastifySchemaValidationError[], context: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    let path = error.instancePath.slice(1).split('/').filter(Boolean).join('.');
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      path = join(path, String(params.additionalProperty));
      message = context === 'body' ? 'is not a field of this resource' : 'is not a known parameter';
    } else if (error.keyword === 'required') {
      path = join(path, String(params.missingProperty));
      message = 'is required';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(params.allowedValues as unknown[]).filter((v) => v !== null).map(String).join(', ')}`;
    } else if (error.keyword === 'type') {
      message = `must be ${String(params.type).replace(/,/g, ' or ')}`;
    }
    const key = path === '' ? '_' : path;
    if (!(key in result)) result[key] = message;
  }
  return result;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
