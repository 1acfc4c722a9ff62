import type { ValidateFunction } from 'ajv';
import { columnName, pivotColumns, pivotTableName, tableName } from '../../generators/core/naming.ts';
import { datetimeCodec, type ColumnCodec, type Dialect } from '../../generators/fields/column-codecs.ts';
import type { Field } from '../../generators/fields/field-type.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { createAjv } from '../../generators/model/create-ajv.ts';
import type { SeedValues } from '../../generators/model/seed-recipe.ts';
import { formatAutonumber, periodOf } from '../operations/assign-autonumbers.ts';

type AutonumberField = Field & { type: 'autonumber' };

/** A `many` field's join table. */
export interface BulkLink {
  field: string;
  table: string;
  columns: [owner: string, target: string];
}

/** An autonumber's counter: the last value drawn in its period (`kontor_sequence`); the writer reads and stores it. */
export interface BulkCounter {
  field: AutonumberField;
  name: string;
  period: string;
  value: number;
}

/** How the rows of one entity are written: columns in order, and each row as the values bound to them. */
export interface BulkTable {
  entity: Entity;
  table: string;
  columns: string[];
  links: BulkLink[];
  counters: BulkCounter[];
  /** Other entities this one references (they are written first). */
  references: string[];
  /** A row as bound parameters, with its id and the system fields; `many` ids and autonumbers come back separately. */
  encode(values: SeedValues, id: number): { row: unknown[]; links: Array<{ link: BulkLink; ids: number[] }>; numbers: Record<string, string> };
}

interface ColumnPlan {
  field: Field;
  encode: (value: unknown) => unknown;
  fallback: () => unknown;
  validate: ValidateFunction;
}

export interface BulkTableOptions {
  registry: FieldRegistry;
  dialect: Dialect;
  /** The seed's time: system timestamps, `now` defaults and the autonumbers' year. */
  now: Date;
  /** The seed's reference day, for `today` defaults. */
  today: string;
  /** Rows of each entity checked against the API's value schemas (the first ones: they come from the same code). */
  checkedRows: number;
}

/**
 * The plan of one entity's table for bulk rows: values in wire form (as the API takes them) are checked for
 * the first rows, then encoded with the same column codecs the ORM uses; missing fields get their defaults,
 * autonumbers the next numbers of their counters (which the writer stores at the end).
 */
export function bulkTable(entity: Entity, options: BulkTableOptions): BulkTable {
  const { registry, dialect, now } = options;
  const ajv = createAjv({ registry });
  const stamp = datetimeCodec.toDb(now.toISOString(), dialect);
  const plans: ColumnPlan[] = [];
  const links: BulkLink[] = [];
  const counters: BulkCounter[] = [];
  const references = new Set<string>();
  const known = new Set<string>();
  for (const field of entity.fields) {
    const type = registry.of(field);
    if (type.storage === 'virtual' || type.storage === 'children') continue;
    known.add(field.name);
    if (type.storage === 'many') {
      const { to } = field as Extract<Field, { type: 'many' }>;
      const columns = pivotColumns(entity.name, to);
      links.push({ field: field.name, table: pivotTableName(entity.name, field.name), columns: [columns.owner, columns.target] });
      continue;
    }
    if (type.storage === 'reference') references.add((field as Extract<Field, { type: 'reference' }>).to);
    const codec: ColumnCodec | undefined = type.storage === 'column' ? type.codec?.(field) : undefined;
    const encode = codec ? (value: unknown) => codec.toDb(value, dialect) : (value: unknown) => (value === null || value === undefined ? null : Number(value));
    let fallback = (): unknown => {
      if (field.default === 'today' && type.defaultTokens?.includes('today')) return options.today;
      if (field.default === 'now' && type.defaultTokens?.includes('now')) return now.toISOString();
      if (field.default !== null) return field.default;
      if (field.required) throw new Error(`${entity.name}.${field.name} is required and has no default: the recipe must give it`);
      return null;
    };
    if (field.type === 'autonumber') {
      const counter: BulkCounter = { field: field as AutonumberField, name: `${entity.name}.${field.name}`, period: periodOf(field as AutonumberField, now), value: 0 };
      counters.push(counter);
      fallback = () => formatAutonumber(counter.field, ++counter.value, now);
    }
    plans.push({ field, encode, fallback, validate: ajv.compile(type.valueSchema(field) ?? {}) });
  }
  references.delete(entity.name);
  let checked = 0;
  return {
    entity,
    table: tableName(entity.name),
    columns: ['id', 'version', 'created_at', 'updated_at', ...plans.map(({ field }) => columnName(field.name, registry.of(field).storage))],
    links,
    counters,
    references: [...references],
    encode(values, id) {
      const check = checked++ < options.checkedRows;
      if (check) {
        const unknown = Object.keys(values).filter((key) => !known.has(key));
        if (unknown.length > 0) throw new Error(`${entity.name} has no stored field ${unknown.map((k) => `"${k}"`).join(', ')}`);
      }
      const row: unknown[] = [id, 1, stamp, stamp];
      const numbers: Record<string, string> = {};
      for (const { field, encode, fallback, validate } of plans) {
        const given = values[field.name];
        const value = given === undefined || field.type === 'autonumber' ? fallback() : given;
        if (field.type === 'autonumber') numbers[field.name] = value as string;
        if (check && value !== null && !validate(value)) {
          throw new Error(`${entity.name}.${field.name} = ${JSON.stringify(value)}: ${validate.errors?.map((e) => e.message).join('; ')}`);
        }
        row.push(encode(value));
      }
      return {
        row,
        numbers,
        links: links.filter((link) => Array.isArray(values[link.field])).map((link) => ({ link, ids: (values[link.field] as unknown[]).map(Number) })),
      };
    },
  };
}
