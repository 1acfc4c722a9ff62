import type { JsonSchema } from '../core/json-schema.ts';
import type { FilterOperator } from '../fields/field-type.ts';

/**
 * The list API's filter syntax (server/operations/parse-list-query.ts and the dashboard check both read it here): `field` compares for
 * equality (a list of values: any of them), `field_<suffix>` with another operator.
 */
export const FILTER_SUFFIXES: ReadonlyArray<readonly [suffix: string, operator: FilterOperator]> = [
  ['_gte', 'gte'],
  ['_lte', 'lte'],
  ['_gt', 'gt'],
  ['_lt', 'lt'],
  ['_neq', 'neq'],
  ['_like', 'like'],
];

const ordered: readonly FilterOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const timestamp: JsonSchema = { type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] };
const id: JsonSchema = { type: 'integer', minimum: 1, maximum: 2_147_483_647 };

/** The columns every entity has without declaring them, as a list filters them. */
export const SYSTEM_FIELD_FILTERS: Readonly<Record<string, { operators: readonly FilterOperator[]; schema: JsonSchema }>> = {
  id: { operators: ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte'], schema: id },
  version: { operators: ordered, schema: id },
  created_at: { operators: ordered, schema: timestamp },
  updated_at: { operators: ordered, schema: timestamp },
};

/** `quantity_gte` → quantity and gte; an exact field name always wins over a suffix. Null: no such field. */
export function splitFilterKey(key: string, known: ReadonlySet<string>): { name: string; operator: FilterOperator } | null {
  if (known.has(key)) return { name: key, operator: 'eq' };
  for (const [suffix, operator] of FILTER_SUFFIXES) {
    if (key.endsWith(suffix) && known.has(key.slice(0, -suffix.length))) return { name: key.slice(0, -suffix.length), operator };
  }
  return null;
}

/** `quantity_gte` → quantity and `_gte`, whether or not the field exists (for messages and suggestions). */
export function stemOfFilterKey(key: string): { stem: string; suffix: string } {
  const suffix = FILTER_SUFFIXES.map(([s]) => s).find((s) => key.endsWith(s) && key.length > s.length) ?? '';
  return { stem: key.slice(0, key.length - suffix.length), suffix };
}

/**
 * A day counted from the day a filter is used: `today`, `today+7d`, `today-30d`. Filters keep it as written;
 * whoever runs the filter (the admin app) turns it into `YYYY-MM-DD` first.
 */
/** In a config file's filter, the user who looks at it (a reference to users): resolved by whoever runs the filter. */
export const CURRENT_USER = '$user';

export const RELATIVE_DAY_PATTERN = /^today(?:[+-][0-9]{1,4}d)?$/;
