import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { DestructiveSchemaChangeError } from '../../server/db/sync-schema.ts';
import { expectExit, runKontor, runKontorInProcess } from './cli-runner.ts';
import { copyApiProject, createTestDatabase, describeEachEngine, repoRoot, type TestDatabase } from './harness.ts';

const PARTNER = 'entities/masterdata/partner.yaml';
const COMMODITY = 'entities/masterdata/commodity.yaml';

/**
 * `npx kontor diff`: what the definitions change against the database, named by entity and field; it changes
 * nothing. The first run is a process of its own; the others call the command in the test process (same
 * function, output and exit code, without the seconds of CPU a process costs).
 */
describeEachEngine('kontor diff', (engine) => {
  let dir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    dir = await copyApiProject(join(repoRoot, 'test', '.tmp'), 'diff-');
    database = await createTestDatabase(engine);
    await (await buildApp({ dir, databaseUrl: database.url, logger: false })).close();
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says so when the definitions match the database', async () => {
    const run = await runKontor(database.url, 'diff', '--dir', dir);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/^The definitions match (SQLite|PostgreSQL) .*: nothing to change\.$/m);
  });

  it('lists new entities and fields as added on start, a dropped field as destructive; the database stays as it was', async () => {
    const partner = await readFile(join(dir, PARTNER), 'utf8');
    const commodity = await readFile(join(dir, COMMODITY), 'utf8');
    await writeFile(join(dir, PARTNER), partner.replace(/^ {2}notes:\n(?: {4}.*\n)+/m, ''));
    await writeFile(join(dir, COMMODITY), commodity.replace(/^fields:\n/m, 'fields:\n  origin:\n    type: string\n    maxLength: 40\n'));
    await writeFile(join(dir, 'entities', 'masterdata', 'region.yaml'), 'entity: region\ntitle: name\nfields:\n  name: { type: string, required: true }\n');

    const text = await runKontorInProcess(database.url, 'diff', '--dir', dir);
    expectExit(text, 0);
    expect(text.stdout).toContain('+ new entity "region" (Region): table "region" is created');
    expect(text.stdout).toContain('+ new field "commodity.origin" (string): column "commodity.origin" is added');
    expect(text.stdout).toMatch(/the server refuses to start until `npx kontor migrate` applies them:\n {2}! column "(public\.)?partner.notes" \(\w+\) is no longer defined/);

    const json = await runKontorInProcess(database.url, 'diff', '--dir', dir, '--json');
    expectExit(json, 0);
    const { changes } = JSON.parse(json.stdout) as { changes: Array<Record<string, unknown>> };
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'new_entity', entity: 'region', field: null, additive: true, destructive: false }),
        expect.objectContaining({ kind: 'new_field', entity: 'commodity', field: 'origin', additive: true }),
        expect.objectContaining({ kind: 'removed_column', entity: 'partner', field: 'notes', additive: false, destructive: true }),
      ]),
    );
    // Nothing was applied: start-up still refuses the dropped column (and would add the rest).
    await expect(buildApp({ dir, databaseUrl: database.url, logger: false })).rejects.toBeInstanceOf(DestructiveSchemaChangeError);
  });

  it('exits 1 on invalid definitions and 2 on a wrong command line', async () => {
    await writeFile(join(dir, 'entities', 'masterdata', 'region.yaml'), 'entity: region\nfields:\n  name: { type: strng }\n');
    const invalid = await runKontorInProcess(database.url, 'diff', '--dir', dir);
    expectExit(invalid, 1);
    expect(invalid.stderr).toContain('KONTOR_CFG_UNKNOWN_FIELD_TYPE');
    expectExit(await runKontorInProcess(database.url, 'diff', '--bogus'), 2);
  });
});
