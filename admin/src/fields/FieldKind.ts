import type { ComponentType, ReactElement } from 'react';
import type { EntityMeta, FieldMeta, UserMeta } from '../meta/types.ts';
import type { Cell, CellContext } from './Cell.ts';

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
 * is shown, how it is entered, which list filters suit it, how it is read from a file and written as text.
 * One module per type; `registry.ts` maps the server's type names to them, and a test checks that both
 * registries have the same keys. Features ask the kind, never switch over type names, so a plugin's type
 * (admin/src/fields/plugins) takes part in all of them.
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
  /**
   * One non-empty cell of an imported CSV file → the wire value, read as people write it in German and
   * English spreadsheets ("1.234,56", "31.03.2026", "ja", a unit after a number) as well as what the
   * export wrote. The import checks each cell with this before the server's dry run, so a cell can be
   * refused in the user's words and a value the server would misread ("24,5") is converted first.
   * Without it the cell's text is sent trimmed, for the server to check.
   */
  importCell?: (field: FieldMeta, text: string, context: CellContext) => Cell;
  /**
   * A wire value (not null, not an array or object) as plain text for people, where no Display component
   * can render it: the changes of an audit entry ("24,500 t", "DE89 3704 ..."). `locale` is the UI's
   * language (labels), `intl` the BCP 47 locale numbers and dates are formatted with. Without it the value
   * is shown as it is.
   */
  formatValue?: (value: unknown, field: FieldMeta, locale: string, intl: string) => string;
}
