/**
 * A JSON Schema (draft 2020-12 subset as ajv 8 reads it). Kept loose on purpose: schemas here are data that
 * ajv compiles and the OpenAPI generator republishes, never interpreted by hand.
 */
export type JsonSchema = { [keyword: string]: unknown };
