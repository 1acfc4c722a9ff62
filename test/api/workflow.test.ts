import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionRecord } from '../../server/operations/transition-record.ts';
import { systemActor } from '../../server/permissions/actor.ts';
import { describeEachEngine, overlayProject, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, getOne, listUrl, type Rec } from './seed-helpers.ts';

/**
 * Enforced workflows (roles and contract in test/fixtures/overlays/workflow/): transitions checked for the
 * grant and the definition's roles, from-state, required fields and four eyes; the state field written by
 * transitions only, on every write path; locked states read-only; the audit entry; `_meta`.
 */
describeEachEngine('workflows', (engine) => {
  let t: TestApp;
  let dir: string;
  const users: Record<'tina' | 'tom' | 'mia' | 'cleo' | 'asta', { token: string; id: number }> = {} as never;
  let partner: number;
  let commodity: number;

  beforeAll(async () => {
    dir = await overlayProject('workflow');
    t = await startTestApp(engine, { dir });
    users.tina = await t.loginAs('tina', ['trader']);
    users.tom = await t.loginAs('tom', ['trader']);
    users.mia = await t.loginAs('mia', ['manager']);
    users.cleo = await t.loginAs('cleo', ['clerk']);
    users.asta = await t.loginAs('asta', ['assistant']);
    partner = (await create(t, 'partners', { name: 'Nordkorn GmbH' })).id;
    commodity = (await create(t, 'commodities', { name: 'Weizen' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  type As = keyof typeof users | 'admin';
  const as = (who: As) => (who === 'admin' ? {} : { token: users[who].token });
  const contractBody = (extra: Record<string, unknown> = {}) => ({ side: 'purchase', partner, commodity, quantity: '100', signed_at: '2026-03-01T09:00:00.000Z', ...extra });
  /** A contract created by `who` (admin by default), owned by `owner`. */
  async function contract(who: As = 'admin', extra: Record<string, unknown> = {}): Promise<Rec> {
    const response = await t.request<Rec>('POST', '/api/contracts', contractBody(extra), as(who));
    expectStatus(response, 201);
    return response.body;
  }
  const run = (id: number, name: string, who: As = 'admin', body?: unknown, headers?: Record<string, string>) =>
    t.request<Rec>('POST', `/api/contracts/${id}/transitions/${name}`, body, { ...as(who), ...(headers ? { headers } : {}) });
  /** Moves a record on as Kontor itself (no grant, role or four-eyes rule applies to the system). */
  const force = (entity: string, id: number, name: string) => transitionRecord(t.app.kontor.operations, systemActor('test'), entity, id, name);

  describe('running a transition', () => {
    it('writes the new state and the `set` values (read-only fields included) and answers as GET does', async () => {
      const record = await contract('tina', { owner: users.tina.id });
      expect(record).toMatchObject({ status: 'draft', approved_by: null, approved_at: null });
      const before = Date.now();
      const response = await run(record.id, 'activate', 'mia');
      expectStatus(response, 200);
      expect(response.body).toMatchObject({ id: record.id, status: 'active', approved_by: users.mia.id, version: record.version + 1 });
      expect(Date.parse(response.body.approved_at)).toBeGreaterThanOrEqual(before - 1000);
      // A manager may not read deliveries: the answer leaves them out, as their GET does.
      expect(response.body).toEqual((await t.request('GET', `/api/contracts/${record.id}`, undefined, as('mia'))).body);
      expect(response.body).not.toHaveProperty('deliveries');
    });

    it('takes the body as optional: `{ version }` must match (409 when stale), no body runs it', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      expectError(await run(record.id, 'activate', 'tina', { version: record.version + 5 }), 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT', fields: ['version'] });
      expectError(await run(record.id, 'activate', 'tina', { version: 'one' }), 400, { code: 'KONTOR_HTTP_VALIDATION' });
      expectStatus(await run(record.id, 'activate', 'tina', { version: record.version }), 200);
      const cancelled = await run(record.id, 'cancel', 'mia');
      expectStatus(cancelled, 200);
      expect(cancelled.body.status).toBe('cancelled');
    });

    it('sets `today` in a date field and clears fields with a literal null', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      expectStatus(await run(record.id, 'activate', 'tina'), 200);
      const fulfilled = await run(record.id, 'fulfil', 'tina');
      expectStatus(fulfilled, 200);
      expect(fulfilled.body.fulfilled_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const reopened = await run(record.id, 'reopen');
      expectStatus(reopened, 200);
      expect(reopened.body).toMatchObject({ status: 'draft', approved_by: null, approved_at: null, fulfilled_on: null });
    });

    it('answers 404 for a record that does not exist and for a transition the entity does not have', async () => {
      expectError(await run(999_999, 'fulfil'), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
      const record = await contract();
      expectError(await run(record.id, 'approve'), 404, { code: 'KONTOR_HTTP_ROUTE_NOT_FOUND' });
    });
  });

  describe('who may run it', () => {
    it('refuses a role without the grant (403 naming the transition as the missing action)', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      const body = expectError(await run(record.id, 'activate', 'cleo'), 403, { code: 'KONTOR_HTTP_FORBIDDEN' }) as unknown as Rec;
      expect(body.missing).toEqual({ entity: 'contract', action: 'activate' });
      expect((await getOne(t, 'contracts', record.id)).status).toBe('draft');
    });

    it('refuses a role that has the grant but is not among the definition\'s `roles:` (admin\'s `*` included)', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      for (const who of ['asta', 'admin'] as const) {
        const body = expectError(await run(record.id, 'activate', who), 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
        expect((body as unknown as Rec).missing).toEqual({ entity: 'contract', action: 'activate' });
        expect(body.message).toContain('only to the roles trader, manager');
      }
      expectError(await run(record.id, 'cancel', 'tina'), 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      expectStatus(await run(record.id, 'cancel', 'mia'), 200);
    });

    it('applies the grant\'s row scope: a trader runs activate only on the contracts they own', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      const body = expectError(await run(record.id, 'activate', 'tom'), 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      expect((body as unknown as Rec).missing).toEqual({ entity: 'contract', action: 'activate' });
      expectStatus(await run(record.id, 'activate', 'tina'), 200);
    });

    it('four eyes: the user who created the record may not run it, another user may', async () => {
      const record = await contract('tina', { owner: users.tina.id });
      const body = expectError(await run(record.id, 'activate', 'tina'), 403, { code: 'KONTOR_HTTP_FOUR_EYES' });
      expect(body.message).toContain('created by you');
      expect((await getOne(t, 'contracts', record.id)).status).toBe('draft');
      const other = await run(record.id, 'activate', 'mia');
      expectStatus(other, 200);
      expect(other.body.approved_by).toBe(users.mia.id);
    });
  });

  describe('what a user may do with one record (GET /api/<resource>/:id/actions)', () => {
    const actions = (id: number, who: As) => t.request<Rec>('GET', `/api/contracts/${id}/actions`, undefined, as(who));

    it('follows the grant\'s row scope, `roles:`, the state and four eyes, record by record', async () => {
      const tinas = await contract('tina', { owner: users.tina.id });
      const toms = await contract('admin', { owner: users.tom.id });
      expect((await actions(tinas.id, 'tina')).body).toEqual({ update: true, delete: true, transitions: [], fourEyes: ['activate'], custom: [] });
      expect((await actions(toms.id, 'tina')).body).toEqual({ update: true, delete: true, transitions: [], fourEyes: [], custom: [] });
      expect((await actions(toms.id, 'tom')).body).toEqual({ update: true, delete: true, transitions: ['activate'], fourEyes: [], custom: [] });
      expect((await actions(tinas.id, 'mia')).body).toEqual({ update: false, delete: false, transitions: ['activate', 'cancel'], fourEyes: [], custom: [] });
      expect((await actions(tinas.id, 'asta')).body).toEqual({ update: false, delete: false, transitions: [], fourEyes: [], custom: [] });
      expect((await actions(tinas.id, 'cleo')).body).toEqual({ update: true, delete: false, transitions: [], fourEyes: [], custom: [] });
    });

    it('offers nothing but the ways out of a locked state', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      await force('contract', record.id, 'activate');
      await force('contract', record.id, 'cancel');
      expect((await actions(record.id, 'admin')).body).toEqual({ update: false, delete: false, transitions: ['reopen'], fourEyes: [], custom: [] });
    });

    it('answers 404 like GET for a record that does not exist', async () => {
      expectError(await actions(999_999, 'tina'), 404, { code: 'KONTOR_HTTP_NOT_FOUND' });
    });
  });

  describe('what the record must be', () => {
    it('refuses a transition from another state (409 naming the state and where it goes from)', async () => {
      const record = await contract();
      const body = expectError(await run(record.id, 'fulfil'), 409, { code: 'KONTOR_HTTP_TRANSITION_NOT_ALLOWED' });
      expect(body.message).toBe(`contract ${record.number} is draft; fulfil goes from active (from draft: the transitions activate (draft → active) or cancel (draft, active → cancelled))`);
    });

    it('refuses while a field it requires is empty (422 naming it), and runs once it is filled', async () => {
      const record = await contract('admin', { owner: users.tina.id, signed_at: null });
      const body = expectError(await run(record.id, 'activate', 'tina'), 422, { code: 'KONTOR_HTTP_TRANSITION_INCOMPLETE', fields: ['signed_at'] });
      expect(body.message).toBe(`contract ${record.number} needs Signed at before activate`);
      expectStatus(await t.request('PUT', `/api/contracts/${record.id}`, { signed_at: '2026-03-02T10:00:00.000Z' }, as('tina')), 200);
      expectStatus(await run(record.id, 'activate', 'tina'), 200);
    });

    it('needs a reason where the entity requires one, and keeps it in the audit entry', async () => {
      const record = await contract();
      const amendment = await create(t, 'amendments', { contract: record.id, subject: 'Liefertermin verschoben' });
      const url = `/api/amendments/${amendment.id}/transitions/approve`;
      expectError(await t.request('POST', url, undefined, as('tina')), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['reason'] });
      expectStatus(await t.request('POST', url, undefined, { ...as('tina'), headers: { 'x-change-reason': 'vom Kunden bestätigt' } }), 200);
      const [entry] = await auditEntries('amendment', amendment.id, 'transition');
      expect(entry).toMatchObject({ reason: 'vom Kunden bestätigt', actor: 'tina', changes: { _transition: 'approve', status: ['draft', 'approved'] } });
    });
  });

  describe('the state changes only through transitions', () => {
    it('refuses a create in another state than the initial one (422 naming the transition), takes the initial one', async () => {
      const body = expectError(await t.request('POST', '/api/contracts', contractBody({ status: 'active' })), 422, { code: 'KONTOR_HTTP_WORKFLOW_STATE', fields: ['status'] });
      expect(body.message).toBe('a new contract starts as "draft"; "active" is reached through the transition activate (draft → active)');
      expect((await t.request('POST', '/api/contracts', contractBody({ status: 'draft' }))).status).toBe(201);
    });

    it('refuses a PUT that changes the state (422: use the transition), takes one that sends it unchanged', async () => {
      const record = await contract();
      const body = expectError(await t.request('PUT', `/api/contracts/${record.id}`, { status: 'active', notes: 'x' }), 422, { code: 'KONTOR_HTTP_WORKFLOW_STATE', fields: ['status'] });
      expect(body.message).toBe(`status of contract ${record.number} changes only through a transition: use the transition activate (draft → active)`);
      expect(await getOne(t, 'contracts', record.id)).toMatchObject({ status: 'draft', notes: null, version: record.version });
      // react-admin sends the whole record back, the state included.
      const updated = await t.request<Rec>('PUT', `/api/contracts/${record.id}`, { ...record, notes: 'geändert' });
      expectStatus(updated, 200);
      expect(updated.body).toMatchObject({ status: 'draft', notes: 'geändert' });
    });

    it('refuses rows in the body that would start in, or move to, another state (children rows)', async () => {
      const record = await contract('admin', { milestones: [{ name: 'Vertrag unterschrieben' }] });
      const [row] = record.milestones as Rec[];
      expect(row).toMatchObject({ status: 'open' });
      expectError(await t.request('POST', '/api/contracts', contractBody({ milestones: [{ name: 'x', status: 'done' }] })), 422, { code: 'KONTOR_HTTP_WORKFLOW_STATE' });
      const moved = await t.request('PUT', `/api/contracts/${record.id}`, { milestones: [{ id: row!.id, name: row!.name, status: 'done' }] });
      expect(expectError(moved, 422, { code: 'KONTOR_HTTP_WORKFLOW_STATE' }).message).toContain('use the transition complete (open → done)');
      expect((await getOne(t, 'milestones', row!.id)).status).toBe('open');
    });

    it('holds for the CSV import (every row as a POST would be)', async () => {
      const response = await t.request('POST', '/api/contracts/import', { rows: [contractBody(), contractBody({ status: 'fulfilled' })], dryRun: true });
      expectStatus(response, 200);
      expect(response.body).toMatchObject({ total: 2, valid: 1, errors: [{ row: 1, code: 'KONTOR_HTTP_WORKFLOW_STATE', errors: { status: expect.any(String) } }] });
      expect(response.body.errors[0].message).toContain('"fulfilled" is reached through the transition fulfil (active → fulfilled)');
      const committed = await t.request('POST', '/api/contracts/import', { rows: [contractBody({ status: 'active' })] });
      expectStatus(committed, 422);
      expect(committed.body).toMatchObject({ code: 'KONTOR_HTTP_IMPORT_INVALID', rows: [{ row: 0, code: 'KONTOR_HTTP_WORKFLOW_STATE' }] });
    });
  });

  describe('locked states', () => {
    it('refuse PUT and DELETE (409 naming the state); a transition out of them is allowed', async () => {
      const record = await contract('admin', { owner: users.tina.id });
      await force('contract', record.id, 'activate');
      const fulfilled = await run(record.id, 'fulfil', 'tina');
      expectStatus(fulfilled, 200);
      const put = expectError(await t.request('PUT', `/api/contracts/${record.id}`, { notes: 'nachträglich' }), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expect(put.message).toBe(`contract ${record.number} is fulfilled, and fulfilled contracts are read-only: it cannot be changed; only the transition reopen (fulfilled, cancelled → draft) may change it`);
      expect(expectError(await t.request('DELETE', `/api/contracts/${record.id}`), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' }).message).toContain('cannot be deleted');
      // Even a PUT that would change nothing: the record is read-only.
      expectError(await t.request('PUT', `/api/contracts/${record.id}`, fulfilled.body), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expect(await getOne(t, 'contracts', record.id)).toEqual(fulfilled.body);
      expectStatus(await run(record.id, 'reopen'), 200);
      expectStatus(await t.request('PUT', `/api/contracts/${record.id}`, { notes: 'nach Wiedereröffnung' }), 200);
      expectStatus(await t.request('DELETE', `/api/contracts/${record.id}`), 200);
    });

    it('hold for children rows: a locked row is neither changed nor removed through its parent, nor deleted with it', async () => {
      const record = await contract('admin', { milestones: [{ name: 'Ware verladen' }, { name: 'Rechnung gestellt' }] });
      const [done, open] = record.milestones as Rec[];
      const completed = await t.request<Rec>('POST', `/api/milestones/${done!.id}/transitions/complete`, undefined, as('tina'));
      expectStatus(completed, 200);
      expect(completed.body.status).toBe('done');
      const keep = { id: done!.id, name: done!.name };
      const openRow = { id: open!.id, name: open!.name };
      const renamed = expectError(await t.request('PUT', `/api/contracts/${record.id}`, { milestones: [{ ...keep, name: 'umbenannt' }, openRow] }), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expect(renamed.message).toBe('milestone Ware verladen is done, and done milestones are read-only: it cannot be changed; no transition leads out of it');
      expectError(await t.request('PUT', `/api/contracts/${record.id}`, { milestones: [openRow] }), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expectError(await t.request('DELETE', `/api/milestones/${done!.id}`), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expectError(await t.request('DELETE', `/api/contracts/${record.id}`), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      // The open row can still be edited next to the locked one, which is sent unchanged.
      const edited = await t.request<Rec>('PUT', `/api/contracts/${record.id}`, { milestones: [keep, { id: open!.id, name: 'Rechnung versandt' }] });
      expectStatus(edited, 200);
      expect((edited.body.milestones as Rec[]).map((m) => [m.name, m.status])).toEqual([['Ware verladen', 'done'], ['Rechnung versandt', 'open']]);
    });
  });

  describe('the audit trail', () => {
    it('records a transition as its own action with the state before and after, the `set` values and its name', async () => {
      const record = await contract('tina', { owner: users.tina.id });
      expectStatus(await run(record.id, 'activate', 'mia', undefined, { 'x-change-reason': 'Freigabe erteilt' }), 200);
      const entries = await auditEntries('contract', record.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'transition']);
      const entry = entries[1] as Rec;
      expect(entry).toMatchObject({ actor: 'mia', actor_id: users.mia.id, reason: 'Freigabe erteilt' });
      expect(entry.changes).toEqual({ _transition: 'activate', status: ['draft', 'active'], approved_by: [null, users.mia.id], approved_at: [null, expect.any(String)] });
      // A reader of the record (no `audit: [read]`) sees the transition in its history.
      const history = await t.request<Rec[]>('GET', listUrl('audit', { filter: { entity: 'contract', record_id: record.id } }), undefined, as('tom'));
      expectStatus(history, 200);
      expect(history.body.map((e) => e.action)).toEqual(['transition', 'create']);
    });

    it('writes no entry for a refused transition', async () => {
      const record = await contract();
      expectError(await run(record.id, 'fulfil'), 409, { code: 'KONTOR_HTTP_TRANSITION_NOT_ALLOWED' });
      expect((await auditEntries('contract', record.id)).map((e) => e.action)).toEqual(['create']);
    });
  });

  describe('_meta', () => {
    const workflowOf = async (who: As, entity = 'contract') => {
      const response = await t.request<Rec>('GET', '/api/_meta', undefined, as(who));
      expectStatus(response, 200);
      return (response.body.entities as Rec[]).find((e) => e.name === entity);
    };

    it('describes the workflow: state field, initial state, locked states, each transition with from, to, label, fourEyes, requires', async () => {
      const entity = (await workflowOf('mia')) as Rec;
      expect(entity.workflow).toEqual({
        field: 'status',
        initial: 'draft',
        lock: ['fulfilled', 'cancelled'],
        transitions: [
          { name: 'activate', label: { en: 'Activate', de: 'Aktivieren' }, from: ['draft'], to: 'active', fourEyes: true, requires: ['signed_at'] },
          { name: 'cancel', label: { en: 'Cancel', de: 'Stornieren' }, from: ['draft', 'active'], to: 'cancelled', fourEyes: false, requires: [] },
        ],
      });
      expect(entity.actions).toEqual(['read', 'activate', 'cancel']);
    });

    it('lists only the transitions the caller may run (grant and `roles:` both)', async () => {
      const names = async (who: As) => ((await workflowOf(who))?.workflow.transitions as Rec[]).map((tr) => tr.name);
      expect(await names('tina')).toEqual(['activate', 'fulfil']);
      expect(await names('admin')).toEqual(['fulfil', 'reopen']);
      expect(await names('cleo')).toEqual([]);
      expect(await names('asta')).toEqual([]);
      expect((await workflowOf('asta'))?.actions).toEqual(['read']);
      expect(((await workflowOf('tina', 'milestone'))?.workflow.transitions as Rec[]).map((tr) => tr.name)).toEqual(['complete']);
    });
  });

  async function auditEntries(entity: string, id: number, action?: string): Promise<Rec[]> {
    const response = await t.request<Rec[]>('GET', listUrl('audit', { sort: ['id', 'ASC'], filter: { entity, record_id: id, ...(action ? { action } : {}) } }));
    expectStatus(response, 200);
    return response.body;
  }
});
