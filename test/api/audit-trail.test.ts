import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../generators/core/naming.ts';
import { entryHash, type StoredAuditEntry } from '../../server/audit/audit-chain.ts';
import { normalizeRow, verifyChain } from '../../server/audit/verify-chain.ts';
import { rm } from 'node:fs/promises';
import { describeEachEngine, overlayProject, startTestApp, TEST_PASSWORD, type TestApp, type TestResponse } from './harness.ts';
import { create, expectError, expectStatus, getOne, update, type Rec } from './seed-helpers.ts';
import { expectExit, runKontorInProcess } from './cli-runner.ts';

/**
 * The audit trail as an auditor relies on it: one entry per changed record, written in the transaction of
 * the change (so a failed write leaves no entry), with the diff in wire form and who, why and from where;
 * events without a record change; the database refusing edits; and the hash chain catching what gets past
 * the triggers. Entries are read straight from kontor_audit, not through GET /api/audit, so a bug in the
 * read API cannot hide one in the writer.
 */

/** The API fixture plus a role whose create grant is scoped (config/roles.yaml: supplier_clerk). */
/** api-project with a role whose create scope is refused after the flush (test/fixtures/overlays/audit/). */
const auditProject = await overlayProject('audit');
afterAll(() => rm(auditProject, { recursive: true, force: true }));

type Changes = Record<string, any>;
type Entry = Omit<StoredAuditEntry, 'changes'> & { changes: Changes };

async function entriesAfter(t: TestApp, seq: number): Promise<Entry[]> {
  const rows = await t.app.kontor.db.reader.all('SELECT * FROM kontor_audit WHERE seq > ? ORDER BY seq', [seq]);
  return rows.map((row) => {
    const entry = normalizeRow(row);
    return { ...entry, changes: JSON.parse(entry.changes) as Changes };
  });
}

async function lastSeq(t: TestApp): Promise<number> {
  const [row] = await t.app.kontor.db.reader.all('SELECT MAX(seq) AS n FROM kontor_audit', []);
  return Number(row?.n ?? 0);
}

async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.app.kontor.db.reader.all('SELECT COUNT(*) AS n FROM kontor_audit', []);
  return Number(row?.n);
}

/** Runs one write (or several) and returns what it answered and the entries it appended. */
async function recording<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; entries: Entry[] }> {
  const before = await lastSeq(t);
  const result = await work();
  return { result, entries: await entriesAfter(t, before) };
}

/** Rows per entity table: a failed write must leave every one of them as it was. */
async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of t.app.kontor.model.entities) {
    const [row] = await t.app.kontor.db.reader.all(`SELECT COUNT(*) AS n FROM "${tableName(entity.name)}"`, []);
    counts[entity.name] = Number(row?.n);
  }
  return counts;
}

/** Retention of record entries: the end of the year ten years on (the model's default, §147 AO). */
const retainedUntil = (entry: Entry) => `${new Date(entry.at).getUTCFullYear() + 10}-12-31`;

const byEntity = (entries: Entry[], entity: string) => entries.filter((e) => e.entity === entity);

function only(entries: Entry[], entity: string, recordId: number): Entry {
  const found = entries.filter((e) => e.entity === entity && e.record_id === recordId);
  expect(found, `one entry for ${entity} ${recordId} in ${JSON.stringify(entries)}`).toHaveLength(1);
  return found[0] as Entry;
}

/**
 * `kontor <args> --dir <audit project>` on the test's database, called in the test process: what matters here
 * is what the command writes and reads, and a process of its own costs seconds of CPU. The user and audit
 * commands run as real processes in cli-auth.test.ts and audit-access.test.ts.
 */
const kontor = (databaseUrl: string, ...args: string[]) => runKontorInProcess(databaseUrl, ...args, '--dir', auditProject);

/** A CLI run compiles the model and opens the database. */
const CLI_TIMEOUT = 120_000;

