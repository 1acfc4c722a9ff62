import type { LocalizedText } from '../core/localized-text.ts';
import type { FilterOperator } from '../fields/field-type.ts';
import type { Department, Locale, SortOrder } from '../model/app-model.ts';

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

export interface UiEntity {
  name: string;
  resource: string;
  department: string;
  label: LocalizedText;
  plural: LocalizedText;
  description: LocalizedText | null;
  title: string;
  list: string[];
  search: string[];
  sort: { field: string; order: SortOrder };
  /** Set when rows of this entity are edited inside a parent record (children). */
  ownedBy: { entity: string; field: string; via: string } | null;
  fields: UiField[];
  workflow: { field: string; transitions: Array<{ name: string; label: LocalizedText; from: string[]; to: string }> } | null;
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
