import type { JsonSchema } from '../core/json-schema.ts';
import { localizedTextSchema } from '../core/localized-text.ts';
import { DURATION_PATTERN } from '../core/duration.ts';
import { DASHBOARD_TONES } from './app-model.ts';
import { HOOK_NAMES } from './entity-definition.ts';

/** snake_case, as entity, field, department and role names must be. */
export const NAME_PATTERN = '^[a-z][a-z0-9_]*$';
const name = { type: 'string', pattern: NAME_PATTERN };
const path = { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$', description: 'a field name, or reference.field one hop away (snake_case)' };
const names = { type: 'array', items: name, uniqueItems: true };

/**
 * The entity file's own keys. Each field is checked afterwards against its type's schema, so errors can say
 * "unknown option of type decimal" instead of ajv's account of a failed oneOf over seventeen types.
 */
export const entityDefinitionSchema: JsonSchema = {
  $id: 'kontor:entity-definition',
  type: 'object',
  properties: {
    entity: { ...name, description: 'the unique snake_case name of the entity, e.g. `entity: customer`' },
    department: name,
    label: localizedTextSchema,
    plural: localizedTextSchema,
    description: localizedTextSchema,
    resource: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' },
    title: name,
    list: { type: 'array', items: path, uniqueItems: true, minItems: 1 },
    search: { type: 'array', items: path, uniqueItems: true },
    sort: {
      description: 'a field name, -name for descending, or { field, order }',
      anyOf: [
        { type: 'string', pattern: '^-?[a-z][a-z0-9_]*$' },
        {
          type: 'object',
          properties: { field: name, order: { enum: ['ASC', 'DESC'] } },
          required: ['field'],
          additionalProperties: false,
        },
      ],
    },
    fields: { type: 'object', minProperties: 1, additionalProperties: { type: ['object', 'string'] }, description: 'a map of field name → definition, e.g. `name: { type: string }`' },
    workflow: {
      type: 'object',
      properties: {
        field: name,
        lock: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'states whose records are read-only, e.g. [posted]' },
        transitions: {
          type: 'object',
          minProperties: 1,
          additionalProperties: {
            type: 'object',
            properties: {
              from: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }], description: 'a state or a list of states' },
              to: { type: 'string' },
              roles: names,
              label: localizedTextSchema,
              fourEyes: { type: 'boolean', description: 'true: the user who created the record may not run the transition' },
              requires: { ...names, description: 'fields that must be filled before the transition, e.g. [signed_at]' },
              set: {
                type: 'object',
                description: 'field: value written by the transition: now, today, $user or a literal, e.g. { posted_at: now }',
                additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
              },
            },
            required: ['from', 'to'],
            additionalProperties: false,
          },
        },
      },
      required: ['field', 'transitions'],
      additionalProperties: false,
    },
    audit: {
      description: 'false, or { retention: 10y, reason: required|optional }',
      anyOf: [
        { const: false },
        {
          type: 'object',
          properties: { retention: { type: 'string', pattern: '^[1-9][0-9]?y$' }, reason: { enum: ['required', 'optional'] } },
          additionalProperties: false,
        },
      ],
    },
    hooks: {
      type: 'object',
      propertyNames: { enum: [...HOOK_NAMES] },
      additionalProperties: { 'x-kontor-function': true },
    },
    actions: {
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: {
        type: 'object',
        properties: {
          label: localizedTextSchema,
          description: localizedTextSchema,
          confirm: localizedTextSchema,
          icon: { type: 'string', pattern: '^[a-z0-9_]+$' },
          roles: names,
          allowLocked: { type: 'boolean' },
          available: { 'x-kontor-function': true },
          run: { 'x-kontor-function': true },
        },
        required: ['label', 'run'],
        additionalProperties: false,
      },
    },
  },
  required: ['entity', 'fields'],
  additionalProperties: false,
};

const locale = { enum: ['en', 'de'] };
const duration = (what: string, example: string) => ({ type: 'string', pattern: DURATION_PATTERN, description: `${what}: a number and s, m, h or d, e.g. ${example}` });

