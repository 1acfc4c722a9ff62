import type { LocalizedText } from '../core/localized-text.ts';
import type { FilterOperator } from '../fields/field-type.ts';
import type { Department, Entity, Locale, WorkflowTransition } from '../model/app-model.ts';

/**
 * What the admin UI is built from (`GET /api/_meta`): the model's serializable, UI-facing subset. Stable:
 * fields are only ever added; `modelVersion` changes when a change is not backwards compatible.
 */
export interface UiMeta {
  modelVersion: number;
  app: { name: string; locale: { default: Locale; available: Locale[] } };
  departments: Department[];
  entities: UiEntity[];
}

/** An entity as the UI sees it: the model's own description of it, its fields for the UI, its workflow without roles. */
export interface UiEntity extends Pick<Entity, 'name' | 'resource' | 'department' | 'label' | 'plural' | 'description' | 'title' | 'list' | 'search' | 'sort' | 'ownedBy'> {
  fields: UiField[];
  workflow: { field: string; transitions: Array<Pick<WorkflowTransition, 'name' | 'label' | 'from' | 'to'>> } | null;
}

export interface UiField {
  name: string;
  type: string;
  label: LocalizedText;
  help: LocalizedText | null;
  required: boolean;
  readonly: boolean;
  unique: boolean;
  default: unknown;
  sortable: boolean;
  filters: FilterOperator[];
  /** The type's own settings: `to` of a reference, `values` of an enum, `scale` and `unit` of a decimal... */
  options: Record<string, unknown>;
}
