/**
 * Every code a definition or config error can carry. Codes are stable: a business admin may search for one,
 * a script may match on it. Never rename or reuse a code; add a new one. README lists them all (a test
 * checks that).
 */
export const configErrorCodes = {
  KONTOR_CFG_YAML_SYNTAX: 'The file is not valid YAML (bad indentation, a tab, an unclosed quote, a duplicate key).',
  KONTOR_CFG_TS_LOAD_FAILED: 'A TypeScript definition could not be loaded (syntax error or an exception while importing it).',
  KONTOR_CFG_TS_NO_DEFAULT_EXPORT: 'A TypeScript definition has no `export default defineEntity({...})`.',
  KONTOR_CFG_FILE_MISSING: 'A required config file (config/app.yaml, config/departments.yaml, config/roles.yaml) is missing.',
  KONTOR_CFG_NO_ENTITIES: 'The project has no entity definitions under entities/.',
  KONTOR_CFG_FILE_LOCATION: 'An entity file is not inside a department folder (entities/<department>/<entity>.yaml).',
  KONTOR_CFG_WRONG_TYPE: 'A value has the wrong kind (text where a number belongs, a list where a map belongs...).',
  KONTOR_CFG_MISSING_KEY: 'A required key is missing (e.g. `entity:` or `fields:` in an entity, `to:` in a reference).',
  KONTOR_CFG_UNKNOWN_KEY: 'A key that this part of the file does not know (usually a typo).',
  KONTOR_CFG_UNKNOWN_OPTION: 'A field option that the field type does not know (usually a typo, or an option of another type).',
  KONTOR_CFG_INVALID_VALUE: 'A value outside what is allowed (not one of the listed choices, too small, too large, empty).',
  KONTOR_CFG_INVALID_NAME: 'A name is not snake_case (lowercase letters, digits and underscores, starting with a letter).',
  KONTOR_CFG_MISSING_FIELD_TYPE: 'A field has no `type:`.',
  KONTOR_CFG_UNKNOWN_FIELD_TYPE: 'A field has a `type:` that no registered field type has.',
  KONTOR_CFG_RESERVED_FIELD_NAME: 'A field uses a name Kontor manages itself (id, version, created_at, updated_at).',
  KONTOR_CFG_DUPLICATE_ENTITY: 'Two definition files declare the same entity name.',
  KONTOR_CFG_DUPLICATE_RESOURCE: 'Two entities would be served under the same REST resource name.',
  KONTOR_CFG_UNKNOWN_ENTITY: 'A reference, children or many field, a grant or a dashboard item names an entity that does not exist.',
  KONTOR_CFG_UNKNOWN_FIELD: 'A list, search, title, sort, computed, currency or workflow setting, a grant or a dashboard filter names a field the entity does not have.',
  KONTOR_CFG_INVALID_VIA: 'The `via:` of a children field is not a reference on the child entity pointing back to the parent.',
  KONTOR_CFG_OWNERSHIP_CYCLE: 'Entities own each other through children fields in a circle.',
  KONTOR_CFG_UNKNOWN_DEPARTMENT: 'An entity names a department that config/departments.yaml does not declare.',
  KONTOR_CFG_UNKNOWN_ROLE: 'A workflow transition names a role that config/roles.yaml does not declare.',
  KONTOR_CFG_INVALID_DEFAULT: "A field's default breaks the field's own rules (not an allowed value, out of range, wrong format).",
  KONTOR_CFG_INVALID_PATTERN: 'A regular expression or autonumber pattern cannot be used.',
  KONTOR_CFG_INVALID_RANGE: 'Limits contradict each other (min above max, scale above precision).',
  KONTOR_CFG_INVALID_COMPUTED: 'A computed field is malformed (no or several formulas, a sum over a non-numeric field).',
  KONTOR_CFG_NOT_SEARCHABLE: 'A search field is not text (search runs a case-insensitive contains on text).',
  KONTOR_CFG_UNKNOWN_ACTION: 'A grant in config/roles.yaml names an action that is neither read, create, update, delete, export nor a workflow transition of its entities.',
  KONTOR_CFG_INVALID_SCOPE: 'A grant\'s row scope does not work: a path that is not a chain of references, an unknown placeholder, $user compared with something that is not a user.',
  KONTOR_CFG_AUDIT_REQUIRED: 'An entity of the finance department, or one with a fourEyes transition, declares `audit: false`; finance records must be audited (GoBD), and four eyes need the creator the audit trail records.',
  KONTOR_CFG_TRANSITION_NOT_GRANTED: 'A workflow transition lists a role in `roles:` that config/roles.yaml does not grant the transition, so it could never run it.',
  KONTOR_CFG_INVALID_WORKFLOW: 'A workflow is malformed: its field is not an enum or has no default (the initial state), a state is not one of its values, a transition is named like a standard action, requires a computed field or sets the state or a field nobody writes.',
  KONTOR_CFG_UNSUPPORTED_OPERATOR: "A dashboard filter compares a field in a way its type does not offer (`_like` on a date, `_gte` on an enum, a list of values where only one is allowed), or filters by a field that cannot be filtered (json, children).",
} as const;

export type ConfigErrorCode = keyof typeof configErrorCodes;
