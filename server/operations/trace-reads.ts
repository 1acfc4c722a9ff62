import type { Field } from '../../generators/fields/field-type.ts';
import { listSql, manyIdsSql, type Condition } from '../../generators/sql/list-sql.ts';
import type { SqlColumn } from '../../generators/sql/entity-columns.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { findRecords, type WireRecord } from './read-records.ts';

/**
 * The two reads every hop of a lot trace makes, one query each for any number of records: what the actor
 * may read (scoped and redacted, as every list and get is) and what is stored (ids and link values only,
 * never answered), so that the trace can say how many related records it withholds.
 */
export class TraceReads {
  constructor(
    private readonly context: OperationContext,
    private readonly actor: Actor,
  ) {}

  column(entity: string, field: string): SqlColumn {
    const column = this.context.plan(entity).byName.get(field);
    if (!column) throw new Error(`${entity} has no column ${field}`);
    return column;
  }

  /** `field IN (values)`, the values in database form. */
  anyOf(entity: string, field: string, values: readonly unknown[]): Condition {
    const column = this.column(entity, field);
    return { kind: 'in', column, values: values.map((v) => column.codec.toDb(v, this.context.dialect)) };
  }

  equals(entity: string, field: string, value: unknown): Condition {
    const column = this.column(entity, field);
    return { kind: 'compare', column, op: 'eq', value: column.codec.toDb(value, this.context.dialect) };
  }

  /** Records whose many-field `field` links to any of `ids` (the lots made from these lots). */
  linkingTo(entity: string, field: string, ids: readonly number[]): Condition {
    return { kind: 'many', field: this.many(entity, field), negate: false, values: [...ids] };
  }

  /** The stored links of a many-field from these records (owner → target), whoever asks. */
  async links(entity: string, field: string, owners: readonly number[]): Promise<Array<{ owner: number; target: number }>> {
    if (owners.length === 0) return [];
    const rows = await this.context.db.reader.all(manyIdsSql(this.context.plan(entity).entity, this.many(entity, field), owners.length), owners);
    return rows.map((row) => ({ owner: Number(row.owner), target: Number(row.target) }));
  }

  private many(entity: string, name: string): Field & { type: 'many' } {
    const field = this.context.plan(entity).many.find((f) => f.name === name);
    if (!field) throw new Error(`${entity} has no many-field ${name}`);
    return field;
  }

  /** The records the actor may read, by id, with what they may not read removed. */
  async readable(entity: string, conditions: Condition[]): Promise<Map<number, WireRecord>> {
    const records = await findRecords(this.context, this.actor, entity, conditions, false);
    return new Map(records.map((r) => [r.id as number, r]));
  }

  /** The same records as stored, whoever asks: the id and the named fields (links), for counting. */
  async stored(entity: string, conditions: Condition[], fields: readonly string[]): Promise<Map<number, Record<string, unknown>>> {
    const plan = this.context.plan(entity);
    const columns = ['id', ...fields].map((name) => this.column(entity, name));
    const { sql, params } = listSql({ entity: plan.entity, dialect: this.context.dialect, columns, conditions, sort: null, limit: null, offset: 0 });
    const rows = await this.context.db.reader.all(sql, params);
    return new Map(
      rows.map((row) => {
        const values: Record<string, unknown> = {};
        for (const column of columns) values[column.name] = column.codec.fromDb(row[column.name], this.context.dialect);
        return [values.id as number, values];
      }),
    );
  }

  /** Readable records of these ids (one query); ids missing from the answer are withheld. */
  async byIds(entity: string, ids: Iterable<number>): Promise<Map<number, WireRecord>> {
    const unique = [...new Set(ids)];
    return unique.length === 0 ? new Map() : this.readable(entity, [this.anyOf(entity, 'id', unique)]);
  }

  /** `{ id, title }` of a readable record; the title left out where the actor may not read it. */
  ref(entity: string, record: WireRecord): { id: number; title?: string | null } {
    const title = this.context.entity(entity).title;
    return title in record ? { id: record.id as number, title: text(record[title]) } : { id: record.id as number };
  }
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * A link the actor may follow: the field is on the record they read (not redacted) and set. `withheld`
 * says whether it is set in the database while the record they read hides it.
 */
export function linkOf(record: WireRecord, stored: Record<string, unknown> | undefined, field: string): { id: number | null; withheld: boolean } {
  if (field in record) return { id: (record[field] as number | null) ?? null, withheld: false };
  return { id: null, withheld: stored?.[field] !== null && stored?.[field] !== undefined };
}
