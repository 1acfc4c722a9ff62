/** Schema pieces of the routes that act on one record by id (transitions, custom actions). */
export const errorResponse = (description: string) => ({ description, $ref: 'Error#' });

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The record id (a positive whole number)' } },
  required: ['id'],
} as const;

/** The optional body of a decision on a record: the version it was made on. */
export const versionBody = {
  type: 'object',
  description: 'Optional. `version`: the version you saw, for optimistic locking (409 when the record changed meanwhile).',
  properties: { version: { type: 'integer', minimum: 1, description: 'The record version the decision was made on' } },
  additionalProperties: false,
} as const;
