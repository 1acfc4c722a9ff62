import type { ComponentType, ReactElement } from 'react';
import type { EntityMeta, FieldMeta, UserMeta } from '../meta/types.ts';

/** What every display and input component of a field type receives. */
export interface FieldComponentProps {
  field: FieldMeta;
  entity: EntityMeta;
  meta: UserMeta;
  /** The record property (usually `field.name`). */
  source: string;
  /** Already in the current language. */
  label: string;
  /** Datagrid reads these from its children's props. */
  sortable?: boolean;
  textAlign?: 'left' | 'right';
}

export interface FilterContext {
  field: FieldMeta;
  entity: EntityMeta;
  meta: UserMeta;
  label: string;
  /** Texts of the UI in the current language, e.g. "from" / "to" for ranges. */
  translate: (key: string, options?: Record<string, unknown>) => string;
}

/**
 * The admin side of one field type, the mirror of the server's `FieldType` (generators/fields): how a value
 * is shown, how it is entered, and which list filters suit it. One module per type; `registry.ts` maps the
 * server's type names to them, and a test checks that both registries have the same keys.
 */
export interface FieldKind {
  /** Shows the value in lists and on Show pages. */
  Display: ComponentType<FieldComponentProps>;
  /** Edits the value in create and edit forms; `null` for values the server computes. */
  Input: ComponentType<FieldComponentProps> | null;
  /** The list filters for this field (inputs whose `source` is a filter key such as `date_gte`). */
  filters?: (context: FilterContext) => ReactElement[];
  /** Numbers line up on the right in tables. */
  align?: 'right';
  /** Shown in list tables (children and JSON are not). */
  inList?: boolean;
}
