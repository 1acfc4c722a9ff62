import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, repoRoot, startTestApp, type TestApp, type TestResponse } from './harness.ts';
import { create, expectNoInternals, expectStatus, listUrl, update, type Rec } from './seed-helpers.ts';
import { expectExit, runKontor, runKontorInProcess, type CliRun } from './cli-runner.ts';

/**
 * `GET /api/audit` and `GET /api/audit/:id` on the real project (config/roles.yaml): the ra-data-simple-rest
 * dialect (every filter, sort, range), who may read which entries and which of their changes, and
 * `kontor audit export`, whose files are checked by recomputing every hash here with node:crypto alone,
 * as a tax auditor's own tool would, so a mistake shared by the server's writer and verifier cannot hide.
 */

/** An entry as the API answers it. */
interface Entry {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string | null;
  record_id: number | null;
  changes: Record<string, unknown>;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  retain_until: string | null;
  hash: string;
  prev_hash: string;
}

/** An entry as exported: the stored row, `changes` as the exact text that was hashed. */
interface Exported extends Omit<Entry, 'id' | 'changes'> {
  seq: number;
  changes: string;
}

interface Page {
  entries: Entry[];
  ids: number[];
  range: string;
  total: number;
}

const ENTRY_KEYS = ['action', 'actor', 'actor_id', 'at', 'changes', 'entity', 'hash', 'id', 'ip', 'prev_hash', 'reason', 'record_id', 'request_id', 'retain_until'];
const EXPORT_COLUMNS = ['seq', 'at', 'actor_id', 'actor', 'action', 'entity', 'record_id', 'changes', 'reason', 'request_id', 'ip', 'retain_until', 'hash', 'prev_hash'];
const GENESIS = '0'.repeat(64);
/** What config/roles.yaml hides of an employee from auditors and from the employee themself. */
const EMPLOYEE_HIDDEN = ['salary', 'iban', 'tax_id'];
const ALL = [0, 4999];
/** A CLI run compiles TypeScript and opens the database: seconds, more when several run side by side. */
const CLI_TIMEOUT = 120_000;

const omit = (changes: Record<string, unknown>, fields: readonly string[]) => Object.fromEntries(Object.entries(changes).filter(([field]) => !fields.includes(field)));
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The published hash rule, written out independently of server/audit. */
function expectedHash(entry: Omit<Exported, 'hash'>): string {
  return sha256(JSON.stringify([entry.seq, entry.at, entry.actor_id, entry.actor, entry.action, entry.entity, entry.record_id, entry.changes, entry.reason, entry.request_id, entry.ip, entry.retain_until, entry.prev_hash]));
}

/** Each entry's hash over its own content and its link to the one before (the first of all links to 64 zeros). */
function expectChain(entries: readonly Exported[], before: string | null): void {
  let previous = before;
  for (const entry of entries) {
    expect(expectedHash(entry), `hash of entry ${entry.seq}`).toBe(entry.hash);
    if (previous !== null) expect(entry.prev_hash, `prev_hash of entry ${entry.seq}`).toBe(previous);
    previous = entry.hash;
  }
}

/** RFC 4180 as the export writes it: CRLF rows, quoted fields with doubled quotes, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A CSV row back to typed values: empty is null (no stored text is empty), the three number columns as numbers. */
function fromCsv(row: string[]): Exported {
  const value = (column: string) => row[EXPORT_COLUMNS.indexOf(column)] as string;
  const text = (column: string) => (value(column) === '' ? null : value(column));
  const number = (column: string) => (value(column) === '' ? null : Number(value(column)));
  return {
    seq: Number(value('seq')),
    at: value('at'),
    actor_id: number('actor_id'),
    actor: value('actor'),
    action: value('action'),
    entity: text('entity'),
    record_id: number('record_id'),
    changes: value('changes'),
    reason: text('reason'),
    request_id: text('request_id'),
    ip: text('ip'),
    retain_until: text('retain_until'),
    hash: value('hash'),
    prev_hash: value('prev_hash'),
  };
}




function expectForbidden(response: TestResponse, missing: { entity: string; action: string }): void {
  expectStatus(response, 403);
  expect(response.body).toMatchObject({ statusCode: 403, code: 'KONTOR_HTTP_FORBIDDEN', missing });
  expectNoInternals(response);
}

function expectNotFound(response: TestResponse): void {
  expectStatus(response, 404);
  expect(response.body).toMatchObject({ statusCode: 404, code: 'KONTOR_HTTP_NOT_FOUND' });
  expectNoInternals(response);
}

function expectBadQuery(response: TestResponse, key: string): void {
  expectStatus(response, 400);
  expect(response.body).toMatchObject({ statusCode: 400, code: 'KONTOR_HTTP_BAD_QUERY', errors: { [key]: expect.any(String) } });
  expectNoInternals(response);
}

