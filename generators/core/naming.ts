/** Database names derived from the model, in one place: the ORM schema, the SQL and migrations agree. */
export const tableName = (entity: string): string => entity;

/** A reference's foreign key column carries `_id`; every other stored field keeps its name. */
export const columnName = (field: string, storage: string): string => (storage === 'reference' ? `${field}_id` : field);

export const pivotTableName = (entity: string, field: string): string => `${entity}_${field}`;

/** Join columns of a many-to-many table; a self-link (partner → partner) needs distinct names. */
export function pivotColumns(entity: string, target: string): { owner: string; target: string } {
  return entity === target ? { owner: 'owner_id', target: 'target_id' } : { owner: `${entity}_id`, target: `${target}_id` };
}

/** Counters behind autonumber fields, one row per (entity.field, period). */
export const SEQUENCE_TABLE = 'kontor_sequence';

/** Password hashes, kept apart from the user entity so no generic read path can reach them. */
export const CREDENTIAL_TABLE = 'kontor_credential';
/** Login and API tokens, stored as SHA-256 hashes. */
export const TOKEN_TABLE = 'kontor_token';
/** Failed login counters per username and per client address. */
export const LOGIN_FAILURE_TABLE = 'kontor_login_failure';
/** The audit trail: append-only, hash-chained (triggers refuse UPDATE and DELETE). */
export const AUDIT_TABLE = 'kontor_audit';
