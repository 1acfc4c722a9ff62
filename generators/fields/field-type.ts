import type { ConfigErrorCode } from '../core/config-error-codes.ts';
import type { SourcePath } from '../core/config-issue.ts';
import type { JsonSchema } from '../core/json-schema.ts';
import type { LocalizedText, LocalizedTextDefinition } from '../core/localized-text.ts';
import type { ColumnCodec } from './column-codecs.ts';

/** A value that survives JSON.stringify unchanged: what defaults and the AppModel are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Options every field type may accept (each type lists the ones that make sense for it). */
export interface CommonFieldDefinition {
  /** Shown as the input label and column header; one text or `{ en, de }`. */
  label?: LocalizedTextDefinition;
  /** A sentence under the input that tells staff what to enter. */
  help?: LocalizedTextDefinition;
  /** A value must be given on create and may not be removed. */
  required?: boolean;
  /** No two records may hold the same value (a unique index). */
  unique?: boolean;
  /** Shown but never written through the API or the UI (set by hooks, imports or workflows). */
  readonly?: boolean;
  /** Adds a database index (references are always indexed). */
  index?: boolean;
}

/** The normalized form of the common options, present on every field of the AppModel. */
export interface CommonField {
  name: string;
  label: LocalizedText;
  help: LocalizedText | null;
  required: boolean;
  unique: boolean;
  readonly: boolean;
  index: boolean;
  default: JsonValue | null;
}

/**
 * One entry per field type: `definition` is what an author writes, `field` its normalized form in the AppModel.
 * Each field module adds itself by declaration merging, so a plugin type can join without touching this file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FieldTypeMap {}

export type FieldTypeName = keyof FieldTypeMap;
export type FieldDefinition = { [K in FieldTypeName]: FieldTypeMap[K]['definition'] }[FieldTypeName];
export type Field = { [K in FieldTypeName]: FieldTypeMap[K]['field'] }[FieldTypeName];
export type FieldOf<K extends FieldTypeName> = FieldTypeMap[K]['field'];

export type FieldStorage = 'column' | 'reference' | 'children' | 'many' | 'virtual';

/** `eq` is `field`, `in` an array value, the others the suffixes `_neq _gt _gte _lt _lte _like`. */
export type FilterOperator = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'like';

/** What a field type can see of an entity when it links itself to the rest of the model. */
export interface LinkedEntity {
  name: string;
  fields: readonly Field[];
  /** Every field name the definition declares, including fields whose own definition is broken. */
  declared: ReadonlySet<string>;
}

export interface ReportOptions {
  /** Path below the field's own definition node, e.g. `['to']`; empty means the field itself. */
  at?: SourcePath;
  /** Point at the key rather than its value (for names that should not be there). */
  key?: boolean;
  suggestion?: string;
}

export interface FieldLinkContext {
  entity: LinkedEntity;
  entities: ReadonlyMap<string, LinkedEntity>;
  /** True also for an entity whose own file is broken (and so absent from `entities`): no second error. */
  entityExists(name: string): boolean;
  /** Looks up another field's type, e.g. to ask whether a summed field is numeric. */
  typeOf(field: Field): FieldType;
  report(code: ConfigErrorCode, message: string, options?: ReportOptions): void;
}

/**
 * A field type: everything the pipeline needs to know about one kind of field. Generators ask the type,
 * never `switch` over type names.
 */
export interface FieldType<D = FieldDefinition, F extends CommonField & { type: string } = Field> {
  readonly name: F['type'];
  /** One sentence for the documentation. */
  readonly summary: string;
  /** JSON Schema of each option this type accepts besides `type` (common options included). */
  readonly options: Readonly<Record<string, JsonSchema>>;
  readonly requiredOptions?: readonly string[];
  /**
   * Where values live: a column of the entity's table, a foreign key (`<name>_id`), owned child rows, a join
   * table, or nowhere (derived on read). The ORM and SQL generators know these five shapes, not the types.
   */
  readonly storage: FieldStorage;
  /** How the value is stored and read: required for `column`, and for any type whose values SQL reads. */
  codec?(field: F): ColumnCodec;
  /** The filter operators the list route accepts for this field (empty: not filterable). */
  filterOperators(field: F): readonly FilterOperator[];
  /** Whether lists may be sorted by this field. */
  sortable(field: F): boolean;
  /** Values are text that `q` search can match case-insensitively. */
  readonly searchable: boolean;
  /** Values are numbers that computed sums, minima and maxima can aggregate. */
  readonly numeric: boolean;
  /**
   * What a computed `sum`/`min`/`max` over this field returns (a plugin's numeric type says it here; the
   * built-in decimal, money and integer are known to the computed type).
   */
  aggregateAs?(field: F): { returns: 'decimal' | 'integer'; scale: number | null; unit: string | null };
  /** Defaults that stand for a value taken at create time (`today`, `now`), exempt from `valueSchema`. */
  readonly defaultTokens?: readonly string[];
  /** A complete field definition for the documentation. */
  readonly example: Readonly<Record<string, JsonValue>>;
  /** Checks rules between options that a JSON Schema says badly (one of several options, say). */
  checkDefinition?(definition: D, report: (code: ConfigErrorCode, message: string, options?: ReportOptions) => void): void;
  /** Fills defaults; `definition` has already passed the options schema and `checkDefinition`. */
  normalize(definition: D, name: string): F;
  /** Checks what needs the whole model (targets exist, limits agree) and fills what derives from it. */
  link?(field: F, context: FieldLinkContext): F;
  /** JSON Schema of one value as the API returns it (the response serializer and OpenAPI use it). */
  outputSchema(field: F): JsonSchema;
  /**
   * JSON Schema of a value in a list filter, where only the kind matters (a filter compares, so length and
   * pattern rules do not apply). Defaults to `outputSchema` without them.
   */
  filterSchema?(field: F): JsonSchema;
  /** JSON Schema of one value as the API accepts it, or null when clients never send one. */
  valueSchema(field: F): JsonSchema | null;
}

/** Registers a typed field module under the erased interface that registries and generators use. */
export function defineFieldType<D, F extends CommonField & { type: string }>(type: FieldType<D, F>): FieldType {
  return type as unknown as FieldType;
}
