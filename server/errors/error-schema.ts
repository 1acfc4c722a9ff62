/** The body of every error answer. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. KONTOR_HTTP_VALIDATION' },
    message: { type: 'string', description: 'What went wrong, for a person' },
    errors: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field (or query parameter) → what is wrong with it' },
    missing: {
      type: 'object',
      description: 'With 403: the grant that is missing (entity, action and, for a field, the field)',
      properties: { entity: { type: 'string' }, action: { type: 'string' }, field: { type: 'string' } },
      required: ['entity', 'action'],
    },
  },
  required: ['statusCode', 'code', 'message'],
} as const;
