import type { Dialect } from '../../generators/fields/column-codecs.ts';

export type Row = Record<string, unknown>;

/**
 * The read path: compiled SQL straight to the driver, bypassing the ORM's per-request machinery (which costs
 * 4-8× on reads, see DESIGN.md "Speed"). Writes never come here; they go through the ORM's unit of work.
 */
export interface SqlReader {
  readonly dialect: Dialect;
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}
