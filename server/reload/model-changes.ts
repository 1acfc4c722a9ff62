import type { AppModel, Entity } from '../../generators/model/app-model.ts';
import type { EntityCode, ProjectCode } from '../../generators/model/project-code.ts';

/** An entity (field null) or a field that was added, removed or changed, by the names in the definitions. */
export interface DefinitionRef {
  entity: string;
  field: string | null;
}

/** A changed entity or field, with the properties that differ (`label`, `list`, `required`, `code`...). */
export interface ChangedDefinition extends DefinitionRef {
  properties: string[];
}

/** What a new model changes against the running one (the `model_change` audit entry lists it). */
export interface ModelChanges {
  added: DefinitionRef[];
  removed: DefinitionRef[];
  changed: ChangedDefinition[];
  /** Parts outside the entities that differ: `app`, `departments`, `roles`. */
  settings: string[];
}

/** The TypeScript functions of an entity by their source text: a changed hook body is a change. */
function codeText(code: EntityCode | undefined): string {
  return JSON.stringify(code ?? null, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Top-level keys of two objects whose values differ (in the order of the newer one). */
function differingKeys(before: object, after: object, skip: readonly string[] = []): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((key) => !skip.includes(key) && !same((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]));
}

function compareEntity(before: Entity, after: Entity, codeBefore: string, codeAfter: string, changes: ModelChanges): void {
  const properties = differingKeys(before, after, ['fields']);
  if (codeBefore !== codeAfter) properties.push('code');
  if (properties.length > 0) changes.changed.push({ entity: after.name, field: null, properties });
  const old = new Map(before.fields.map((f) => [f.name, f]));
  const current = new Set(after.fields.map((f) => f.name));
  for (const field of after.fields) {
    const previous = old.get(field.name);
    if (!previous) changes.added.push({ entity: after.name, field: field.name });
    else {
      const differing = differingKeys(previous, field);
      if (differing.length > 0) changes.changed.push({ entity: after.name, field: field.name, properties: differing });
    }
  }
  for (const field of before.fields) if (!current.has(field.name)) changes.removed.push({ entity: after.name, field: field.name });
}

/** Compares two models (and the code of their TypeScript definitions) by entity and field. */
export function compareModels(before: { model: AppModel; code: ProjectCode }, after: { model: AppModel; code: ProjectCode }): ModelChanges {
  const changes: ModelChanges = { added: [], removed: [], changed: [], settings: [] };
  changes.settings = differingKeys(before.model, after.model, ['entities']);
  const old = new Map(before.model.entities.map((e) => [e.name, e]));
  const current = new Set(after.model.entities.map((e) => e.name));
  for (const entity of after.model.entities) {
    const previous = old.get(entity.name);
    if (!previous) changes.added.push({ entity: entity.name, field: null });
    else compareEntity(previous, entity, codeText(before.code.get(entity.name)), codeText(after.code.get(entity.name)), changes);
  }
  for (const entity of before.model.entities) if (!current.has(entity.name)) changes.removed.push({ entity: entity.name, field: null });
  return changes;
}

export function isUnchanged(changes: ModelChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length + changes.settings.length === 0;
}

const named = (ref: DefinitionRef) => (ref.field === null ? `entity ${ref.entity}` : `${ref.entity}.${ref.field}`);

/** One line for the log: `added commodity.origin; changed commodity (list), commodity.name (label)`. */
export function summarizeModelChanges(changes: ModelChanges): string {
  const parts = [
    changes.added.length > 0 ? `added ${changes.added.map(named).join(', ')}` : '',
    changes.removed.length > 0 ? `removed ${changes.removed.map(named).join(', ')}` : '',
    changes.changed.length > 0 ? `changed ${changes.changed.map((c) => `${named(c)} (${c.properties.join(', ')})`).join(', ')}` : '',
    changes.settings.length > 0 ? `settings ${changes.settings.join(', ')}` : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join('; ') : 'no change to entities or fields';
}
