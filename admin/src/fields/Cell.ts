import type { FieldMeta } from '../meta/types.ts';

/**
 * What a field kind answers for one cell of an imported file (FieldKind.importCell). These types live with
 * the field kinds, not with the import (admin/src/transfer), because the kinds produce them and the import
 * asks the kinds: the import depends on the fields, never the other way round.
 */

/** A message to show, as a translation key and its arguments. */
export interface Problem {
  key: string;
  args?: Record<string, unknown>;
}

/** The cell's wire value, or why the cell cannot be read. */
export type Cell = { value: unknown } | { error: Problem };

/** A reference written as a title → the id of the one record with that title, or why there is none. */
export type TitleLookup = (field: FieldMeta, title: string) => number | Problem;

/** What reading a cell may need beyond the field and the text. */
export interface CellContext {
  /** The UI's language ("de"): enum labels in errors, and how a number with a unit is grouped. */
  locale: string;
  /** Answers references written as titles (looked up before the rows are converted). */
  lookup: TitleLookup;
}
