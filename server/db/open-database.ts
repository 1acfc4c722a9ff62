import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import type { EntityManager, SqlSchemaGenerator } from '@mikro-orm/knex';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel } from '../../generators/model/app-model.ts';
import { generateOrmSchemas } from '../../generators/orm/generate-orm-schemas.ts';
import type { DatabaseTarget } from './database-url.ts';
import { openPostgresReader } from './postgres-reader.ts';
import { syncSchema, type SchemaSyncResult } from './sync-schema.ts';
import { useDirectSqliteWrites } from './sqlite-direct-writes.ts';
import { openSqliteReader } from './sqlite-reader.ts';
import type { SqlReader } from './sql-reader.ts';

export interface KontorDatabase {
  target: DatabaseTarget;
  orm: MikroORM;
  reader: SqlReader;
  /** A fresh entity manager for one operation (the ORM's identity map must never be shared by requests). */
  fork(): EntityManager;
  schema: SchemaSyncResult;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Create missing tables and columns (default). `false` for commands that manage the schema themselves. */
  sync?: boolean;
  migrationsPath?: string;
}

/** Connects MikroORM (writes, schema) and the SQL reader (reads), and brings the schema up to the model. */
export async function openDatabase(model: AppModel, registry: FieldRegistry, target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<KontorDatabase> {
  const orm = await MikroORM.init(await ormOptions(model, registry, target, options));
  try {
    if (target.dialect === 'sqlite') {
      // WAL: the reader sees committed data while the writer works; NORMAL is durable at each checkpoint.
      await orm.em.getConnection().execute('pragma journal_mode = wal');
      await orm.em.getConnection().execute('pragma synchronous = normal');
      await orm.em.getConnection().execute('pragma busy_timeout = 5000');
    }
    const schema = options.sync === false ? { applied: [], pending: [] } : await syncSchema(orm.getSchemaGenerator() as unknown as SqlSchemaGenerator, orm.em.getConnection());
    const connection = (orm.em as unknown as EntityManager).getConnection();
    if (target.dialect === 'sqlite') await useDirectSqliteWrites(connection);
    const reader = target.dialect === 'sqlite' ? openSqliteReader(target.path) : openPostgresReader(target.url);
    let closing: Promise<void> | undefined;
    return {
      target,
      orm,
      reader,
      fork: () => orm.em.fork() as unknown as EntityManager,
      schema,
      // Idempotent: the app's onClose hook and a caller that closed the database first may both call it.
      close: () => (closing ??= (async () => {
        await reader.close();
        await orm.close(true);
      })()),
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

export async function ormOptions(model: AppModel, registry: FieldRegistry, target: DatabaseTarget, options: OpenDatabaseOptions): Promise<Options> {
  const common = {
    entities: generateOrmSchemas(model, registry, target.dialect),
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    debug: process.env.KONTOR_SQL_DEBUG === '1',
    forceUtcTimezone: true,
    migrations: {
      path: options.migrationsPath,
      pathTs: options.migrationsPath,
      emit: 'cjs' as const,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  };
  if (target.dialect === 'sqlite') {
    await mkdir(dirname(target.path), { recursive: true });
    const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
    return { ...common, driver: BetterSqliteDriver, dbName: target.path } as Options;
  }
  const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
  return { ...common, driver: PostgreSqlDriver, clientUrl: target.url, pool: { min: 0, max: 10 } } as Options;
}
