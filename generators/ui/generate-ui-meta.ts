import type { Field } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { AppModel, Entity } from '../model/app-model.ts';
import { lotTraceShape } from '../trace/lot-trace-shape.ts';
import type { UiEntity, UiField, UiMeta } from './ui-meta.ts';

const COMMON_KEYS = new Set(['name', 'type', 'label', 'help', 'required', 'unique', 'readonly', 'index', 'default']);

/** The UI metadata of a model; later filtered per user by the permission system. */
export function generateUiMeta(model: AppModel, registry: FieldRegistry): UiMeta {
  const traced = lotTraceShape(model)?.lot.entity ?? null;
  return {
    modelVersion: model.modelVersion,
    app: { name: model.app.name, locale: model.app.locale },
    departments: model.departments,
    entities: model.entities.map((entity) => uiEntity(entity, registry, traced)),
  };
}

function uiEntity(entity: Entity, registry: FieldRegistry, traced: string | null): UiEntity {
  return {
    name: entity.name,
    resource: entity.resource,
    department: entity.department,
    label: entity.label,
    plural: entity.plural,
    description: entity.description,
    title: entity.title,
    list: entity.list,
    search: entity.search,
    sort: entity.sort,
    ownedBy: entity.ownedBy,
    fields: entity.fields.map((field) => uiField(field, registry)),
    audit: { enabled: entity.audit.enabled, reason: entity.audit.reason },
    workflow: entity.workflow && {
      field: entity.workflow.field,
      initial: entity.workflow.initial,
      lock: entity.workflow.lock,
      transitions: entity.workflow.transitions.map(({ name, label, from, to, fourEyes, requires }) => ({ name, label, from, to, fourEyes, requires })),
    },
    customActions: entity.actions.map(({ name, label, description, confirm, icon }) => ({ name, label, description, confirm, icon })),
    ...(entity.name === traced ? { trace: true } : {}),
  };
}

function uiField(field: Field, registry: FieldRegistry): UiField {
  const type = registry.of(field);
  const options = Object.fromEntries(Object.entries(field).filter(([key]) => !COMMON_KEYS.has(key)));
  return {
    name: field.name,
    type: field.type,
    label: field.label,
    help: field.help,
    required: field.required,
    readonly: field.readonly,
    unique: field.unique,
    default: field.default,
    sortable: type.sortable(field),
    filters: [...type.filterOperators(field)],
    options,
  };
}
