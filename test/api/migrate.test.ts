import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileProject } from '../../generators/model/compile-project.ts';
import { buildApp } from '../../server/app.ts';
import { parseDatabaseUrl } from '../../server/db/database-url.ts';
import { migrateDatabase } from '../../server/db/migrate-database.ts';
import { DestructiveSchemaChangeError } from '../../server/db/sync-schema.ts';
import { adminHeaders, copyApiProject, createTestDatabase, describeEachEngine, repoRoot, type TestDatabase } from './harness.ts';

/** Migration files import @mikro-orm/migrations: the copy lives in the repository's git-ignored test/.tmp/. */
const copyProject = () => copyApiProject(join(repoRoot, 'test', '.tmp'), 'migrate-');

const PARTNER = 'entities/masterdata/partner.yaml';

async function migrate(dir: string, url: string, dryRun = false) {
  const compiled = await compileProject(dir);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return migrateDatabase(compiled.model, compiled.registry, parseDatabaseUrl(url, dir), { dir, dryRun });
}

describeEachEngine('kontor migrate', (engine) => {
  let dir: string;
  let database: TestDatabase;
  let partnerId: number;

  beforeAll(async () => {
    dir = await copyProject();
    database = await createTestDatabase(engine);
    const app = await buildApp({ dir, databaseUrl: database.url });
    const created = await app.inject({ method: 'POST', url: '/api/partners', headers: await adminHeaders(app), payload: { name: 'Behalten GmbH', notes: 'goes away' } });
    expect(created.statusCode).toBe(201);
    partnerId = created.json().id;
    await app.close();
    // The business admin removes a field: start-up refuses, the migration is the way through.
    const yaml = await readFile(join(dir, PARTNER), 'utf8');
    await writeFile(join(dir, PARTNER), yaml.replace(/^ {2}notes:\n(?: {4}.*\n)+/m, ''));
  });

  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('start-up refuses the dropped column', async () => {
    await expect(buildApp({ dir, databaseUrl: database.url })).rejects.toBeInstanceOf(DestructiveSchemaChangeError);
  });

  it('--dry-run shows the SQL and writes nothing', async () => {
    const result = await migrate(dir, database.url, true);
    expect(result.sql).toMatch(/drop column .notes./i);
    expect(result.file).toBeNull();
    expect(result.applied).toEqual([]);
    await expect(readdir(join(dir, 'config', 'migrations', engine))).rejects.toThrow();
  });

  it('writes a migration file, applies it, and the server starts with the data kept', async () => {
    const result = await migrate(dir, database.url);
    expect(result.file).toMatch(new RegExp(`^config/migrations/${engine}/Migration\\d{14}_kontor_\\w+\\.cjs$`));
    const source = await readFile(join(dir, result.file as string), 'utf8');
    expect(source).toMatch(/drop column \W*notes/i);
    expect(result.applied).toHaveLength(1);
    const app = await buildApp({ dir, databaseUrl: database.url });
    try {
      const partner = await app.inject({ method: 'GET', url: `/api/partners/${partnerId}`, headers: await adminHeaders(app) });
      expect(partner.statusCode).toBe(200);
      expect(partner.json()).toMatchObject({ name: 'Behalten GmbH' });
      expect(partner.json()).not.toHaveProperty('notes');
    } finally {
      await app.close();
    }
  });

  it('a second run finds nothing to do', async () => {
    const result = await migrate(dir, database.url);
    expect(result).toEqual({ sql: '', file: null, applied: [], pending: [] });
  });

  it('works through the CLI too (exit 0, says the database matches)', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'migrate', '--dir', dir], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url },
    });
    expect(stdout).toContain('The database already matches the definitions.');
  });
});
