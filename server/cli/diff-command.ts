import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { SqlSchemaGenerator } from '@mikro-orm/knex';
import { columnName, pivotTableName, tableName } from '../../generators/core/naming.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel } from '../../generators/model/app-model.ts';
import { describeTarget, parseDatabaseUrl } from '../db/database-url.ts';
import { ormOptions } from '../db/open-database.ts';
import type { SchemaChange } from '../db/schema-changes.ts';
import { planSchemaSync } from '../db/sync-schema.ts';
import { commandArgs } from './command-args.ts';
import { compileForCommand } from './compile-for-command.ts';

const help = `Usage: kontor diff [--dir <project dir>] [--json]

Compares the definitions with the database (DATABASE_URL, else config/app.yaml) and changes nothing:
new entities and fields (the next start adds them), and changes start-up will not apply (dropped,
renamed or retyped columns: \`kontor migrate\` after review). Exit 0 when it could compare (with or without
differences), 1 when the definitions are invalid or the database unreachable, 2 for a wrong command line.`;

/** One difference, named as a business admin knows it: entity and field, not table and column. */
export interface DefinitionChange {
  kind: 'new_entity' | 'new_field' | SchemaChange['kind'];
  entity: string | null;
  field: string | null;
  detail: string;
  /** Start-up refuses to run until a migration has applied it (data would be lost or made invalid). */
  destructive: boolean;
  /** Start-up applies it by itself. */
  additive: boolean;
}

export async function diffCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('diff', args, { dir: { type: 'string' }, json: { type: 'boolean' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; json?: boolean };
  const dir = resolve(values.dir ?? '.');
  const compiled = await compileForCommand(dir, 'first (`kontor validate`)');
  if (!compiled) return 1;
  const { registry } = compiled;
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? compiled.model.app.database.url, dir);
  const orm = await MikroORM.init(await ormOptions(compiled.model, registry, target, {}));
  let changes: DefinitionChange[];
  try {
    const plan = await planSchemaSync(orm.getSchemaGenerator() as unknown as SqlSchemaGenerator, orm.em.getConnection());
    changes = describeChanges(compiled.model, registry, plan.additive, plan.refused);
  } finally {
    await orm.close(true);
  }
  if (values.json) {
    console.log(JSON.stringify({ database: describeTarget(target), changes }, null, 2));
    return 0;
  }
  console.log(render(describeTarget(target), changes));
  return 0;
}

type Additive = Awaited<ReturnType<typeof planSchemaSync>>['additive'];

function describeChanges(model: AppModel, registry: FieldRegistry, additive: Additive, refused: SchemaChange[]): DefinitionChange[] {
  const byTable = new Map(model.entities.map((e) => [tableName(e.name), e]));
  const pivots = new Map(model.entities.flatMap((e) => e.fields.filter((f) => f.type === 'many').map((f) => [pivotTableName(e.name, f.name), { entity: e, field: f }] as const)));
  // PostgreSQL names tables with their schema (`public.partner`).
  const bare = (table: string) => table.replace(/^[^.]+\./, '');
  const fieldOf = (table: string, column: string | undefined) => {
    const entity = byTable.get(bare(table));
    const field = entity?.fields.find((f) => column !== undefined && columnName(f.name, registry.of(f).storage) === column);
    return { entity: entity?.name ?? null, field: field?.name ?? column ?? null };
  };
  const changes: DefinitionChange[] = [];
  for (const table of Object.values(additive.newTables)) {
    const name = bare(table.name);
    const entity = byTable.get(name);
    const pivot = pivots.get(name);
    if (entity) changes.push({ kind: 'new_entity', entity: entity.name, field: null, detail: `new entity "${entity.name}" (${entity.label.en}): table "${name}" is created`, destructive: false, additive: true });
    else if (pivot) changes.push({ kind: 'new_field', entity: pivot.entity.name, field: pivot.field.name, detail: `new field "${pivot.entity.name}.${pivot.field.name}" (many): link table "${name}" is created`, destructive: false, additive: true });
    else changes.push({ kind: 'new_entity', entity: null, field: null, detail: `table "${name}" is created`, destructive: false, additive: true });
  }
  for (const table of Object.values(additive.changedTables)) {
    for (const column of Object.values(table.addedColumns)) {
      const { entity, field } = fieldOf(table.name, column.name);
      const type = model.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === field)?.type ?? column.type;
      changes.push({ kind: 'new_field', entity, field, detail: `new field "${entity ?? bare(table.name)}.${field}" (${type}): column "${bare(table.name)}.${column.name}" is added`, destructive: false, additive: true });
    }
  }
  for (const change of refused) {
    const { entity, field } = fieldOf(change.table, change.column);
    changes.push({ kind: change.kind, entity, field, detail: change.detail, destructive: change.destructive, additive: false });
  }
  return changes;
}

function render(database: string, changes: DefinitionChange[]): string {
  if (changes.length === 0) return `The definitions match ${database}: nothing to change.`;
  const section = (title: string, items: DefinitionChange[], mark: string) => (items.length === 0 ? [] : ['', title, ...items.map((c) => `  ${mark} ${c.detail}`)]);
  const added = changes.filter((c) => c.additive);
  const destructive = changes.filter((c) => c.destructive);
  const other = changes.filter((c) => !c.additive && !c.destructive);
  return [
    `The definitions against ${database}:`,
    ...section('Added on the next start:', added, '+'),
    ...section('Not applied on start (review, then `npx kontor migrate`):', other, '~'),
    ...section('Would lose or invalidate data: the server refuses to start until `npx kontor migrate` applies them:', destructive, '!'),
  ].join('\n');
}
