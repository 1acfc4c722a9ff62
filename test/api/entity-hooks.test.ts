import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { copyApiProject, describeEachEngine, repoRoot, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, getOne, listUrl, type Rec } from './seed-helpers.ts';

/**
 * The hook runtime itself, on an entity written for this file (the demo's rules are in domain-rules.test.ts):
 * what each hook may do, that everything runs inside the write's transaction (a refusal or an exception
 * leaves no row and no audit entry, records a hook wrote included), and that afterCommit sees only
 * committed writes, once, after the commit (the CSV import's one commit included).
 */
const entityFile = (log: string) => `
import { appendFileSync } from 'node:fs';
import { defineEntity } from '${join(repoRoot, 'generators', 'model', 'entity-definition.ts')}';

export default defineEntity({
  entity: 'batch_note',
  department: 'quality',
  title: 'title',
  fields: {
    title: { type: 'string', required: true, maxLength: 40 },
    code: { type: 'string', readonly: true, maxLength: 10 },
    amount: { type: 'decimal', precision: 10, scale: 2 },
    history: { type: 'string', readonly: true, maxLength: 200 },
    parent: { type: 'reference', to: 'batch_note', onDelete: 'set_null' },
  },
  hooks: {
    beforeCreate: async (note, context) => {
      if (note.title === 'boom') throw new Error('a hook bug');
      note.code = String(note.title).slice(0, 3).toUpperCase();
      if (String(note.title).startsWith('twin')) await context.create('batch_note', { title: 'child of ' + String(note.title), amount: note.amount });
    },
    beforeUpdate: (note, context) => {
      note.history = 'was ' + String(context.previous?.title) + ' by ' + context.actor.name;
    },
    validate: (note) => (note.amount !== null && Number(note.amount) < 0 ? { amount: 'must not be negative for a batch note' } : undefined),
    beforeDelete: (note, context) => {
      if (note.title === 'keep') context.reject('This note is kept for the auditors', { title: 'is protected' });
    },
    afterCommit: (note, context) => {
      appendFileSync(${JSON.stringify(log)}, JSON.stringify({ operation: context.operation, title: note.title }) + '\\n');
    },
  },
});
`;

describeEachEngine('entity hooks', (engine) => {
  let t: TestApp;
  let dir: string;
  let log: string;

  beforeAll(async () => {
    dir = await copyApiProject();
    log = join(dir, 'after-commit.log');
    await writeFile(join(dir, 'entities', 'quality', 'batch_note.ts'), entityFile(log));
    t = await startTestApp(engine, { dir });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => writeFile(log, ''));

  const logged = async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { operation: string; title: string });
  const count = async () => Number(String((await t.request('GET', listUrl('batch_notes', { range: [0, 0] }))).headers['content-range']).split('/')[1]);
  const auditCount = async () => Number(String((await t.request('GET', listUrl('audit', { filter: { entity: 'batch_note' }, range: [0, 0] }))).headers['content-range']).split('/')[1]);

  it('beforeCreate sets a read-only field the client may not write; afterCommit runs once after the commit', async () => {
    const note = await create(t, 'batch_notes', { title: 'weizen', code: 'HACK' });
    expect(note.code).toBe('WEI');
    expect(await logged()).toEqual([{ operation: 'create', title: 'weizen' }]);
  });

  it('beforeUpdate sees the stored record as `previous` and who acts', async () => {
    const note = await create(t, 'batch_notes', { title: 'gerste' });
    const updated = await t.request<Rec>('PUT', `/api/batch_notes/${note.id}`, { title: 'roggen' });
    expectStatus(updated, 200);
    expect(updated.body).toMatchObject({ title: 'roggen', history: 'was gerste by tester', code: 'GER' });
  });

  it('validate refuses with 400 and the field errors; nothing is written, afterCommit does not run', async () => {
    const [rows, entries] = [await count(), await auditCount()];
    const refused = await t.request('POST', '/api/batch_notes', { title: 'minus', amount: '-1.00' });
    expectError(refused, 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['amount'] });
    expect([await count(), await auditCount()]).toEqual([rows, entries]);
    expect(await logged()).toEqual([]);
  });

  it('a record a hook creates is written in the same transaction: audited with it, or rolled back with it', async () => {
    const [rows, entries] = [await count(), await auditCount()];
    expectStatus(await t.request('POST', '/api/batch_notes', { title: 'twin a', amount: '2.00' }), 201);
    expect([await count(), await auditCount()]).toEqual([rows + 2, entries + 2]);
    const child = (await t.request<Rec[]>('GET', listUrl('batch_notes', { filter: { title: 'child of twin a' } }))).body;
    expect(child).toEqual([expect.objectContaining({ code: 'CHI', amount: '2.00' })]);
    expect((await logged()).map((e) => e.title).sort()).toEqual(['child of twin a', 'twin a']);

    // The child fails validate after the parent's hooks ran: neither is written.
    await writeFile(log, '');
    expectError(await t.request('POST', '/api/batch_notes', { title: 'twin b', amount: '-5.00' }), 400, { fields: ['amount'] });
    expect([await count(), await auditCount()]).toEqual([rows + 2, entries + 2]);
    expect(await logged()).toEqual([]);
  });

  it('an exception in a hook is a 500 without internals, and the write is rolled back', async () => {
    const [rows, entries] = [await count(), await auditCount()];
    const failed = await t.request('POST', '/api/batch_notes', { title: 'boom' });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: 'KONTOR_HTTP_INTERNAL' });
    expect(JSON.stringify(failed.body)).not.toContain('a hook bug');
    expect([await count(), await auditCount()]).toEqual([rows, entries]);
  });

  it('beforeDelete may refuse (422 with the hook\'s message and fields); the record stays', async () => {
    const note = await create(t, 'batch_notes', { title: 'keep' });
    const refused = await t.request('DELETE', `/api/batch_notes/${note.id}`);
    const body = expectError(refused, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION', fields: ['title'] });
    expect(body.message).toBe('This note is kept for the auditors');
    expect((await getOne(t, 'batch_notes', note.id)).title).toBe('keep');
    const gone = await create(t, 'batch_notes', { title: 'drop' });
    await writeFile(log, '');
    expectStatus(await t.request('DELETE', `/api/batch_notes/${gone.id}`), 200);
    expect(await logged()).toEqual([{ operation: 'delete', title: 'drop' }]);
  });

  it('run for CSV import rows: a refused row rolls the import back, and afterCommit waits for its one commit', async () => {
    const rows = await count();
    const bad = await t.request<Rec>('POST', '/api/batch_notes/import', { rows: [{ title: 'hafer' }, { title: 'mais', amount: '-3' }] });
    expectStatus(bad, 422);
    expect(bad.body).toMatchObject({ code: 'KONTOR_HTTP_IMPORT_INVALID', rows: [{ row: 1, code: 'KONTOR_HTTP_VALIDATION', errors: { amount: 'must not be negative for a batch note' } }] });
    expect(await count()).toBe(rows);
    expect(await logged()).toEqual([]);
    const good = await t.request<Rec>('POST', '/api/batch_notes/import', { rows: [{ title: 'hafer' }, { title: 'mais', amount: '3' }] });
    expectStatus(good, 201);
    expect(await count()).toBe(rows + 2);
    expect((await logged()).map((e) => e.title)).toEqual(['hafer', 'mais']);
    const imported = (await t.request<Rec[]>('GET', listUrl('batch_notes', { filter: { title: ['hafer', 'mais'] }, sort: ['title', 'ASC'] }))).body;
    expect(imported.map((n) => n.code)).toEqual(['HAF', 'MAI']);
  });
});
