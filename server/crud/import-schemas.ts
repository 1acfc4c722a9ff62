/** The answers of `POST /api/<resource>/import`, for the response serializer and the OpenAPI document. */

const rowErrorSchema = {
  type: 'object',
  description: 'Why one row cannot be created: what POST would have answered for it',
  properties: {
    row: { type: 'integer', minimum: 0, description: 'Index of the row in `rows` (0-based)' },
    code: { type: 'string', description: 'The error code POST would have answered, e.g. KONTOR_HTTP_VALIDATION' },
    message: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field → what is wrong with it' },
    missing: {
      type: 'object',
      description: 'With KONTOR_HTTP_FORBIDDEN: the grant that is missing',
      properties: { entity: { type: 'string' }, action: { type: 'string' }, field: { type: 'string' } },
      required: ['entity', 'action'],
    },
  },
  required: ['row', 'code', 'message', 'errors'],
} as const;

const dryRunSchema = {
  type: 'object',
  description: 'The dry run: every row checked, nothing written',
  properties: {
    total: { type: 'integer', minimum: 0 },
    valid: { type: 'integer', minimum: 0, description: 'Rows that would be created' },
    errors: { type: 'array', items: rowErrorSchema },
  },
  required: ['total', 'valid', 'errors'],
} as const;

const createdSchema = {
  type: 'object',
  properties: {
    created: { type: 'integer', minimum: 0 },
    ids: { type: 'array', items: { type: 'integer' }, description: 'The new records, in row order' },
  },
  required: ['created', 'ids'],
} as const;

/** 422: some row failed, so nothing was imported; `rows` says which and why. */
export const importInvalidSchema = {
  description: 'Some rows are invalid (KONTOR_HTTP_IMPORT_INVALID); nothing was imported, `rows` lists each invalid row',
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'string' } },
    rows: { type: 'array', items: rowErrorSchema },
  },
  required: ['statusCode', 'code', 'message', 'errors', 'rows'],
} as const;

export function importResponseSchemas(name: string) {
  return {
    200: {
      description: `A dry run's report (JSON), or with Accept: application/x-ndjson the progress of the import as lines {"done":n,"total":N}, then {"result":...} or {"error":...}`,
      content: {
        'application/json': { schema: dryRunSchema },
        'application/x-ndjson': { schema: { type: 'string', description: 'One JSON object per line' } },
      },
    },
    201: { description: `Every row was created as a ${name}`, ...createdSchema },
  };
}
