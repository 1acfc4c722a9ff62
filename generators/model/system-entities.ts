import type { Ajv } from 'ajv';
import type { FieldRegistry } from '../fields/registry.ts';
import type { Department, Role } from './app-model.ts';
import { checkEntityDefinition, type FieldSchemaCache } from './check-entity-definition.ts';
import type { EntityDefinition } from './entity-definition.ts';
import type { EntityToLink } from './link-entities.ts';
import { normalizeEntity } from './normalize-entity.ts';
import { SYSTEM_DEPARTMENT } from './read-config.ts';

/** Entity names Kontor defines itself; a definition file may reference them but not declare them. */
export const SYSTEM_ENTITY_SOURCE = 'built-in';

/**
 * The user accounts, an entity like any other (permissions, `_meta`, REST, references `to: user`) except
 * that Kontor defines it. Password hashes are not a field: they live in a table of their own that no generic
 * read path knows, so no grant, filter or response can ever reach them.
 */
export function userDefinition(roles: readonly Role[], departments: readonly Department[]): EntityDefinition {
  const departmentValues = departments.filter((d) => d.name !== SYSTEM_DEPARTMENT.name).map((d) => ({ value: d.name, label: d.label }));
  return {
    entity: 'user',
    department: SYSTEM_DEPARTMENT.name,
    label: { en: 'User', de: 'Benutzer' },
    plural: { en: 'Users', de: 'Benutzer' },
    description: { en: 'Who may log in, with which roles.', de: 'Wer sich anmelden darf, mit welchen Rollen.' },
    title: 'username',
    list: ['username', 'display_name', 'email', 'department', 'active'],
    search: ['username', 'display_name', 'email'],
    sort: 'username',
    fields: {
      username: { type: 'string', required: true, unique: true, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', label: { en: 'Username', de: 'Benutzername' }, help: { en: 'Lowercase letters, digits, dot, dash, underscore', de: 'Kleinbuchstaben, Ziffern, Punkt, Bindestrich, Unterstrich' } },
      display_name: { type: 'string', maxLength: 120, label: { en: 'Display name', de: 'Anzeigename' } },
      email: { type: 'email', label: { en: 'E-mail', de: 'E-Mail' } },
      roles: {
        type: 'json',
        required: true,
        default: [],
        label: { en: 'Roles', de: 'Rollen' },
        schema: { type: 'array', items: roles.length > 0 ? { enum: roles.map((r) => r.name) } : { type: 'string' }, uniqueItems: true },
      },
      ...(departmentValues.length > 0 ? { department: { type: 'enum', values: departmentValues, label: { en: 'Department', de: 'Abteilung' } } } : {}),
      active: { type: 'boolean', default: true, label: { en: 'Active', de: 'Aktiv' }, help: { en: 'Inactive users cannot log in; their tokens stop working.', de: 'Inaktive Benutzer können sich nicht anmelden; ihre Tokens gelten nicht mehr.' } },
    },
  } as EntityDefinition;
}

/** The system entities, checked and normalized as if they were definition files. */
export function systemEntities(roles: readonly Role[], departments: readonly Department[], registry: FieldRegistry, ajv: Ajv, schemas: FieldSchemaCache): EntityToLink[] {
  return [userDefinition(roles, departments)].map((definition) => {
    const checked = checkEntityDefinition(definition, registry, ajv, schemas);
    if (!checked.definition || checked.issues.length > 0) throw new Error(`built-in entity "${definition.entity}" is invalid: ${checked.issues.map((i) => i.message).join('; ')}`);
    return {
      entity: normalizeEntity(checked.definition, checked.validFields, { folder: SYSTEM_DEPARTMENT.name, source: SYSTEM_ENTITY_SOURCE, registry }),
      declaredFields: checked.declaredFields,
    };
  });
}
