import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { SqlSchemaGenerator } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel } from '../../generators/model/app-model.ts';
import type { DatabaseTarget } from './database-url.ts';
import { ormOptions } from './open-database.ts';

export interface MigrateOptions {
  /** The project; migrations live in its config/migrations/<sqlite|postgresql>/. */
  dir: string;
  /** Only print the SQL that would run; write and change nothing. */
  dryRun?: boolean;
  /** Write the migration file but apply nothing (`kontor generate migration`): for review first. */
  writeOnly?: boolean;
}

export interface MigrateResult {
  /** The SQL of the difference between the definitions and the database (empty when there is none). */
  sql: string;
  /** The migration file written, relative to the project, or null. */
  file: string | null;
  /** Names of the migrations applied by this run (new and previously pending). */
  applied: string[];
  /** Migrations written but not applied yet (dry run and write-only; a write-only run writes none while there are). */
  pending: string[];
}

export function migrationsPath(dir: string, target: DatabaseTarget): string {
  return join(dir, 'config', 'migrations', target.dialect);
}

/**
 * Writes the difference between the definitions and the database as a MikroORM migration (including what
 * start-up refuses: dropped, renamed and retyped columns) and applies every pending migration in one
 * transaction. Tables of entities that no longer exist are kept; dropping data wholesale stays a manual act.
 */
export async function migrateDatabase(model: AppModel, registry: FieldRegistry, target: DatabaseTarget, options: MigrateOptions): Promise<MigrateResult> {
  const path = migrationsPath(options.dir, target);
  const base = await ormOptions(model, registry, target, { migrationsPath: path });
  const orm = await MikroORM.init({
    ...base,
    extensions: [Migrator],
    migrations: { ...base.migrations, dropTables: false, safe: false, fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}` },
  });
  try {
    const generator = orm.getSchemaGenerator() as unknown as SqlSchemaGenerator;
    await generator.ensureDatabase();
    const migrator = orm.getMigrator();
    // A migration written before (by `kontor generate migration`, or pulled with the code) goes first: the
    // difference is then measured against what it leaves, so nothing is written twice.
    // (Only where the folder exists: asking the migrator creates it, and a dry run writes nothing.)
    const pending = existsSync(path) ? (await migrator.getPendingMigrations()).map((m) => m.name) : [];
    if (options.dryRun || options.writeOnly) {
      if (pending.length > 0 && options.writeOnly) return { sql: '', file: null, applied: [], pending };
      const sql = (await generator.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false })).trim();
      return { sql, file: options.writeOnly && sql !== '' ? await writeMigration(migrator, path, target) : null, applied: [], pending };
    }
    const applied = pending.length > 0 ? (await migrator.up()).map((m) => m.name) : [];
    const sql = (await generator.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false })).trim();
    let file: string | null = null;
    if (sql !== '') {
      file = await writeMigration(migrator, path, target);
      applied.push(...(await migrator.up()).map((m) => m.name));
    }
    return { sql, file, applied, pending: [] };
  } finally {
    await orm.close(true);
  }
}

async function writeMigration(migrator: ReturnType<MikroORM['getMigrator']>, path: string, target: DatabaseTarget): Promise<string | null> {
  const created = await migrator.createMigration(path, false, false, `kontor_${Date.now().toString(36)}`);
  return created.fileName ? join('config', 'migrations', target.dialect, created.fileName) : null;
}