export const appConfigSchema: JsonSchema = {
  $id: 'kontor:app-config',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    plugins: {
      type: 'array',
      description: 'Plugins to load: a plugin shipped with Kontor by name (iban, weight), an npm package, or a path relative to the project (./plugins/x.ts)',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
    },
    database: {
      type: 'object',
      properties: { url: { type: 'string', pattern: '^(sqlite:.+|postgres(ql)?://.+)$' } },
      additionalProperties: false,
    },
    server: {
      type: 'object',
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        bodyLimit: { type: 'integer', minimum: 1024 },
      },
      additionalProperties: false,
    },
    locale: {
      type: 'object',
      properties: { default: locale, available: { type: 'array', items: locale, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    auth: {
      type: 'object',
      properties: {
        sessionTtl: duration('how long a login lasts', '12h'),
        apiTokenTtl: duration('the default lifetime of `kontor token create` tokens', '90d'),
        login: {
          type: 'object',
          properties: {
            maxFailures: { type: 'integer', minimum: 1, maximum: 1000 },
            window: duration('the time in which failed logins are counted', '15m'),
            lockout: duration('how long a username or address stays locked', '15m'),
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const filterValue = { type: ['string', 'number', 'boolean', 'null'] };

/** One entry of a department's `dashboard:`; its entity and filter are checked against the model afterwards. */
const dashboardItemSchema = {
  type: 'object',
  properties: {
    entity: { ...name, description: 'the entity whose records are counted, e.g. `entity: contract`' },
    label: localizedTextSchema,
    filter: {
      type: 'object',
      description: 'a list filter: field, or field_gte, _lte, _gt, _lt, _neq, _like → a value, a list of values, or a day as today, today+7d, today-30d',
      additionalProperties: { anyOf: [filterValue, { type: 'array', items: filterValue, minItems: 1 }], description: 'a value (a text, number, true/false or null for empty) or a list of values' },
    },
    tone: { enum: [...DASHBOARD_TONES] },
  },
  required: ['entity', 'label'],
  additionalProperties: false,
};

export const departmentsConfigSchema: JsonSchema = {
  $id: 'kontor:departments-config',
  type: 'object',
  properties: {
    departments: {
      type: 'object',
      minProperties: 1,
      // `finance:` with nothing after it is a department with default labels.
      additionalProperties: {
        type: ['object', 'null'],
        properties: {
          label: localizedTextSchema,
          icon: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          order: { type: 'integer' },
          dashboard: { type: 'array', items: dashboardItemSchema, description: 'the things to act on next: a list of { entity, label, filter, tone }' },
        },
        additionalProperties: false,
      },
    },
  },
  required: ['departments'],
  additionalProperties: false,
};

const actionName = { type: 'string', pattern: '^([a-z][a-z0-9_]*|\\*)$', description: 'read, create, update, delete, export, a workflow transition, or * for all' };
const actionNames = { type: 'array', items: actionName, uniqueItems: true };
const scopeValue = { type: ['string', 'number', 'boolean', 'null'] };
const grantSchema = {
  type: 'object',
  properties: {
    actions: { anyOf: [actionName, actionNames] },
    hide: { ...names, description: 'fields the role may not read (nor write)' },
    readonly: { ...names, description: 'fields the role may read but not write' },
    scope: {
      type: 'object',
      description: 'which rows: field (or reference.field) → value, $user, $user.department, or a list of values',
      propertyNames: { pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' },
      additionalProperties: { anyOf: [scopeValue, { type: 'array', items: scopeValue, minItems: 1 }] },
      minProperties: 1,
    },
  },
  required: ['actions'],
  additionalProperties: false,
};

export const rolesConfigSchema: JsonSchema = {
  $id: 'kontor:roles-config',
  type: 'object',
  properties: {
    roles: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: ['object', 'null'],
        properties: {
          label: localizedTextSchema,
          description: localizedTextSchema,
          grants: {
            type: ['object', 'null'],
            description: 'a map of entity, `<department>.*` or `*` → the actions it grants (`contract: [read, update]`), a grant `{ actions, hide, readonly, scope }`, or a list of grants',
            additionalProperties: { anyOf: [actionName, actionNames, grantSchema, { type: 'array', items: grantSchema, minItems: 1 }] },
          },
        },
        additionalProperties: false,
      },
    },
  },
  required: ['roles'],
  additionalProperties: false,
};
