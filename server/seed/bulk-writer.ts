import { SEQUENCE_TABLE } from '../../generators/core/naming.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel } from '../../generators/model/app-model.ts';
import type { BulkRow, SeedValues } from '../../generators/model/seed-recipe.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { DatabaseTarget } from '../db/database-url.ts';
import { openBulkConnection, type BulkConnection } from './bulk-connection.ts';
import { bulkTable, type BulkTable } from './bulk-tables.ts';
import { seededEntities } from './seeded-entities.ts';

export interface BulkWriterOptions {
  now: Date;
  today: string;
  /** Rows queued before they are written, in one transaction (default 20,000). */
  batchRows?: number;
  /** Rows of each entity checked against the API's value schemas (default 1,000). */
  checkedRows?: number;
  /** After each committed batch: rows written so far (join-table rows included). */
  onProgress?(written: number): void;
}

export interface BulkWriter {
  insert(entity: string, values: SeedValues): Promise<BulkRow>;
  /** Writes what is queued, then the autonumber counters and (PostgreSQL) the id sequences. */
  finish(): Promise<void>;
  close(): Promise<void>;
  /** Rows committed per entity. */
  readonly counts: Readonly<Record<string, number>>;
  /** Rows committed in join tables (`many` fields). */
  readonly links: number;
}

/**
 * Writes rows in bulk: ids assigned here (continuing each table's highest id, so a row can reference rows
 * queued before it), rows queued per table and written in batches, each batch one transaction with the
 * tables in reference order. Not for a database that others write to meanwhile: ids and autonumbers are
 * taken without the locks the write path holds.
 */
export async function openBulkWriter(model: AppModel, registry: FieldRegistry, target: DatabaseTarget, options: BulkWriterOptions): Promise<BulkWriter> {
  const connection = await openBulkConnection(target);
  try {
    const tables = new Map(seededEntities(model).map((entity) => [entity.name, bulkTable(entity, { registry, dialect: connection.dialect, now: options.now, today: options.today, checkedRows: options.checkedRows ?? 1000 })]));
    const order = referenceOrder(tables);
    const nextId = new Map<string, number>();
    for (const table of tables.values()) {
      const [row] = await connection.query(`SELECT MAX(${quote('id')}) AS ${quote('max')} FROM ${quote(table.table)}`);
      nextId.set(table.entity.name, Number(row?.max ?? 0));
      for (const counter of table.counters) {
        const [stored] = await connection.query(`SELECT ${quote('value')} AS ${quote('value')} FROM ${quote(SEQUENCE_TABLE)} WHERE ${quote('name')} = ? AND ${quote('period')} = ?`, [counter.name, counter.period]);
        counter.value = Number(stored?.value ?? 0);
      }
    }
    return new QueuedWriter(connection, tables, order, nextId, options);
  } catch (error) {
    await connection.close();
    throw error;
  }
}

class QueuedWriter implements BulkWriter {
  readonly counts: Record<string, number> = {};
  links = 0;
  readonly #rows = new Map<string, unknown[][]>();
  readonly #linkRows = new Map<string, { columns: string[]; rows: number[][] }>();
  #queued = 0;
  #written = 0;

  constructor(
    private readonly connection: BulkConnection,
    private readonly tables: ReadonlyMap<string, BulkTable>,
    private readonly order: readonly BulkTable[],
    private readonly nextId: Map<string, number>,
    private readonly options: BulkWriterOptions,
  ) {}

  async insert(entity: string, values: SeedValues): Promise<BulkRow> {
    const table = this.tables.get(entity);
    if (!table) throw new Error(`"${entity}" is not an entity of the project's definitions (or not one a seed writes)`);
    const id = (this.nextId.get(entity) ?? 0) + 1;
    const { row, links, numbers } = table.encode(values, id);
    this.nextId.set(entity, id);
    this.#queue(this.#rows, entity, row);
    for (const { link, ids } of links) {
      const queued = this.#linkRows.get(link.table) ?? { columns: link.columns, rows: [] };
      for (const target of ids) queued.rows.push([id, target]);
      this.#linkRows.set(link.table, queued);
      this.#queued += ids.length;
    }
    if (this.#queued >= (this.options.batchRows ?? 20_000)) await this.#flush();
    return { ...numbers, id };
  }

  #queue(queues: Map<string, unknown[][]>, key: string, row: unknown[]): void {
    const rows = queues.get(key);
    if (rows) rows.push(row);
    else queues.set(key, [row]);
    this.#queued++;
  }

  async #flush(): Promise<void> {
    if (this.#queued === 0) return;
    await this.connection.transaction(async () => {
      for (const table of this.order) {
        const rows = this.#rows.get(table.entity.name);
        if (rows?.length) await this.connection.insert(table.table, table.columns, rows);
      }
      for (const [name, { columns, rows }] of this.#linkRows) if (rows.length > 0) await this.connection.insert(name, columns, rows);
    });
    for (const [entity, rows] of this.#rows) this.counts[entity] = (this.counts[entity] ?? 0) + rows.length;
    for (const { rows } of this.#linkRows.values()) this.links += rows.length;
    this.#written += this.#queued;
    this.#rows.clear();
    this.#linkRows.clear();
    this.#queued = 0;
    this.options.onProgress?.(this.#written);
  }

  async finish(): Promise<void> {
    await this.#flush();
    const higher = this.connection.dialect === 'postgresql' ? 'GREATEST' : 'MAX';
    await this.connection.transaction(async () => {
      for (const table of this.tables.values()) {
        for (const counter of table.counters) {
          if (counter.value === 0) continue;
          await this.connection.query(
            `INSERT INTO ${quote(SEQUENCE_TABLE)} (${quote('name')}, ${quote('period')}, ${quote('value')}) VALUES (?, ?, ?) ON CONFLICT (${quote('name')}, ${quote('period')}) DO UPDATE SET ${quote('value')} = ${higher}(${quote(SEQUENCE_TABLE)}.${quote('value')}, excluded.${quote('value')})`,
            [counter.name, counter.period, counter.value],
          );
        }
        // PostgreSQL's serial sequences do not see ids given explicitly (SQLite's AUTOINCREMENT does).
        if (this.connection.dialect === 'postgresql' && this.counts[table.entity.name]) {
          await this.connection.query(`SELECT setval(pg_get_serial_sequence(?, 'id'), ?)`, [quote(table.table), this.nextId.get(table.entity.name)]);
        }
      }
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** Tables in an order where every referenced table comes before the tables referencing it (self-references aside). */
function referenceOrder(tables: ReadonlyMap<string, BulkTable>): BulkTable[] {
  const order: BulkTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const table = tables.get(name);
    if (!table || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`entities reference each other in a circle (${[...path, name].join(' → ')}): bulk rows cannot be ordered`);
    state.set(name, 'visiting');
    for (const next of table.references) visit(next, [...path, name]);
    state.set(name, 'done');
    order.push(table);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return order;
}