describeEachEngine('audit trail', (engine) => {
  let t: TestApp;
  let commodities: Rec[];
  let ticket = 0;
  const nextTicket = () => `A-${++ticket}`;
  beforeAll(async () => {
    t = await startTestApp(engine, { dir: auditProject });
    commodities = [];
    for (const name of ['Weizen', 'Gerste', 'Raps']) commodities.push(await create(t, 'commodities', { name }));
  });
  afterAll(async () => t?.close());

  const commodity = (i: number) => (commodities[i] as Rec).id;
  const newPartner = (name: string, extra: Record<string, unknown> = {}) => create(t, 'partners', { name, ...extra });
  const newContract = async (deliveries: Array<Record<string, unknown>>) => {
    const partner = await newPartner(`Kontraktpartner ${nextTicket()}`);
    return create(t, 'contracts', { side: 'purchase', partner: partner.id, commodity: commodity(0), quantity: '100', deliveries });
  };

  describe('entries and their diffs', () => {
    it('create: every stored field the write set, as [null, after] in wire form', async () => {
      const { result: sample, entries } = await recording(t, () =>
        create(t, 'samples', {
          name: 'Probe Nord',
          description: 'Erste Zeile\nZweite Zeile',
          moisture: '12.5',
          weight: -3.25,
          fee: '99',
          organic: true,
          taken_on: '2026-03-04',
          analysed_at: '2026-03-04T10:11:12.000Z',
          grade: 'c',
          contact: 'lab@example.org',
          report_url: 'https://lab.example.org/r/1',
          raw: { protein: '11.5', lots: [1, 2] },
          tags: ['bio', 'nord'],
          commodity: commodity(1),
        }),
      );
      expect(entries).toHaveLength(1);
      const entry = entries[0] as Entry;
      expect(entry).toMatchObject({ action: 'create', entity: 'sample', record_id: sample.id });
      expect(entry.changes).toEqual({
        code: [null, sample.code],
        name: [null, 'Probe Nord'],
        description: [null, 'Erste Zeile\nZweite Zeile'],
        count: [null, 1], // the default, written by the server
        moisture: [null, '12.50'],
        weight: [null, '-3.250'],
        fee: [null, '99.00'],
        organic: [null, true],
        taken_on: [null, '2026-03-04'],
        analysed_at: [null, '2026-03-04T10:11:12.000Z'],
        grade: [null, 'c'],
        contact: [null, 'lab@example.org'],
        report_url: [null, 'https://lab.example.org/r/1'],
        raw: [null, { protein: '11.5', lots: [1, 2] }],
        tags: [null, ['bio', 'nord']],
        commodity: [null, commodity(1)],
      });
      expect(entry.retain_until).toBe(retainedUntil(entry));
    });

    it('update: only the changed fields, each as [before, after] in wire form; unchanged ones absent', async () => {
      const sample = await create(t, 'samples', {
        name: 'Probe Süd',
        count: 5,
        moisture: '10',
        weight: '12.5',
        fee: '1.5',
        organic: true,
        taken_on: '2026-01-02',
        analysed_at: '2026-01-02T08:00:00.000Z',
        grade: 'a',
        raw: { a: 1 },
        tags: ['x'],
        commodity: commodity(0),
      });
      const { entries } = await recording(t, () =>
        update(t, 'samples', sample.id, {
          // Sent but unchanged, some written differently from how they are stored: no entry for these.
          name: 'Probe Süd',
          count: 5,
          weight: 12.5,
          tags: ['x'],
          // Changed:
          description: 'nachgetragen',
          moisture: '11.25',
          fee: '-2',
          organic: false,
          taken_on: '2026-02-03',
          analysed_at: '2026-02-03T09:30:00.000Z',
          grade: 'b',
          raw: { a: 2, b: [true, null] },
          commodity: commodity(2),
        }),
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'update', entity: 'sample', record_id: sample.id });
      expect(entries[0]?.changes).toEqual({
        description: [null, 'nachgetragen'],
        moisture: ['10.00', '11.25'],
        fee: ['1.50', '-2.00'],
        organic: [true, false],
        taken_on: ['2026-01-02', '2026-02-03'],
        analysed_at: ['2026-01-02T08:00:00.000Z', '2026-02-03T09:30:00.000Z'],
        grade: ['a', 'b'],
        raw: [{ a: 1 }, { a: 2, b: [true, null] }],
        commodity: [commodity(0), commodity(2)],
      });
    });

    it('update of an enum and a boolean on a partner: wire values, no system fields (version, updated_at)', async () => {
      const partner = await newPartner('Enum Handel', { kind: 'customer', credit_limit: '5000' });
      const { entries } = await recording(t, () => update(t, 'partners', partner.id, { version: partner.version, kind: 'both', active: false, credit_limit: 7500.5 }));
      expect(entries).toHaveLength(1);
      expect(entries[0]?.changes).toEqual({ kind: ['customer', 'both'], active: [true, false], credit_limit: ['5000.00', '7500.50'] });
    });

    it('delete: the before value of every stored field and link list, as [before, null]', async () => {
      const sample = await create(t, 'samples', {
        name: 'Probe Weg',
        moisture: '7.5',
        weight: '1',
        organic: false,
        taken_on: '2026-05-06',
        grade: 'a',
        raw: { k: 'v' },
        tags: [],
        commodity: commodity(0),
      });
      const { result, entries } = await recording(t, () => t.request('DELETE', `/api/samples/${sample.id}`));
      expectStatus(result, 200);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'delete', entity: 'sample', record_id: sample.id });
      expect(entries[0]?.changes).toEqual({
        code: [sample.code, null],
        name: ['Probe Weg', null],
        description: [null, null],
        count: [1, null],
        moisture: ['7.50', null],
        weight: ['1.000', null],
        fee: [null, null],
        organic: [false, null],
        taken_on: ['2026-05-06', null],
        analysed_at: [null, null],
        grade: ['a', null],
        contact: [null, null],
        report_url: [null, null],
        raw: [{ k: 'v' }, null],
        tags: [[], null],
        commodity: [commodity(0), null],
        // Its many-to-many links go with it: the entry keeps them, so the record can be told in full.
        partners: [[], null],
      });
    });

    it('children through a parent PUT: the parent lists rows added, changed and removed; each row has its own entry', async () => {
      const contract = await newContract([
        { ticket_no: nextTicket(), net_weight: '10', date: '2026-04-01' },
        { ticket_no: nextTicket(), net_weight: '20', date: '2026-04-02', vehicle: 'HH-AB 1' },
        { ticket_no: nextTicket(), net_weight: '30', date: '2026-04-03' },
      ]);
      const [keep, change, remove] = contract.deliveries as [Rec, Rec, Rec];
      const added = nextTicket();
      const { result: updated, entries } = await recording(t, () =>
        update(t, 'contracts', contract.id, {
          version: contract.version,
          deliveries: [keep, { ...change, net_weight: '22.5', vehicle: 'HH-CD 2' }, { ticket_no: added, net_weight: '0.75', date: '2026-04-09' }],
        }),
      );
      const addedRow = (updated.deliveries as Rec[]).find((d) => d.ticket_no === added) as Rec;
      expect(entries).toHaveLength(4);
      const parent = only(entries, 'contract', contract.id);
      expect(parent.action).toBe('update');
      expect(parent.changes).toEqual({ deliveries: { added: [addedRow.id], changed: [change.id], removed: [remove.id] } });
      expect(only(entries, 'delivery', addedRow.id)).toMatchObject({
        action: 'create',
        changes: { contract: [null, contract.id], ticket_no: [null, added], net_weight: [null, '0.750'], date: [null, '2026-04-09'] },
      });
      const changed = only(entries, 'delivery', change.id);
      expect(changed.action).toBe('update');
      expect(changed.changes).toEqual({ net_weight: ['20.000', '22.500'], vehicle: ['HH-AB 1', 'HH-CD 2'] });
      const removed = only(entries, 'delivery', remove.id);
      expect(removed.action).toBe('delete');
      expect(removed.changes).toEqual({
        contract: [contract.id, null],
        ticket_no: [remove.ticket_no, null],
        net_weight: ['30.000', null],
        date: ['2026-04-03', null],
        moisture: [null, null],
        vehicle: [null, null],
      });
      expect(byEntity(entries, 'delivery').map((e) => e.record_id)).not.toContain(keep.id);
    });

    it('a many-to-many change is [before ids, after ids] on the owner\'s entry, and the linked records get none', async () => {
      const partner = await newPartner('Linkhandel', { commodities: [commodity(0), commodity(1)] });
      const { entries } = await recording(t, () => update(t, 'partners', partner.id, { commodities: [commodity(2), commodity(1)] }));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'update', entity: 'partner', record_id: partner.id });
      expect(entries[0]?.changes).toEqual({ commodities: [[commodity(0), commodity(1)].sort((a, b) => a - b), [commodity(1), commodity(2)].sort((a, b) => a - b)] });
    });

    it('X-Change-Reason is stored as reason on every entry of the request; without it reason is null', async () => {
      const reason = 'Bonitaetspruefung vom 3. Mai bestanden';
      const partner = await recording(t, () => newPartner('Grundhandel'));
      expect(partner.entries.map((e) => e.reason)).toEqual([null]);
      const { result, entries } = await recording(t, () =>
        t.request('POST', '/api/contracts', { side: 'sale', partner: partner.result.id, commodity: commodity(0), quantity: '5', deliveries: [{ ticket_no: nextTicket(), net_weight: '1' }] }, { headers: { 'x-change-reason': `  ${reason}  ` } }),
      );
      expectStatus(result, 201);
      expect(entries.map((e) => [e.entity, e.reason])).toEqual(expect.arrayContaining([['contract', reason], ['delivery', reason]]));
      expect(entries).toHaveLength(2);
    });

    it('an HTTP write carries its request id and client address; entries of one request share the id', async () => {
      const { entries } = await recording(t, async () => {
        await newContract([{ ticket_no: nextTicket(), net_weight: '3' }, { ticket_no: nextTicket(), net_weight: '4' }]);
      });
      // The partner and the contract with its two rows: two requests.
      expect(entries).toHaveLength(4);
      for (const entry of entries) {
        expect(entry.request_id).toEqual(expect.any(String));
        expect(entry.request_id).not.toBe('');
        expect(entry.ip).toBe('127.0.0.1');
      }
      const partnerRequest = byEntity(entries, 'partner')[0]?.request_id;
      const contractRequests = new Set(entries.filter((e) => e.entity !== 'partner').map((e) => e.request_id));
      expect(contractRequests.size).toBe(1);
      expect(contractRequests.has(partnerRequest as string)).toBe(false);
    });

    it("actor is the user's username and actor_id their id", async () => {
      const maria = await t.loginAs('maria', ['admin']);
      const { result, entries } = await recording(t, () => t.request<Rec>('POST', '/api/commodities', { name: 'Hafer' }, { token: maria.token }));
      expectStatus(result, 201);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: 'maria', actor_id: maria.id, entity: 'commodity', record_id: result.body.id });
    });
  });

  describe('every write path: exactly one entry per changed record', () => {
    it('POST: one entry for the record, one per child row, none for many-to-many links', async () => {
      const partner = await recording(t, () => newPartner('Posthandel', { commodities: [commodity(0), commodity(2)] }));
      expect(partner.entries.map((e) => [e.action, e.entity, e.record_id])).toEqual([['create', 'partner', partner.result.id]]);
      const contract = await recording(t, () => create(t, 'contracts', { side: 'purchase', partner: partner.result.id, commodity: commodity(0), quantity: '9', deliveries: [{ ticket_no: nextTicket(), net_weight: '1' }, { ticket_no: nextTicket(), net_weight: '2' }] }));
      expect(contract.entries).toHaveLength(3);
      expect(only(contract.entries, 'contract', contract.result.id).changes.deliveries).toEqual({ added: (contract.result.deliveries as Rec[]).map((d) => d.id).sort((a, b) => a - b), changed: [], removed: [] });
      for (const row of contract.result.deliveries as Rec[]) expect(only(contract.entries, 'delivery', row.id).action).toBe('create');
    });

    it('PUT with a real change: one entry', async () => {
      const partner = await newPartner('Puthandel');
      const { entries } = await recording(t, () => update(t, 'partners', partner.id, { notes: 'neu' }));
      expect(entries.map((e) => [e.action, e.entity, e.record_id, e.changes])).toEqual([['update', 'partner', partner.id, { notes: [null, 'neu'] }]]);
    });

    it('PUT that changes nothing: no entry, and the version does not move', async () => {
      const partner = await newPartner('Stillhandel', { credit_limit: '100', commodities: [commodity(0)] });
      const { result, entries } = await recording(t, () => update(t, 'partners', partner.id, { version: partner.version, name: 'Stillhandel', credit_limit: 100, commodities: [commodity(0)] }));
      expect(entries).toEqual([]);
      expect(result.version).toBe(partner.version);
      expect(result.updated_at).toBe(partner.updated_at);
    });

    it('PUT of a record exactly as GET returned it (children, computed fields and all): no entry', async () => {
      const contract = await newContract([{ ticket_no: nextTicket(), net_weight: '12.5', moisture: '14.2' }, { ticket_no: nextTicket(), net_weight: '7' }]);
      const read = await getOne(t, 'contracts', contract.id);
      const { result, entries } = await recording(t, () => update(t, 'contracts', contract.id, read));
      expect(entries).toEqual([]);
      expect(result.version).toBe(read.version);
    });

    it('DELETE with children: one entry per removed row, the parent listing them', async () => {
      const contract = await newContract([{ ticket_no: nextTicket(), net_weight: '1' }, { ticket_no: nextTicket(), net_weight: '2' }, { ticket_no: nextTicket(), net_weight: '3' }]);
      const rows = (contract.deliveries as Rec[]).map((d) => d.id).sort((a, b) => a - b);
      const { result, entries } = await recording(t, () => t.request('DELETE', `/api/contracts/${contract.id}`));
      expectStatus(result, 200);
      expect(entries).toHaveLength(4);
      expect(entries.every((e) => e.action === 'delete')).toBe(true);
      expect(only(entries, 'contract', contract.id).changes.deliveries).toEqual({ added: [], changed: [], removed: rows });
      expect(byEntity(entries, 'delivery').map((e) => e.record_id).sort((a, b) => (a as number) - (b as number))).toEqual(rows);
    });

    it('children changed through the parent only: the parent and the changed row, one entry each', async () => {
      const contract = await newContract([{ ticket_no: nextTicket(), net_weight: '1' }, { ticket_no: nextTicket(), net_weight: '2' }]);
      const [first, second] = contract.deliveries as [Rec, Rec];
      const { result, entries } = await recording(t, () => update(t, 'contracts', contract.id, { deliveries: [first, { ...second, moisture: '13' }] }));
      expect(entries).toHaveLength(2);
      expect(only(entries, 'contract', contract.id).changes).toEqual({ deliveries: { added: [], changed: [second.id], removed: [] } });
      expect(only(entries, 'delivery', second.id).changes).toEqual({ moisture: [null, '13.00'] });
      // The parent's version moves with its rows (the form's optimistic lock covers them).
      expect(result.version).toBeGreaterThan(contract.version);
    });

    it('a many-to-many change alone: one entry, for the owner', async () => {
      const sample = await create(t, 'samples', { name: 'Probe Links', partners: [] });
      const partner = await newPartner('Probenpartner');
      const { entries } = await recording(t, () => update(t, 'samples', sample.id, { partners: [partner.id] }));
      expect(entries.map((e) => [e.action, e.entity, e.record_id, e.changes])).toEqual([['update', 'sample', sample.id, { partners: [[], [partner.id]] }]]);
    });

    it('concurrent writes: one entry each, numbered without gaps or duplicates, one chain', async () => {
      const before = await lastSeq(t);
      const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => t.request<Rec>('POST', '/api/partners', { name: `Parallelhandel ${i}` })));
      for (const response of responses) expectStatus(response, 201);
      const entries = await entriesAfter(t, before);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => before + i + 1));
      expect(entries.map((e) => e.record_id).sort((a, b) => (a as number) - (b as number))).toEqual(responses.map((r) => r.body.id).sort((a, b) => a - b));
      expect((await verifyChain(t.app.kontor.db.reader)).ok).toBe(true);
    });

    it('DELETE of a record others point at with onDelete set_null: the referencing record gets its update entry', async () => {
      const wheat = await create(t, 'commodities', { name: 'Dinkel' });
      const sample = await create(t, 'samples', { name: 'Probe Dinkel', commodity: wheat.id });
      // The database clears the reference itself (a foreign-key action), outside the unit of work the
      // subscriber watches; the sample's change must reach the trail all the same.
      const { result, entries } = await recording(t, () => t.request('DELETE', `/api/commodities/${wheat.id}`));
      expectStatus(result, 200);
      expect((await getOne(t, 'samples', sample.id)).commodity).toBeNull();
      expect(only(entries, 'commodity', wheat.id).action).toBe('delete');
      expect(only(entries, 'sample', sample.id)).toMatchObject({ action: 'update', changes: { commodity: [wheat.id, null] } });
      expect(entries).toHaveLength(2);
    });

    it("DELETE of a record others link to (many-to-many): the owner's entry shows the link gone", async () => {
      const partner = await newPartner('Verlinkt GmbH');
      const sample = await create(t, 'samples', { name: 'Probe Verlinkt', partners: [partner.id] });
      // The link rows go with the partner by a foreign-key cascade, again outside the unit of work.
      const { result, entries } = await recording(t, () => t.request('DELETE', `/api/partners/${partner.id}`));
      expectStatus(result, 200);
      expect((await getOne(t, 'samples', sample.id)).partners).toEqual([]);
      expect(only(entries, 'partner', partner.id).action).toBe('delete');
      expect(only(entries, 'sample', sample.id)).toMatchObject({ action: 'update', changes: { partners: [[partner.id], []] } });
      expect(entries).toHaveLength(2);
    });

    it('kontor user add and user disable (no request): one entry each, actor system', async () => {
      const added = await recording(t, () => kontor(t.databaseUrl, 'user', 'add', 'olaf', '--password', 'olaf first password', '--roles', 'employee'));
      expectExit(added.result, 0);
      const id = Number(/\(id (\d+)\)/.exec(added.result.stdout)?.[1]);
      expect(added.entries).toHaveLength(1);
      expect(added.entries[0]).toMatchObject({ action: 'create', entity: 'user', record_id: id, actor: 'system', actor_id: null, request_id: null, ip: null, reason: null });
      // The password lives in its own table and never reaches the trail.
      expect(added.entries[0]?.changes).toEqual({ username: [null, 'olaf'], roles: [null, ['employee']], active: [null, true] });
      expect(JSON.stringify(added.entries[0])).not.toContain('olaf first password');

      const disabled = await recording(t, () => kontor(t.databaseUrl, 'user', 'disable', 'olaf'));
      expectExit(disabled.result, 0);
      expect(disabled.entries.map((e) => [e.action, e.entity, e.record_id, e.actor, e.actor_id, e.changes])).toEqual([['update', 'user', id, 'system', null, { active: [true, false] }]]);
    }, CLI_TIMEOUT);
  });

  describe('a failed write leaves neither change nor entry', () => {
    /** Runs a write that must fail and checks that no table and not the trail changed. */
    async function expectNothingWritten(work: () => Promise<TestResponse>): Promise<TestResponse> {
      const counts = await rowCounts(t);
      const entries = await auditCount(t);
      const response = await work();
      expect(await rowCounts(t)).toEqual(counts);
      expect(await auditCount(t)).toBe(entries);
      return response;
    }

    it('a unique violation (partner vat_id), on create and on update', async () => {
      const holder = await newPartner('Erste GmbH', { vat_id: 'DE900000001' });
      const other = await newPartner('Zweite GmbH', { vat_id: 'DE900000002' });
      expectError(await expectNothingWritten(() => t.request('POST', '/api/partners', { name: 'Dritte GmbH', vat_id: 'DE900000001' })), 409, { code: 'KONTOR_HTTP_UNIQUE_VIOLATION' });
      expectError(await expectNothingWritten(() => t.request('PUT', `/api/partners/${other.id}`, { notes: 'darf nicht bleiben', vat_id: 'DE900000001' })), 409, { code: 'KONTOR_HTTP_UNIQUE_VIOLATION' });
      expect(await getOne(t, 'partners', other.id)).toEqual(other);
      expect(await getOne(t, 'partners', holder.id)).toEqual(holder);
    });

    it('a unique violation in a child row, after the parent\'s own change in the same flush', async () => {
      const contract = await newContract([{ ticket_no: nextTicket(), net_weight: '1' }]);
      const taken = (contract.deliveries as Rec[])[0] as Rec;
      const response = await expectNothingWritten(() => t.request('PUT', `/api/contracts/${contract.id}`, { notes: 'darf nicht bleiben', deliveries: [taken, { ticket_no: taken.ticket_no, net_weight: '2' }] }));
      expectError(response, 409, { code: 'KONTOR_HTTP_UNIQUE_VIOLATION' });
      expect(await getOne(t, 'contracts', contract.id)).toEqual(contract);
    });

    it('a 409 version conflict', async () => {
      const partner = await newPartner('Versionshandel');
      const current = await update(t, 'partners', partner.id, { notes: 'erste Änderung' });
      const response = await expectNothingWritten(() => t.request('PUT', `/api/partners/${partner.id}`, { version: partner.version, notes: 'veraltet' }));
      expectError(response, 409, { code: 'KONTOR_HTTP_VERSION_CONFLICT' });
      expect(await getOne(t, 'partners', partner.id)).toEqual(current);
    });

    it('a 403 from the scope check after the flush: the record and its entry roll back; only the denial is recorded', async () => {
      const clerk = await t.loginAs('clara', ['supplier_clerk']);
      const counts = await rowCounts(t);
      const { result, entries } = await recording(t, () => t.request('POST', '/api/partners', { name: 'Kunde außerhalb', kind: 'customer' }, { token: clerk.token }));
      expectError(result, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      expect(await rowCounts(t)).toEqual(counts);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'denied', actor: 'clara', actor_id: clerk.id, entity: 'partner', record_id: null, retain_until: null });
      expect(entries[0]?.changes).toEqual({ entity: 'partner', action: 'create', method: 'POST', url: '/api/partners' });
      // Inside the scope the same grant writes, and the rolled-back entry left no gap in the sequence.
      const allowed = await recording(t, () => t.request<Rec>('POST', '/api/partners', { name: 'Lieferant innerhalb', kind: 'supplier' }, { token: clerk.token }));
      expectStatus(allowed.result, 201);
      expect(allowed.entries.map((e) => [e.seq, e.action, e.entity, e.record_id, e.actor])).toEqual([[(entries[0] as Entry).seq + 1, 'create', 'partner', allowed.result.body.id, 'clara']]);
      expect((await verifyChain(t.app.kontor.db.reader)).ok).toBe(true);
    });

    it('a 422 invalid reference, checked before the transaction and inside it (a row of another record)', async () => {
      const response = await expectNothingWritten(() => t.request('POST', '/api/contracts', { side: 'sale', partner: 987_654, commodity: commodity(0), quantity: '1', deliveries: [{ ticket_no: nextTicket(), net_weight: '1' }] }));
      expectError(response, 422, { code: 'KONTOR_HTTP_INVALID_REFERENCE', fields: ['partner'] });
      const mine = await newContract([{ ticket_no: nextTicket(), net_weight: '1' }]);
      const other = await newContract([{ ticket_no: nextTicket(), net_weight: '2' }]);
      const foreign = (other.deliveries as Rec[])[0] as Rec;
      // The notes and the new row are applied to the unit of work before the foreign row is refused.
      const inside = await expectNothingWritten(() => t.request('PUT', `/api/contracts/${mine.id}`, { notes: 'darf nicht bleiben', deliveries: [{ ticket_no: nextTicket(), net_weight: '5' }, { ...foreign, net_weight: '99' }] }));
      expectError(inside, 422, { code: 'KONTOR_HTTP_INVALID_REFERENCE' });
      expect(await getOne(t, 'contracts', mine.id)).toEqual(mine);
      expect(await getOne(t, 'contracts', other.id)).toEqual(other);
    });
  });

  describe('the database refuses to change the trail', () => {
    const execute = (sql: string, params: unknown[] = []) => t.app.kontor.db.orm.em.getConnection().execute(sql, params);

    it(`UPDATE and DELETE${engine === 'postgresql' ? ' and TRUNCATE' : ''} on kontor_audit fail; the entries stay as they were`, async () => {
      const before = await entriesAfter(t, 0);
      await expect(execute('UPDATE kontor_audit SET reason = ? WHERE seq = 1', ['nachträglich'])).rejects.toThrow(/append-only/);
      await expect(execute("UPDATE kontor_audit SET changes = '{}'")).rejects.toThrow(/append-only/);
      await expect(execute('DELETE FROM kontor_audit WHERE seq = ?', [before.length])).rejects.toThrow(/append-only/);
      await expect(execute('DELETE FROM kontor_audit')).rejects.toThrow(/append-only/);
      if (engine === 'postgresql') await expect(execute('TRUNCATE kontor_audit')).rejects.toThrow(/append-only/);
      expect(await entriesAfter(t, 0)).toEqual(before);
    });
  });

  describe('events without a record change', () => {
    const login = (username: string, password: string) => t.request<{ token: string }>('POST', '/api/auth/login', { username, password }, { token: null });
    let lena: { token: string; id: number };
    beforeAll(async () => {
      lena = await t.loginAs('lena', ['employee']);
    });

    it('login: actor and actor_id are the user who logged in', async () => {
      const { result, entries } = await recording(t, () => login('lena', TEST_PASSWORD));
      expectStatus(result, 200);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'login', actor: 'lena', actor_id: lena.id, entity: 'user', record_id: lena.id, ip: '127.0.0.1', retain_until: null });
      expect(entries[0]?.request_id).toEqual(expect.any(String));
    });

    it('login_failed: actor is the username tried (known or not), never the password', async () => {
      const wrong = await recording(t, () => login('lena', 'not her password at all'));
      expectError(wrong.result, 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
      expect(wrong.entries).toHaveLength(1);
      expect(wrong.entries[0]).toMatchObject({ action: 'login_failed', actor: 'lena', actor_id: null, entity: 'user', record_id: lena.id, changes: { username: 'lena' } });
      expect(JSON.stringify(wrong.entries[0])).not.toContain('not her password');
      const unknown = await recording(t, () => login('niemand', 'some password or other'));
      expectError(unknown.result, 401, { code: 'KONTOR_HTTP_LOGIN_FAILED' });
      expect(unknown.entries).toHaveLength(1);
      expect(unknown.entries[0]).toMatchObject({ action: 'login_failed', actor: 'niemand', actor_id: null, record_id: null, changes: { username: 'niemand' } });
    });

    it('logout: actor is the user whose session ends', async () => {
      const session = await login('lena', TEST_PASSWORD);
      expectStatus(session, 200);
      const { result, entries } = await recording(t, () => t.request('POST', '/api/auth/logout', undefined, { token: session.body.token }));
      expectStatus(result, 204);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'logout', actor: 'lena', actor_id: lena.id, entity: 'user', record_id: lena.id });
    });

    it('password change: password_changed for the user, neither password in the entry', async () => {
      const next = 'lenas second password';
      const { result, entries } = await recording(t, () => t.request('POST', '/api/auth/password', { current_password: TEST_PASSWORD, new_password: next }, { token: lena.token }));
      expectStatus(result, 204);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'password_changed', actor: 'lena', actor_id: lena.id, entity: 'user', record_id: lena.id });
      expect(JSON.stringify(entries[0])).not.toContain(next);
      expect(JSON.stringify(entries[0])).not.toContain(TEST_PASSWORD);
      expectStatus(await login('lena', next), 200);
    });

    it("password set by someone else (PUT /api/users/:id/password): password_changed for that user, actor the one who set it", async () => {
      const paul = await t.loginAs('paul', ['employee']);
      const { result, entries } = await recording(t, () => t.request('PUT', `/api/users/${paul.id}/password`, { password: 'pauls reset password' }));
      expectStatus(result, 204);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'password_changed', actor: 'tester', entity: 'user', record_id: paul.id });
      expect(JSON.stringify(entries[0])).not.toContain('pauls reset password');
    });

    it('denied: every 403 records the missing grant, the method and the path (without the query)', async () => {
      const otto = await t.loginAs('otto', ['employee']);
      const write = await recording(t, () => t.request('POST', '/api/partners', { name: 'Nicht erlaubt' }, { token: otto.token }));
      expectError(write.result, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      expect(write.entries).toHaveLength(1);
      expect(write.entries[0]).toMatchObject({ action: 'denied', actor: 'otto', actor_id: otto.id, entity: 'partner', record_id: null });
      expect(write.entries[0]?.changes).toEqual({ entity: 'partner', action: 'create', method: 'POST', url: '/api/partners' });
      const read = await recording(t, () => t.request('GET', '/api/contracts?range=%5B0%2C9%5D', undefined, { token: otto.token }));
      expectError(read.result, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      expect(read.entries).toHaveLength(1);
      expect(read.entries[0]).toMatchObject({ action: 'denied', actor: 'otto', entity: 'contract', changes: { entity: 'contract', action: 'read', method: 'GET', url: '/api/contracts' } });
    });
  });

  it('the chain of everything written above verifies, every entry counted', async () => {
    const verdict = await verifyChain(t.app.kontor.db.reader);
    const count = await auditCount(t);
    expect(verdict).toEqual({ ok: true, entries: count, head: (await entriesAfter(t, count - 1))[0]?.hash });
    expect(count).toBe(await lastSeq(t));
  });
});

