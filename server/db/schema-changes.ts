import type { SchemaDifference, TableDifference } from '@mikro-orm/knex';

/** A difference between the definitions and the database that start-up will not apply by itself. */
export interface SchemaChange {
  table: string;
  column?: string;
  kind: 'removed_column' | 'renamed_column' | 'retyped_column' | 'changed_column' | 'changed_index' | 'required_column_on_rows';
  detail: string;
  destructive: boolean;
}

const KONTOR_INTERNAL = /^(mikro_orm_migrations)$/;

/**
 * Sorts a schema diff into what start-up may apply (new tables, columns, indexes, foreign keys) and what it
 * must not (anything that drops, retypes or alters existing data), and returns the additive part alone.
 */
export function splitSchemaDifference(diff: SchemaDifference): { additive: SchemaDifference; refused: SchemaChange[] } {
  const refused: SchemaChange[] = [];
  const changedTables: SchemaDifference['changedTables'] = {};
  for (const [key, table] of Object.entries(diff.changedTables)) {
    if (KONTOR_INTERNAL.test(table.name)) continue;
    for (const [name, column] of Object.entries(table.removedColumns)) {
      refused.push({ table: table.name, column: name, kind: 'removed_column', detail: `column "${table.name}.${name}" (${column.type}) is no longer defined; dropping it would delete its data`, destructive: true });
    }
    for (const [from, column] of Object.entries(table.renamedColumns)) {
      refused.push({ table: table.name, column: from, kind: 'renamed_column', detail: `column "${table.name}.${from}" looks renamed to "${column.name}"`, destructive: true });
    }
    for (const [name, change] of Object.entries(table.changedColumns)) {
      const retyped = change.changedProperties.has('type');
      const what = [...change.changedProperties].join(', ');
      refused.push({
        table: table.name,
        column: name,
        kind: retyped ? 'retyped_column' : 'changed_column',
        detail: retyped
          ? `column "${table.name}.${name}" changes type from ${change.fromColumn.type} to ${change.column.type}`
          : `column "${table.name}.${name}" changes ${what}`,
        destructive: retyped,
      });
    }
    for (const name of Object.keys({ ...table.changedIndexes, ...table.removedIndexes, ...table.renamedIndexes })) {
      refused.push({ table: table.name, kind: 'changed_index', detail: `index "${name}" on "${table.name}" changes or goes away`, destructive: false });
    }
    changedTables[key] = {
      ...table,
      changedColumns: {},
      removedColumns: {},
      renamedColumns: {},
      changedIndexes: {},
      removedIndexes: {},
      renamedIndexes: {},
      changedChecks: {},
      removedChecks: {},
      changedForeignKeys: {},
      removedForeignKeys: {},
    };
  }
  const additive: SchemaDifference = {
    ...diff,
    changedTables,
    removedTables: {},
    removedNamespaces: new Set(),
    removedNativeEnums: [],
    orphanedForeignKeys: [],
  };
  return { additive, refused };
}

/**
 * The additive difference in steps the engines apply reliably: new tables together, then each added column
 * with its own foreign key (MikroORM's SQLite DDL attaches a foreign key to the wrong column when one ALTER
 * adds several), then indexes.
 */
export function additiveSteps(additive: SchemaDifference): SchemaDifference[] {
  const empty = (table: TableDifference): TableDifference => ({
    ...table,
    addedColumns: {},
    addedForeignKeys: {},
    addedIndexes: {},
    addedChecks: {},
  });
  const steps: SchemaDifference[] = [];
  if (Object.keys(additive.newTables).length > 0) steps.push({ ...additive, changedTables: {}, newNativeEnums: additive.newNativeEnums });
  for (const [key, table] of Object.entries(additive.changedTables)) {
    for (const [name, column] of Object.entries(table.addedColumns)) {
      const foreignKeys = Object.fromEntries(Object.entries(table.addedForeignKeys).filter(([, fk]) => fk.columnNames.includes(name)));
      steps.push({ ...additive, newTables: {}, newNativeEnums: [], changedTables: { [key]: { ...empty(table), addedColumns: { [name]: column }, addedForeignKeys: foreignKeys } } });
    }
    const addedColumns = new Set(Object.keys(table.addedColumns));
    const otherForeignKeys = Object.fromEntries(Object.entries(table.addedForeignKeys).filter(([, fk]) => !fk.columnNames.some((c) => addedColumns.has(c))));
    if (Object.keys(table.addedIndexes).length + Object.keys(table.addedChecks).length + Object.keys(otherForeignKeys).length > 0) {
      steps.push({
        ...additive,
        newTables: {},
        newNativeEnums: [],
        changedTables: { [key]: { ...empty(table), addedIndexes: table.addedIndexes, addedChecks: table.addedChecks, addedForeignKeys: otherForeignKeys } },
      });
    }
  }
  return steps;
}

/** Added columns that need a value in rows that already exist and have no default to give them one. */
export function requiredColumnsWithoutDefault(additive: SchemaDifference): Array<{ table: string; column: string }> {
  return Object.values(additive.changedTables).flatMap((table) =>
    Object.values(table.addedColumns)
      .filter((column) => !column.nullable && (column.default === undefined || column.default === null))
      .map((column) => ({ table: table.name, column: column.name })),
  );
}
