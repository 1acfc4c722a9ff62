import { SchemaComparator, type DatabaseSchema, type SchemaDifference, type SqlSchemaGenerator } from '@mikro-orm/knex';
import type { Connection } from '@mikro-orm/core';
import { additiveSteps, requiredColumnsWithoutDefault, splitSchemaDifference, type SchemaChange } from './schema-changes.ts';

export interface SchemaSyncResult {
  /** SQL statements applied to add what was missing. */
  applied: string[];
  /** Non-destructive differences left for `kontor migrate` (start-up only adds). */
  pending: SchemaChange[];
}

/** Raised at start-up when the definitions would drop or retype a column: data loss needs an explicit migration. */
export class DestructiveSchemaChangeError extends Error {
  readonly code = 'KONTOR_DB_DESTRUCTIVE_CHANGE';

  constructor(readonly changes: SchemaChange[]) {
    super(
      [
        'The definitions differ from the database in ways that would lose data; the server will not apply them on start:',
        ...changes.map((c) => `  - ${c.detail}`),
        'Review the change, then run `npx kontor migrate` to generate and apply a migration (or undo the definition change).',
      ].join('\n'),
    );
  }
}

type SchemaInternals = {
  prepareSchemaForComparison(options: object): Promise<{ fromSchema: DatabaseSchema; toSchema: DatabaseSchema }>;
  platform: ConstructorParameters<typeof SchemaComparator>[0];
};

/** What start-up would do to the database: the additive part it applies, and what it refuses or leaves. */
export interface SchemaPlan {
  additive: SchemaDifference;
  /** Differences start-up does not apply; the destructive ones make it refuse to start. */
  refused: SchemaChange[];
}

/** Compares the definitions with the database without changing either (start-up and `kontor diff`). */
export async function planSchemaSync(generator: SqlSchemaGenerator, connection: Connection): Promise<SchemaPlan> {
  const internals = generator as unknown as SchemaInternals;
  const { fromSchema, toSchema } = await internals.prepareSchemaForComparison({ safe: true, dropTables: false });
  const diff = new SchemaComparator(internals.platform).compare(fromSchema, toSchema);
  const { additive, refused } = splitSchemaDifference(diff);
  for (const { table, column } of requiredColumnsWithoutDefault(additive)) {
    const rows = await connection.execute(`SELECT 1 FROM "${table}" LIMIT 1`, [], 'all');
    if (rows.length > 0) {
      refused.push({
        table,
        column,
        kind: 'required_column_on_rows',
        detail: `column "${table}.${column}" is required and has no default, but "${table}" already has rows that would have no value (give the field a default, or add it optional first and fill it)`,
        destructive: true,
      });
    }
  }
  return { additive, refused };
}

/** Creates missing tables and adds missing columns; refuses destructive differences; leaves the rest pending. */
export async function syncSchema(generator: SqlSchemaGenerator, connection: Connection): Promise<SchemaSyncResult> {
  await generator.ensureDatabase();
  const { additive, refused } = await planSchemaSync(generator, connection);
  const blocking = refused.filter((c) => c.destructive);
  if (blocking.length > 0) throw new DestructiveSchemaChangeError(blocking);
  const applied: string[] = [];
  for (const step of additiveSteps(additive)) {
    const sql = (await generator.diffToSQL(step, { wrap: true, safe: true, dropTables: false })).trim();
    if (sql === '') continue;
    await generator.execute(sql);
    applied.push(sql);
  }
  return { applied, pending: refused.filter((c) => !c.destructive) };
}
