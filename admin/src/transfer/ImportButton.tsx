import type { EntityMeta } from '../meta/types.ts';

/** CSV import (being written): upload, map columns, preview with per-row errors, all-or-nothing import. */
export function ImportButton(_props: { entity: EntityMeta }) {
  return null;
}