/** Entries in the order the server must answer: by the key, then by id, both in the one direction. */
function sorted(entries: readonly Entry[], key: keyof Entry, order: 'ASC' | 'DESC'): number[] {
  const sign = order === 'ASC' ? 1 : -1;
  // The texts sorted here are lowercase letters (an underscore never decides): every collation orders them as JS does.
  const compare = (a: unknown, b: unknown) => (a === b ? 0 : typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1);
  return [...entries].sort((a, b) => sign * (compare(a[key], b[key]) || a.id - b.id)).map((e) => e.id);
}

describeEachEngine('audit trail: list, filters and access', (engine) => {
  let t: TestApp;
  let auditor: { token: string; id: number };
  let emma: { token: string; id: number };
  let emil: { token: string; id: number };
  let tina: { token: string; id: number };
  let tom: { token: string; id: number };
  let wally: { token: string; id: number };
  let hanna: { token: string; id: number };
  /** Emma's and Emil's personnel records (each linked to their login). */
  let emmaRecord: Rec;
  let emilRecord: Rec;
  /** Emma's leave requests: one entered by the admin and approved, one she asked for herself; and one of Emil's. */
  let emmaLeave: Rec;
  let emmaOwnLeave: Rec;
  let emilLeave: Rec;
  let contract: Rec;
  let partner: Rec;
  const SALARY_REASON = 'Tarifrunde 2026, "Stufe 2"';

  beforeAll(async () => {
    t = await startTestApp(engine, { dir: repoRoot });
    auditor = await t.loginAs('auditor', ['auditor']);
    emma = await t.loginAs('emma', ['employee']);
    emil = await t.loginAs('emil', ['employee']);
    tina = await t.loginAs('tina', ['trader']);
    tom = await t.loginAs('tom', ['trader']);
    wally = await t.loginAs('wally', ['warehouse']);
    hanna = await t.loginAs('hanna', ['hr']);

    emmaRecord = await create(t, 'employees', { name: 'Emma Engel', department: 'hr', entry_date: '2020-04-01', salary: '52000.00', iban: 'DE89370400440532013000', tax_id: '12345678901', user: emma.id });
    emilRecord = await create(t, 'employees', { name: 'Emil Ernst', department: 'contracts', entry_date: '2021-01-01', salary: '48000.00', user: emil.id });
    // A change of salary alone: an auditor sees the entry, with nothing in its changes.
    const raise = await t.request('PUT', `/api/employees/${emmaRecord.id}`, { salary: '54500.00' }, { headers: { 'x-change-reason': SALARY_REASON } });
    expectStatus(raise, 200);
    // A change of a visible and a hidden field together.
    await update(t, 'employees', emmaRecord.id, { name: 'Emma Engel-Berg', iban: 'DE02120300000000202051' });
    await update(t, 'employees', emilRecord.id, { salary: '49000.00' });

    emmaLeave = await create(t, 'leave_requests', { employee: emmaRecord.id, start_date: '2026-07-06', end_date: '2026-07-10', days: '5.0' });
    // HR approves it: the leave workflow's transition, not a plain update of the status.
    expectStatus(await t.request('POST', `/api/leave_requests/${emmaLeave.id}/transitions/approve`, undefined, { token: hanna.token }), 200);
    emilLeave = await create(t, 'leave_requests', { employee: emilRecord.id, start_date: '2026-08-03', end_date: '2026-08-04', days: '2.0' });
    const own = await t.request<Rec>('POST', '/api/leave_requests', { employee: emmaRecord.id, start_date: '2026-12-23', end_date: '2026-12-23', days: '0.5', reason: 'Weihnachten' }, { token: emma.token });
    expectStatus(own, 201);
    emmaOwnLeave = own.body;

    const commodities: Rec[] = [];
    for (const name of ['Weizen', 'Gerste', 'Raps', 'Körnermais', 'Hafer', 'Roggen']) commodities.push(await create(t, 'commodities', { name }));
    expectStatus(await t.request('DELETE', `/api/commodities/${commodities[5]?.id}`), 200);
    // Quotes, a comma, a line break and umlauts: the CSV export must quote them, the hash covers them as UTF-8.
    partner = await create(t, 'partners', { name: 'Müller "Agrar", Hamburg', vat_id: 'DE100000001', credit_limit: '50000.00', notes: 'Zeile 1\nZeile 2' });
    contract = await create(t, 'contracts', { side: 'purchase', partner: partner.id, commodity: commodities[0]?.id, quantity: '100.000', price: '250.00', trader: tina.id });
    const changed = await t.request('PUT', `/api/contracts/${contract.id}`, { quantity: '120.000', price: '245.50' }, { token: tina.token });
    expectStatus(changed, 200);
  });
  afterAll(async () => t?.close());

  async function page(query: Parameters<typeof listUrl>[1], token: string = t.token): Promise<Page> {
    const response = await t.request<Entry[]>('GET', listUrl('audit', query), undefined, { token });
    expectStatus(response, 200);
    const total = Number(response.headers['x-total-count']);
    return { entries: response.body, ids: response.body.map((e) => e.id), range: String(response.headers['content-range']), total };
  }
  /** The whole trail as the admin reads it, oldest first: the oracle the filter and sort tests compare against. */
  const everything = async (token: string = t.token) => (await page({ sort: ['id', 'ASC'], range: ALL }, token)).entries;
  const stored = async () => Number((await t.app.kontor.db.reader.all('SELECT COUNT(*) AS n FROM kontor_audit', []))[0]?.n);
  const historyOf = async (entity: string, recordId: number, token: string = t.token) => (await page({ filter: { entity, record_id: recordId }, sort: ['id', 'ASC'], range: ALL }, token)).entries;

  it('lists the trail newest first, 25 to a page, with Content-Range, X-Total-Count and every documented field', async () => {
    const total = await stored();
    expect(total).toBeGreaterThan(25);
    const response = await t.request<Entry[]>('GET', '/api/audit');
    expectStatus(response, 200);
    expect(response.headers['content-range']).toBe(`audit 0-24/${total}`);
    expect(response.headers['x-total-count']).toBe(String(total));
    expect(response.body.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => total - i));
    for (const entry of response.body) {
      expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS);
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.changes).toBeTypeOf('object');
    }
    // The salary raise as written: who, why, from where, the change as [before, after], kept 10 years.
    const raise = (await everything()).find((e) => e.entity === 'employee' && e.record_id === emmaRecord.id && e.action === 'update' && 'salary' in e.changes);
    expect(raise).toMatchObject({ actor: 'tester', reason: SALARY_REASON, ip: '127.0.0.1', request_id: expect.any(String), changes: { salary: ['52000.00', '54500.00'] }, retain_until: expect.stringMatching(/^\d{4}-12-31$/) });
  });

  it('pages with range; a page past the end is empty with `audit */total`; X-Total-Count is the filtered total', async () => {
    const total = await stored();
    const second = await page({ range: [3, 7] });
    expect(second.ids).toEqual([total - 3, total - 4, total - 5, total - 6, total - 7]);
    expect(second.range).toBe(`audit 3-7/${total}`);
    expect(second.total).toBe(total);
    const last = await page({ sort: ['id', 'ASC'], range: [total - 2, total + 10] });
    expect(last.ids).toEqual([total - 1, total]);
    expect(last.range).toBe(`audit ${total - 2}-${total - 1}/${total}`);
    const beyond = await page({ range: [total + 5, total + 9] });
    expect(beyond.ids).toEqual([]);
    expect(beyond.range).toBe(`audit */${total}`);
    const filtered = await page({ filter: { entity: 'employee' }, range: [0, 1] });
    const employees = (await everything()).filter((e) => e.entity === 'employee').length;
    expect(filtered.range).toBe(`audit 0-1/${employees}`);
    expect(filtered.total).toBe(employees);
  });

  it('filters by entity, record_id, actor, actor_id and action (one value or a list), alone and together', async () => {
    const all = await everything();
    const cases: Array<[Record<string, unknown>, (e: Entry) => boolean]> = [
      [{ entity: 'employee' }, (e) => e.entity === 'employee'],
      [{ entity: ['contract', 'partner'] }, (e) => e.entity === 'contract' || e.entity === 'partner'],
      // record_id alone spans entities: user 2 and employee 2 and commodity 2 alike.
      [{ record_id: emmaRecord.id }, (e) => e.record_id === emmaRecord.id],
      [{ entity: 'employee', record_id: emmaRecord.id }, (e) => e.entity === 'employee' && e.record_id === emmaRecord.id],
      [{ actor: 'tina' }, (e) => e.actor === 'tina'],
      [{ actor: ['emma', 'tina'] }, (e) => e.actor === 'emma' || e.actor === 'tina'],
      [{ actor_id: emma.id }, (e) => e.actor_id === emma.id],
      [{ action: 'delete' }, (e) => e.action === 'delete'],
      [{ action: ['update', 'delete'] }, (e) => e.action === 'update' || e.action === 'delete'],
      [{ entity: 'leave_request', action: 'create', actor: 'tester' }, (e) => e.entity === 'leave_request' && e.action === 'create' && e.actor === 'tester'],
      [{ entity: 'nothing_of_that_name' }, () => false],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).map((e) => e.id);
      const answer = await page({ filter, sort: ['id', 'ASC'], range: ALL });
      expect(answer.ids, JSON.stringify(filter)).toEqual(expected);
      expect(answer.total, JSON.stringify(filter)).toBe(expected.length);
    }
    // Each case above must select something and leave something out, or it proves little.
    expect(all.filter((e) => e.action === 'delete')).toHaveLength(1);
    expect(all.filter((e) => e.actor === 'emma').length).toBeGreaterThan(0);
    expect(all.filter((e) => e.actor === 'tina').length).toBeGreaterThan(0);
  });

  it('filters by time: at_gte and at_lte take a date or a date-time (any offset); a bare date as at_lte is the whole day', async () => {
    const all = await everything();
    const middle = all[Math.floor(all.length / 2)] as Entry;
    const ids = (matches: (e: Entry) => boolean) => all.filter(matches).map((e) => e.id);
    const query = async (filter: Record<string, unknown>) => (await page({ filter, sort: ['id', 'ASC'], range: ALL })).ids;

    expect(await query({ at_gte: middle.at })).toEqual(ids((e) => e.at >= middle.at));
    expect(await query({ at_lte: middle.at })).toEqual(ids((e) => e.at <= middle.at));
    expect(await query({ at_gte: middle.at, at_lte: middle.at })).toEqual(ids((e) => e.at === middle.at));
    // The same instant written in another time zone.
    const shifted = new Date(Date.parse(middle.at) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(await query({ at_gte: shifted })).toEqual(ids((e) => e.at >= middle.at));

    const day = middle.at.slice(0, 10);
    const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect(await query({ at_lte: day })).toEqual(ids((e) => e.at.slice(0, 10) <= day));
    expect(await query({ at_gte: day, at_lte: day })).toEqual(ids((e) => e.at.slice(0, 10) === day));
    expect(await query({ at_gte: nextDay })).toEqual(ids((e) => e.at.slice(0, 10) >= nextDay));
    expect(await query({ at_lte: dayBefore })).toEqual(ids((e) => e.at.slice(0, 10) <= dayBefore));
    // The whole trail was written today: the day itself must find all of it.
    expect(await query({ at_gte: day, at_lte: day })).not.toEqual([]);
  });

  it('getMany: filter {"id": [...]} answers exactly those entries (ids that do not exist are left out)', async () => {
    const total = await stored();
    const answer = await page({ filter: { id: [3, 1, total, total + 100] } });
    expect(answer.ids).toEqual([total, 3, 1]);
    expect(answer.range).toBe(`audit 0-2/3`);
    const one = await page({ filter: { id: 2 } });
    expect(one.ids).toEqual([2]);
    // What getMany answers is the entry itself, the same as the list and the single-entry route.
    const single = await t.request<Entry>('GET', '/api/audit/3');
    expectStatus(single, 200);
    expect(answer.entries[1]).toEqual(single.body);
  });

  it('sorts by id, at, entity, action and actor, ascending and descending (ties by id in the same direction)', async () => {
    const all = await everything();
    for (const key of ['id', 'at', 'entity', 'action', 'actor'] as const) {
      for (const order of ['ASC', 'DESC'] as const) {
        const answer = await page({ sort: [key, order], range: ALL });
        expect(answer.ids, `${key} ${order}`).toEqual(sorted(all, key === 'id' ? 'id' : key, order));
      }
    }
    // Lowercase is accepted as ra-data-simple-rest users sometimes write it.
    expect((await page({ sort: ['actor', 'asc'], range: ALL })).ids).toEqual(sorted(all, 'actor', 'ASC'));
  });

  it('refuses an unknown filter or sort field, a malformed sort, range or JSON with 400 KONTOR_HTTP_BAD_QUERY naming it', async () => {
    const get = (query: string) => t.request('GET', `/api/audit?${query}`);
    const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
    expectBadQuery(await get(`filter=${q({ hash: 'abc' })}`), 'filter.hash');
    expectBadQuery(await get(`filter=${q({ changes_like: 'salary' })}`), 'filter.changes_like');
    expectBadQuery(await get(`filter=${q({ record_id: '7' })}`), 'filter.record_id');
    expectBadQuery(await get(`filter=${q({ action: [] })}`), 'filter.action');
    expectBadQuery(await get(`filter=${q({ at_gte: 'last tuesday' })}`), 'filter.at_gte');
    expectBadQuery(await get(`filter=${q(['entity', 'employee'])}`), 'filter');
    expectBadQuery(await get('filter=%7Bentity'), 'filter');
    expectBadQuery(await get(`sort=${q(['hash', 'ASC'])}`), 'sort');
    expectBadQuery(await get(`sort=${q(['id', 'UP'])}`), 'sort');
    expectBadQuery(await get(`sort=${q(['id'])}`), 'sort');
    expectBadQuery(await get(`range=${q([5, 2])}`), 'range');
    expectBadQuery(await get(`range=${q([0, 5000])}`), 'range');
    expectBadQuery(await get(`range=${q([-1, 3])}`), 'range');
  });

  it('GET /api/audit/:id answers the entry as the list does; an id without an entry is 404', async () => {
    const all = await everything();
    for (const entry of [all[0], all[Math.floor(all.length / 2)], all[all.length - 1]] as Entry[]) {
      const response = await t.request<Entry>('GET', `/api/audit/${entry.id}`);
      expectStatus(response, 200);
      expect(response.body).toEqual(entry);
    }
    for (const id of [all.length + 1, 0, -1, 'abc', '1.5', '99999999999999999999']) expectNotFound(await t.request('GET', `/api/audit/${id}`));
  });

  it('answers 405 with Allow: GET, HEAD to POST, PUT, PATCH and DELETE on both routes, and the trail stays as it was', async () => {
    const before = await everything();
    for (const url of ['/api/audit', '/api/audit/1']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const response = await t.app.inject({ method, url, headers: { ...t.authHeaders, 'content-type': 'application/json' }, payload: JSON.stringify({ actor: 'mallory', changes: {} }) });
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(405);
        expect(response.headers.allow).toBe('GET, HEAD');
        expect(JSON.parse(response.body)).toMatchObject({ statusCode: 405, code: 'KONTOR_HTTP_METHOD_NOT_ALLOWED' });
      }
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/api/audit', headers: t.authHeaders });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-range']).toBe(`audit 0-24/${before.length}`);
    expect(await everything()).toEqual(before);
  });

  it('an auditor sees every entry, but not the changes of an employee\'s salary, IBAN and tax ID; the admin sees them', async () => {
    const asAdmin = await everything();
    const asAuditor = await everything(auditor.token);
    expect(asAuditor.map((e) => e.id)).toEqual(asAdmin.map((e) => e.id));
    for (const [i, entry] of asAuditor.entries()) {
      const admin = asAdmin[i] as Entry;
      // Everything but changes is the same entry (hash included, which still verifies the full content).
      expect(omit(entry as unknown as Record<string, unknown>, ['changes'])).toEqual(omit(admin as unknown as Record<string, unknown>, ['changes']));
      expect(entry.changes).toEqual(admin.entity === 'employee' ? omit(admin.changes, EMPLOYEE_HIDDEN) : admin.changes);
    }

    const history = await historyOf('employee', emmaRecord.id);
    const auditorHistory = await historyOf('employee', emmaRecord.id, auditor.token);
    const [created, raised, renamed] = history;
    expect(history).toHaveLength(3);
    expect(created?.changes).toMatchObject({ name: [null, 'Emma Engel'], salary: [null, '52000.00'], iban: [null, 'DE89370400440532013000'], tax_id: [null, '12345678901'] });
    expect(raised?.changes).toEqual({ salary: ['52000.00', '54500.00'] });
    expect(renamed?.changes).toEqual({ name: ['Emma Engel', 'Emma Engel-Berg'], iban: ['DE89370400440532013000', 'DE02120300000000202051'] });
    expect(auditorHistory.map((e) => e.id)).toEqual(history.map((e) => e.id));
    expect(auditorHistory[0]?.changes).toEqual(omit(created?.changes ?? {}, EMPLOYEE_HIDDEN));
    expect(auditorHistory[0]?.changes).toHaveProperty('name');
    // The raise is there (who, when, why) but says nothing of the amount.
    expect(auditorHistory[1]).toMatchObject({ id: raised?.id, action: 'update', reason: SALARY_REASON });
    expect(auditorHistory[1]?.changes).toEqual({});
    expect(auditorHistory[2]?.changes).toEqual({ name: ['Emma Engel', 'Emma Engel-Berg'] });
    // The salary figures appear nowhere in what the auditor reads, nor in the single-entry answer.
    const single = await t.request<Entry>('GET', `/api/audit/${raised?.id}`, undefined, { token: auditor.token });
    expectStatus(single, 200);
    expect(single.body.changes).toEqual({});
    expect(JSON.stringify(asAuditor)).not.toMatch(/52000\.00|54500\.00|DE89370400440532013000|12345678901/);

    // The auditor reads contracts with their price.
    const contractHistory = await historyOf('contract', contract.id, auditor.token);
    expect(contractHistory.at(-1)?.changes).toEqual({ quantity: ['100.000', '120.000'], price: ['250.00', '245.50'] });
  });

  it('an employee reads the history of their own personnel record and leave requests, without salary, IBAN and tax ID', async () => {
    const admin = await historyOf('employee', emmaRecord.id);
    const own = await historyOf('employee', emmaRecord.id, emma.token);
    expect(own.map((e) => e.id)).toEqual(admin.map((e) => e.id));
    for (const [i, entry] of own.entries()) expect(entry.changes).toEqual(omit((admin[i] as Entry).changes, EMPLOYEE_HIDDEN));
    expect(own[0]?.changes).toMatchObject({ name: [null, 'Emma Engel'], user: [null, emma.id] });
    expect(JSON.stringify(own)).not.toMatch(/52000|54500|DE89370400440532013000|DE02120300000000202051|12345678901/);

    // Leave requests have nothing hidden from her: she reads what the admin reads.
    const approved = await historyOf('leave_request', emmaLeave.id, emma.token);
    expect(approved).toEqual(await historyOf('leave_request', emmaLeave.id));
    expect(approved.map((e) => [e.action, e.actor])).toEqual([['create', 'tester'], ['transition', 'hanna']]);
    expect(approved[1]?.changes).toEqual({ _transition: 'approve', status: ['requested', 'approved'] });
    const asked = await historyOf('leave_request', emmaOwnLeave.id, emma.token);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ action: 'create', actor: 'emma', actor_id: emma.id, changes: { employee: [null, emmaRecord.id], days: [null, '0.5'], reason: [null, 'Weihnachten'], status: [null, 'requested'] } });

    // Narrowing her own record's history further works like for anyone.
    const updates = await page({ filter: { entity: 'employee', record_id: emmaRecord.id, action: 'update' }, sort: ['id', 'ASC'] }, emma.token);
    expect(updates.ids).toEqual(own.filter((e) => e.action === 'update').map((e) => e.id));
    expect(updates.range).toBe('audit 0-1/2');
    // Other filters only narrow her record's history: ids of Emil's entries find nothing.
    const emils = (await historyOf('employee', emilRecord.id)).map((e) => e.id);
    const narrowed = await page({ filter: { entity: 'employee', record_id: emmaRecord.id, id: emils } }, emma.token);
    expect(narrowed.ids).toEqual([]);
    expect(narrowed.range).toBe('audit */0');
  });

  it('an employee gets 403 for the trail without one record of theirs, 404 for someone else\'s record; each 403 is itself recorded', async () => {
    const missing = { entity: 'audit', action: 'read' };
    const deniedBefore = (await page({ filter: { action: 'denied', actor_id: emma.id } })).total;
    const refusals: Array<Record<string, unknown> | undefined> = [
      undefined,
      { entity: 'employee' },
      { record_id: emmaRecord.id },
      { entity: 'employee', record_id: [emmaRecord.id, emilRecord.id] },
      { entity: ['employee', 'leave_request'], record_id: emmaRecord.id },
      { entity: 'audit', record_id: 1 },
      { actor_id: emma.id },
    ];
    for (const filter of refusals) expectForbidden(await t.request('GET', listUrl('audit', { filter }), undefined, { token: emma.token }), missing);
    expect((await page({ filter: { action: 'denied', actor_id: emma.id } })).total).toBe(deniedBefore + refusals.length);
    const denied = (await page({ filter: { action: 'denied', actor_id: emma.id }, range: [0, 0] })).entries[0];
    expect(denied).toMatchObject({ actor: 'emma', entity: 'audit', record_id: null, changes: { entity: 'audit', action: 'read', method: 'GET', url: '/api/audit' } });

    // Emil's record and leave request exist, but she may not read them: as if they did not.
    expectNotFound(await t.request('GET', listUrl('audit', { filter: { entity: 'employee', record_id: emilRecord.id } }), undefined, { token: emma.token }));
    expectNotFound(await t.request('GET', listUrl('audit', { filter: { entity: 'leave_request', record_id: emilLeave.id } }), undefined, { token: emma.token }));
    expectNotFound(await t.request('GET', listUrl('audit', { filter: { entity: 'employee', record_id: 999_999 } }), undefined, { token: emma.token }));
    // Emil reads his own record's history, not hers.
    expect((await historyOf('employee', emilRecord.id, emil.token)).length).toBe(2);
    expectNotFound(await t.request('GET', listUrl('audit', { filter: { entity: 'employee', record_id: emmaRecord.id } }), undefined, { token: emil.token }));
    // Contracts are not hers to read at all: the entity's own 403.
    expectForbidden(await t.request('GET', listUrl('audit', { filter: { entity: 'contract', record_id: contract.id } }), undefined, { token: emma.token }), { entity: 'contract', action: 'read' });
  });

  it('GET /api/audit/:id for a non-auditor: entries of records they can read, 404 for every other', async () => {
    const [own] = await historyOf('employee', emmaRecord.id);
    const [others] = await historyOf('employee', emilRecord.id);
    const [leave] = await historyOf('leave_request', emmaLeave.id);
    const denied = (await page({ filter: { action: 'denied' }, range: [0, 0] })).entries[0] as Entry;
    const mine = await t.request<Entry>('GET', `/api/audit/${own?.id}`, undefined, { token: emma.token });
    expectStatus(mine, 200);
    expect(mine.body).toEqual({ ...own, changes: omit(own?.changes ?? {}, EMPLOYEE_HIDDEN) });
    const leaveEntry = await t.request<Entry>('GET', `/api/audit/${leave?.id}`, undefined, { token: emma.token });
    expectStatus(leaveEntry, 200);
    expect(leaveEntry.body).toEqual(leave);
    // Another's record, an entity she cannot read (users: the first entry is the tester's account), an event
    // about no record, and an entry that does not exist all answer the same.
    for (const id of [others?.id, 1, denied.id, 999_999]) expectNotFound(await t.request('GET', `/api/audit/${id}`, undefined, { token: emma.token }));
  });

  it('traders read the history of any contract they can read (their own or a colleague\'s); warehouse staff read it without the price', async () => {
    const admin = await historyOf('contract', contract.id);
    expect(admin.map((e) => [e.action, e.actor])).toEqual([['create', 'tester'], ['update', 'tina']]);
    expect(admin[0]?.changes).toMatchObject({ trader: [null, tina.id], price: [null, '250.00'], quantity: [null, '100.000'], partner: [null, partner.id] });
    expect(await historyOf('contract', contract.id, tina.token)).toEqual(admin);
    // Tom may read every contract (and change only his own): he reads Tina's contract's history too.
    expect(await historyOf('contract', contract.id, tom.token)).toEqual(admin);
    const single = await t.request<Entry>('GET', `/api/audit/${admin[1]?.id}`, undefined, { token: tom.token });
    expectStatus(single, 200);
    expect(single.body).toEqual(admin[1]);

    const warehouse = await historyOf('contract', contract.id, wally.token);
    expect(warehouse.map((e) => e.id)).toEqual(admin.map((e) => e.id));
    for (const [i, entry] of warehouse.entries()) expect(entry.changes).toEqual(omit((admin[i] as Entry).changes, ['price']));
    expect(warehouse[1]?.changes).toEqual({ quantity: ['100.000', '120.000'] });

    // A partner's history shows the trader the credit limit (read-only for traders, not hidden).
    const partnerHistory = await historyOf('partner', partner.id, tina.token);
    expect(partnerHistory[0]?.changes).toMatchObject({ name: [null, 'Müller "Agrar", Hamburg'], credit_limit: [null, '50000.00'] });
    // Traders have no grant on employees: the entity's 403, never an employee's history.
    expectForbidden(await t.request('GET', listUrl('audit', { filter: { entity: 'employee', record_id: emmaRecord.id } }), undefined, { token: tina.token }), { entity: 'employee', action: 'read' });
    expectForbidden(await t.request('GET', listUrl('audit'), undefined, { token: tina.token }), { entity: 'audit', action: 'read' });
  });

  it('HR reads employees\' salary history (not hidden from HR) and a user\'s history without the roles hidden from HR', async () => {
    const salaries = await historyOf('employee', emmaRecord.id, hanna.token);
    expect(salaries).toEqual(await historyOf('employee', emmaRecord.id));
    expect(salaries[1]?.changes).toEqual({ salary: ['52000.00', '54500.00'] });
    const account = await historyOf('user', emma.id);
    const asHr = await historyOf('user', emma.id, hanna.token);
    expect(account[0]?.changes).toMatchObject({ username: [null, 'emma'], roles: [null, ['employee']] });
    expect(asHr.map((e) => e.id)).toEqual(account.map((e) => e.id));
    for (const [i, entry] of asHr.entries()) expect(entry.changes).toEqual(omit((account[i] as Entry).changes, ['roles']));
    expect(asHr[0]?.changes).toHaveProperty('username');
    // Still no trail as a whole.
    expectForbidden(await t.request('GET', listUrl('audit', { filter: { entity: 'employee' } }), undefined, { token: hanna.token }), { entity: 'audit', action: 'read' });
  });

  describe('kontor audit export and verify', () => {
    let out: string;
    /** The trail at export time, as stored and as the admin reads it. */
    let trail: Entry[];
    let head: string;
    let day: { from: string; to: string };
    let runs: { jsonl: CliRun; csv: CliRun; empty: CliRun; verify: CliRun };
    const base = () => `kontor-audit_${day.from}_${day.to}`;

    beforeAll(async () => {
      out = await mkdtemp(join(tmpdir(), 'kontor-audit-export-'));
      trail = await everything();
      head = (trail.at(-1) as Entry).hash;
      // The period that holds the whole trail (one day, unless the tests ran across midnight UTC).
      day = { from: (trail[0] as Entry).at.slice(0, 10), to: (trail.at(-1) as Entry).at.slice(0, 10) };
      // The JSON Lines export as a process of its own; the others call the command in this process (same function,
      // output and exit code, without the seconds of CPU a process costs).
      const run = (...args: string[]) => runKontorInProcess(t.databaseUrl, 'audit', ...args, '--dir', repoRoot);
      const [jsonl, csv, empty, verify] = await Promise.all([
        runKontor(t.databaseUrl, 'audit', 'export', '--from', day.from, '--to', day.to, '--out', join(out, 'jsonl'), '--dir', repoRoot),
        run('export', '--from', day.from, '--to', day.to, '--format', 'csv', '--out', join(out, 'csv')),
        run('export', '--from', '2001-01-01', '--to', '2001-01-31', '--out', join(out, 'empty')),
        run('verify'),
      ]);
      runs = { jsonl, csv, empty, verify };
    }, CLI_TIMEOUT);
    afterAll(async () => {
      if (out) await rm(out, { recursive: true, force: true });
    });

    it('jsonl: the manifest describes the file; every hash and link recomputes from the file alone', async () => {
      expectExit(runs.jsonl, 0);
      const file = join(out, 'jsonl', `${base()}.jsonl`);
      expect(runs.jsonl.stdout).toContain(`Wrote ${trail.length} entries to ${file}`);
      const bytes = await readFile(file);
      const lines = bytes.toString('utf8').split('\n');
      expect(lines.pop()).toBe('');
      const entries = lines.map((line) => JSON.parse(line) as Exported);
      expect(entries.map((e) => Object.keys(e).sort())).toEqual(entries.map(() => [...EXPORT_COLUMNS].sort()));
      expect(entries.map((e) => e.seq)).toEqual(trail.map((e) => e.id));
      expectChain(entries, GENESIS);
      // The exported rows are the entries the API answers (changes as the text that was hashed).
      for (const [i, entry] of entries.entries()) {
        const { id, changes, ...rest } = trail[i] as Entry;
        expect(entry).toEqual({ seq: id, ...rest, changes: entry.changes });
        expect(JSON.parse(entry.changes)).toEqual(changes);
      }
      // Non-ASCII is written as UTF-8, not escaped: the hash rule says so, and the hashes above depend on it.
      expect(bytes.toString('utf8')).toContain('Müller');

      const manifest = JSON.parse(await readFile(join(out, 'jsonl', `${base()}.manifest.json`), 'utf8'));
      expect(manifest).toMatchObject({
        period: day,
        file: { name: `${base()}.jsonl`, format: 'jsonl', sha256: sha256(bytes), entries: entries.length },
        first: { seq: 1, prev_hash: GENESIS },
        last: { seq: trail.length, hash: head },
        chain: { intact: true, entries: trail.length, head },
      });
      expect(manifest.hash_rule).toContain('[seq, at, actor_id, actor, action, entity, record_id, changes, reason, request_id, ip, retain_until, prev_hash]');
      expect(Date.parse(manifest.generated_at)).not.toBeNaN();
    });

    it('csv: the same entries, quoted where needed; the hashes recompute from the CSV too', async () => {
      expectExit(runs.csv, 0);
      const bytes = await readFile(join(out, 'csv', `${base()}.csv`));
      const [header, ...rows] = parseCsv(bytes.toString('utf8'));
      expect(header).toEqual(EXPORT_COLUMNS);
      const entries = rows.map(fromCsv);
      expect(rows.every((row) => row.length === EXPORT_COLUMNS.length)).toBe(true);
      expect(entries.map((e) => e.hash)).toEqual(trail.map((e) => e.hash));
      expectChain(entries, GENESIS);
      const partnerRow = entries.find((e) => e.entity === 'partner' && e.action === 'create');
      expect(JSON.parse(partnerRow?.changes ?? '{}')).toMatchObject({ name: [null, 'Müller "Agrar", Hamburg'], notes: [null, 'Zeile 1\nZeile 2'] });
      expect(entries.find((e) => e.reason !== null)?.reason).toBe(SALARY_REASON);

      const manifest = JSON.parse(await readFile(join(out, 'csv', `${base()}.manifest.json`), 'utf8'));
      expect(manifest).toMatchObject({
        file: { name: `${base()}.csv`, format: 'csv', sha256: sha256(bytes), entries: trail.length },
        first: { seq: 1, prev_hash: GENESIS },
        last: { seq: trail.length, hash: head },
        chain: { intact: true, entries: trail.length, head },
      });
    });

    it('a period without entries: an empty file, no first or last, the chain still verified', async () => {
      expectExit(runs.empty, 0);
      const bytes = await readFile(join(out, 'empty', 'kontor-audit_2001-01-01_2001-01-31.jsonl'));
      expect(bytes.length).toBe(0);
      const manifest = JSON.parse(await readFile(join(out, 'empty', 'kontor-audit_2001-01-01_2001-01-31.manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ file: { sha256: sha256(''), entries: 0 }, first: null, last: null, chain: { intact: true, entries: trail.length, head } });
    });

    it('kontor audit verify walks the chain: "N entries verified, chain intact", exit 0', () => {
      expectExit(runs.verify, 0);
      expect(runs.verify.stdout).toBe(`${trail.length} entries verified, chain intact\n`);
      expect(runs.verify.stderr).toContain(`head ${head}`);
    });

    it('bad arguments exit 2 with the problem and the usage, and write nothing', async () => {
      const bad = join(out, 'bad');
      const cases: Array<[string[], string]> = [
        [['export', '--from', '2026-01-01'], '--from and --to are required'],
        [['export', '--from', '2026-01-01', '--to', '31.01.2026'], '--from and --to are days: YYYY-MM-DD'],
        [['export', '--from', '2026-02-01', '--to', '2026-01-31'], '--from is after --to'],
        [['export', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'xml'], '--format is jsonl or csv'],
        [['export', '--from', '2026-01-01', '--to', '2026-01-31', '--bogus'], '--bogus'],
        [['rewrite'], 'unknown action "rewrite"'],
      ];
      const results = await Promise.all(cases.map(([args]) => runKontorInProcess(t.databaseUrl, 'audit', ...args, '--out', bad, '--dir', repoRoot)));
      for (const [i, result] of results.entries()) {
        const [args, problem] = cases[i] as [string[], string];
        expectExit(result, 2);
        expect(result.stderr, args.join(' ')).toContain(problem);
        expect(result.stderr, args.join(' ')).toContain('Usage: kontor audit');
      }
      await expect(readFile(join(bad, 'kontor-audit_2026-01-01_2026-01-31.manifest.json'))).rejects.toThrow(/ENOENT/);
      expect(await stored()).toBe(trail.length);
    }, CLI_TIMEOUT);
  });
});