describeEachEngine('audit trail tampering', (engine) => {
  let t: TestApp;
  let entryCount = 0;
  beforeAll(async () => {
    t = await startTestApp(engine, { dir: auditProject });
    const commodity = await create(t, 'commodities', { name: 'Weizen' });
    const partner = await create(t, 'partners', { name: 'Kette GmbH', credit_limit: '1000' });
    await update(t, 'partners', partner.id, { credit_limit: '250000' });
    await create(t, 'contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '40', deliveries: [{ ticket_no: 'K-1', net_weight: '20' }] });
    entryCount = await auditCount(t);
  });
  afterAll(async () => t?.close());

  const execute = (sql: string, params: unknown[] = []) => t.app.kontor.db.orm.em.getConnection().execute(sql, params);
  /** What an intruder with database rights does first; again before each edit, since every start (the CLI's too) reinstalls the triggers. */
  async function bypassTriggers(): Promise<void> {
    if (engine === 'sqlite') {
      await execute('DROP TRIGGER IF EXISTS kontor_audit_no_update');
      await execute('DROP TRIGGER IF EXISTS kontor_audit_no_delete');
    } else {
      await execute('ALTER TABLE kontor_audit DISABLE TRIGGER USER');
    }
  }
  const entry = async (seq: number) => (await entriesAfter(t, seq - 1))[0] as Entry;
  const rawChanges = async (seq: number) => String((await t.app.kontor.db.reader.all('SELECT changes FROM kontor_audit WHERE seq = ?', [seq]))[0]?.changes);
  const verify = () => verifyChain(t.app.kontor.db.reader);
  /** The partner's credit limit raise, the entry an intruder would want to change. */
  const RAISE = 4;

  it('an intact chain verifies with the right count and head; so does `kontor audit verify` (exit 0)', async () => {
    expect(entryCount).toBe(6); // tester, commodity, partner, its update, contract, delivery
    expect((await entry(RAISE)).changes).toEqual({ credit_limit: ['1000.00', '250000.00'] });
    expect(await verify()).toEqual({ ok: true, entries: entryCount, head: (await entry(entryCount)).hash });
    const run = await kontor(t.databaseUrl, 'audit', 'verify');
    expectExit(run, 0);
    expect(run.stdout.trim()).toBe(`${entryCount} entries verified, chain intact`);
  }, CLI_TIMEOUT);

  it('an entry whose changes were edited fails at exactly that entry, naming the hash; the CLI prints it and exits 1', async () => {
    const original = await rawChanges(RAISE);
    await bypassTriggers();
    await execute('UPDATE kontor_audit SET changes = ? WHERE seq = ?', [original.replace('250000.00', '2500.00'), RAISE]);
    expect(await rawChanges(RAISE)).not.toBe(original);
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, seq: RAISE, entries: RAISE - 1, problem: expect.stringMatching(/hash/) });
    const run = await kontor(t.databaseUrl, 'audit', 'verify');
    expectExit(run, 1);
    expect(run.stdout).toMatch(new RegExp(`^Entry ${RAISE} is broken: .*hash`, 'm'));
    expect(run.stdout).toContain(`${RAISE - 1} entries before it verified`);
    // The verdict is about the content alone: the original text makes the chain whole again.
    await bypassTriggers();
    await execute('UPDATE kontor_audit SET changes = ? WHERE seq = ?', [original, RAISE]);
    expect(await verify()).toMatchObject({ ok: true, entries: entryCount });
  }, CLI_TIMEOUT);

  it('an edited entry with its hash recomputed fails at the next entry, whose prev_hash no longer matches', async () => {
    const original = await entry(RAISE);
    const stored = normalizeRow((await t.app.kontor.db.reader.all('SELECT * FROM kontor_audit WHERE seq = ?', [RAISE]))[0] as Record<string, unknown>);
    const forged = { ...stored, changes: stored.changes.replace('250000.00', '2500.00') };
    await bypassTriggers();
    await execute('UPDATE kontor_audit SET changes = ?, hash = ? WHERE seq = ?', [forged.changes, entryHash(forged), RAISE]);
    expect(await verify()).toMatchObject({ ok: false, seq: RAISE + 1, entries: RAISE, problem: expect.stringMatching(/prev_hash/) });
    await bypassTriggers();
    await execute('UPDATE kontor_audit SET changes = ?, hash = ? WHERE seq = ?', [stored.changes, original.hash, RAISE]);
    expect(await verify()).toMatchObject({ ok: true, entries: entryCount });
  });

  it('an entry deleted from the middle: verification fails at the next one, which says the entry is missing', async () => {
    await bypassTriggers();
    await execute('DELETE FROM kontor_audit WHERE seq = ?', [RAISE]);
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, seq: RAISE + 1, entries: RAISE - 1 });
    expect(verdict.ok === false && verdict.problem).toMatch(new RegExp(`entries ${RAISE} are missing`));
  });
});
