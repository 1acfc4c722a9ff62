import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyApiProject, describeEachEngine, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus } from './seed-helpers.ts';

/** `audit: { reason: required }`: a user's update or delete needs X-Change-Reason, which the entry keeps. */
describeEachEngine('a required reason for change', (engine) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await copyApiProject();
    const file = join(dir, 'entities', 'masterdata', 'partner.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}\naudit: { reason: required }\n`);
    t = await startTestApp(engine, { dir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an update or delete without a reason (400 naming it) and changes nothing', async () => {
    const partner = await create(t, 'partners', { name: 'Ohne Grund GmbH' });
    const update = await t.request('PUT', `/api/partners/${partner.id}`, { name: 'Umbenannt' });
    expectError(update, 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['reason'] });
    expectError(await t.request('DELETE', `/api/partners/${partner.id}`), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['reason'] });
    expect((await t.request('GET', `/api/partners/${partner.id}`)).body).toMatchObject({ name: 'Ohne Grund GmbH', version: 1 });
  });

  it('takes the change with a reason and stores the reason in its audit entry', async () => {
    const partner = await create(t, 'partners', { name: 'Mit Grund GmbH' });
    // Non-ASCII goes percent-encoded, as browsers' fetch cannot send it raw in a header.
    const reason = 'Umfirmierung laut Handelsregister (Prüfung 3. 11.)';
    expectStatus(await t.request('PUT', `/api/partners/${partner.id}`, { name: 'Mit Grund AG' }, { headers: { 'x-change-reason': encodeURIComponent(reason) } }), 200);
    const entries = await t.app.kontor.db.reader.all('SELECT "action", "reason", "changes" FROM "kontor_audit" WHERE "entity" = ? AND "record_id" = ? ORDER BY "seq"', ['partner', partner.id]);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([['create', null], ['update', reason]]);
    expect(JSON.parse(String(entries[1]?.changes))).toEqual({ name: ['Mit Grund GmbH', 'Mit Grund AG'] });
  });
});
