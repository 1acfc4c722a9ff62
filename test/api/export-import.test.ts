import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportRecords } from '../../server/operations/export-records.ts';
import { systemActor } from '../../server/permissions/actor.ts';
import { copyApiProject, describeEachEngine, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, listUrl, type Rec } from './seed-helpers.ts';

/**
 * `GET /api/<resource>/export.csv` and `POST /api/<resource>/import`: the CSV is read back with a parser of
 * its own (below), permissions come from roles written for this file, and "nothing written" is checked by
 * counting rows and audit entries straight in the database.
 */
const ROLES = `
roles:
  admin:
    grants:
      "*": ["*"]
      audit: [read]
  managing_director: {}
  trader: {}
  logistics: {}
  # Exports the partners it may read: suppliers and both, without the credit limit; notes only on suppliers.
  partner_exporter:
    grants:
      masterdata.*: [read, export]
      partner:
        - { actions: [read, export], hide: [credit_limit, notes], scope: { kind: [supplier, both] } }
        - { actions: [read], hide: [credit_limit], scope: { kind: supplier } }
  partner_reader:
    grants:
      partner: [read]
  partner_importer:
    grants:
      masterdata.*: [read]
      partner: { actions: [read, create], readonly: [credit_limit] }
  # Its create scope is checked after the insert, inside the row's savepoint (the audit entry is written by then).
  # As in config/roles.yaml: personnel data for HR only; the auditor reads and exports everything else.
  hr:
    grants:
      employee: ["*"]
  auditor:
    grants:
      "*": [read, export]
      employee: { actions: [read, export], hide: [salary, iban, tax_id] }
  supplier_importer:
    grants:
      masterdata.*: [read]
      partner:
        - { actions: [read] }
        - { actions: [create], scope: { kind: supplier } }
`;

/** The demo's employee (entities/hr/employee.yaml), cut to the fields this test needs. */
const EMPLOYEE = `
entity: employee
title: name
fields:
  name: { type: string, required: true }
  entry_date: { type: date, required: true }
  salary: { type: money, currency: EUR, min: 0 }
  iban: { type: string, maxLength: 34, pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$" }
  tax_id: { type: string, maxLength: 11, pattern: "^[0-9]{11}$" }
`;

/** RFC 4180, written for this test: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), (i += 1);
    else field += c;
  }
  expect(field === '' && record.length === 0, 'the CSV ends with CRLF').toBe(true);
  return records;
}

interface Csv {
  status: number;
  headers: Record<string, unknown>;
  raw: string;
  header: string[];
  rows: Array<Record<string, string>>;
}

describeEachEngine('CSV export and import', (engine) => {
  let t: TestApp;
  let dir: string;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    dir = await copyApiProject();
    await writeFile(join(dir, 'config', 'roles.yaml'), ROLES);
    await writeFile(join(dir, 'entities', 'masterdata', 'employee.yaml'), EMPLOYEE);
    t = await startTestApp(engine, { dir });
    for (const role of ['partner_exporter', 'partner_reader', 'partner_importer', 'supplier_importer', 'hr', 'auditor']) users[role] = (await t.loginAs(role, [role])).token;
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function exportCsv(resource: string, query: { sort?: unknown; filter?: unknown } = {}, token: string | null = t.token): Promise<Csv> {
    const url = listUrl(resource, query).replace(`/api/${resource}`, `/api/${resource}/export.csv`);
    const response = await t.app.inject({ method: 'GET', url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    const raw = response.body;
    if (response.statusCode !== 200) return { status: response.statusCode, headers: response.headers, raw, header: [], rows: [] };
    expect(raw.startsWith('\uFEFF'), 'UTF-8 with a BOM').toBe(true);
    const [header = [], ...lines] = parseCsv(raw.slice(1));
    for (const line of lines) expect(line.length).toBe(header.length);
    return { status: 200, headers: response.headers, raw, header, rows: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i] ?? '']))) };
  }
  const count = async (table: string) => Number((await t.app.kontor.db.reader.all(`SELECT COUNT(*) AS n FROM "${table}"`, []))[0]?.n);
  const counts = async () => ({ partners: await count('partner'), contracts: await count('contract'), deliveries: await count('delivery'), audit: await count('kontor_audit') });
  const importRows = (resource: string, body: unknown, options: { token?: string | null; headers?: Record<string, string> } = {}) => t.request('POST', `/api/${resource}/import`, body, options);

  it('exports every field in wire form, quoted per RFC 4180, with a BOM, a filename and text/csv', async () => {
    const wheat = await create(t, 'commodities', { name: 'Weizen "A", Ernte 2026' });
    const barley = await create(t, 'commodities', { name: 'Gerste' });
    const partner = await create(t, 'partners', { name: 'Müller, Söhne & "Co"\nHamburg', vat_id: 'DE999000001', kind: 'both', credit_limit: '1000.5', active: false, commodities: [wheat.id, barley.id], notes: 'Zeile 1\r\nZeile 2' });
    const sample = await create(t, 'samples', {
      name: 'Probe Export', count: 3, moisture: '12.5', weight: '-1.234', fee: '-10', organic: true, taken_on: '2026-01-02', analysed_at: '2026-01-03T04:05:06.000Z',
      grade: 'c', raw: { a: [1, 'x,y'] }, tags: ['x'], commodity: wheat.id, partners: [partner.id],
    });
    const csv = await exportCsv('samples', { filter: { id: sample.id } });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="samples-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(csv.header).toEqual(['id', 'code', 'name', 'description', 'count', 'moisture', 'weight', 'fee', 'organic', 'taken_on', 'analysed_at', 'grade', 'contact', 'report_url', 'raw', 'tags', 'commodity', 'partners', 'moisture_label']);
    expect(csv.rows).toEqual([{
      id: String(sample.id), code: sample.code, name: 'Probe Export', description: '', count: '3', moisture: '12.50', weight: '-1.234', fee: '-10.00', organic: 'true', taken_on: '2026-01-02',
      analysed_at: '2026-01-03T04:05:06.000Z', grade: 'c', contact: '', report_url: '', raw: '{"a":[1,"x,y"]}', tags: '["x"]', commodity: String(wheat.id), partners: String(partner.id), moisture_label: '12.50 %',
    }]);
    const partners = await exportCsv('partners', { filter: { id: [partner.id] } });
    expect(partners.header).toEqual(['id', 'name', 'vat_id', 'kind', 'email', 'website', 'credit_limit', 'active', 'commodities', 'notes']);
    expect(partners.rows[0]).toMatchObject({ name: 'Müller, Söhne & "Co"\nHamburg', credit_limit: '1000.50', active: 'false', commodities: `${wheat.id};${barley.id}`, notes: 'Zeile 1\r\nZeile 2' });
    expect(partners.raw).toContain('"Müller, Söhne & ""Co""\nHamburg"');
    // children are not columns; the aggregate over them is
    const contracts = await exportCsv('contracts');
    expect(contracts.header).not.toContain('deliveries');
    expect(contracts.header).toContain('delivered');
  });

  it('takes the list\'s filter and sort, refuses a range and a malformed query, and records one export event', async () => {
    for (const [name, kind] of [['Sort C', 'supplier'], ['Sort A', 'supplier'], ['Sort B', 'customer'], ['Sort D', 'supplier']]) await create(t, 'partners', { name, kind });
    const before = await count('kontor_audit');
    const csv = await exportCsv('partners', { filter: { name_like: 'Sort ', kind: 'supplier' }, sort: ['name', 'DESC'] });
    expect(csv.rows.map((r) => r.name)).toEqual(['Sort D', 'Sort C', 'Sort A']);
    const entries = await t.app.kontor.db.reader.all('SELECT action, entity, actor, changes FROM kontor_audit ORDER BY seq DESC LIMIT 1', []);
    expect(await count('kontor_audit')).toBe(before + 1);
    expect(entries[0]).toMatchObject({ action: 'export', entity: 'partner', actor: 'tester' });
    expect(JSON.parse(String(entries[0]?.changes))).toEqual({ rows: 3, filter: { name_like: 'Sort ', kind: 'supplier' }, sort: ['name', 'DESC'], complete: true });
    expectError(await t.request('GET', '/api/partners/export.csv?range=%5B0%2C9%5D'), 400, { code: 'KONTOR_HTTP_BAD_QUERY', fields: ['range'] });
    expectError(await t.request('GET', '/api/partners/export.csv?filter=nope'), 400, { code: 'KONTOR_HTTP_BAD_QUERY', fields: ['filter'] });
    expectError(await t.request('GET', `/api/partners/export.csv?filter=${encodeURIComponent('{"bogus":1}')}`), 400, { fields: ['filter.bogus'] });
    expect(await count('kontor_audit')).toBe(before + 1);
  });

  it('guards text cells against formula injection, but not numbers, decimals or dates', async () => {
    const texts = ['=HYPERLINK("http://evil")', '+41 123', '-minus', '@SUM(A1)', '\tTab', '\rReturn', 'ok=fine'];
    const ids: number[] = [];
    for (const [i, description] of texts.entries()) ids.push((await create(t, 'samples', { name: `Formel ${i}`, description, weight: '-5.5', fee: '-1', count: 0 })).id);
    const csv = await exportCsv('samples', { filter: { id: ids }, sort: ['id', 'ASC'] });
    expect(csv.rows.map((r) => r.description)).toEqual(["'=HYPERLINK(\"http://evil\")", "'+41 123", "'-minus", "'@SUM(A1)", "'\tTab", "'\rReturn", 'ok=fine']);
    for (const row of csv.rows) expect([row.weight, row.fee, row.count]).toEqual(['-5.500', '-1.00', '0']);
  });

  it('reads in batches: more than 1000 rows come out complete, in list order, whether paged by id or by offset', async () => {
    const rows = Array.from({ length: 1150 }, (_, i) => ({ name: `Stapel ${String(i).padStart(4, '0')}`, kind: i % 2 ? 'customer' : 'supplier', notes: i % 3 ? null : `n${i}` }));
    expectStatus(await importRows('partners', { rows }), 201);
    const filter = { name_like: 'Stapel ' };
    const listIds = async (sort: unknown) => ((await t.request<Rec[]>('GET', listUrl('partners', { filter, sort, range: [0, 4999] }))).body).map((r) => String(r.id));
    for (const sort of [['id', 'DESC'], ['notes', 'ASC'], undefined]) {
      const csv = await exportCsv('partners', { filter, sort });
      expect(csv.rows.length, JSON.stringify(sort)).toBe(1150);
      expect(csv.rows.map((r) => r.id), JSON.stringify(sort)).toEqual(await listIds(sort));
    }
    // Small batches straight through the operation (100 rows, pages of 7): page boundaries inside the data.
    const hundred = { name_like: 'Stapel 00' };
    for (const sort of [['id', 'ASC'], ['id', 'DESC'], ['kind', 'ASC']]) {
      const csv = await exportRecords(t.app.kontor.operations, systemActor('test'), 'partner', { filter: hundred, sort }, { batch: 7 });
      let text = '';
      for await (const chunk of csv.chunks) text += chunk;
      const expected = ((await t.request<Rec[]>('GET', listUrl('partners', { filter: hundred, sort, range: [0, 999] }))).body).map((r) => String(r.id));
      expect(expected).toHaveLength(100);
      expect(parseCsv(text.slice(1)).slice(1).map((r) => r[0]), JSON.stringify(sort)).toEqual(expected);
    }
  }, 90_000);

  it('leaves out hidden fields and rows outside the scope; a field shown on some rows only is empty on the others', async () => {
    const made = [];
    for (const kind of ['supplier', 'customer', 'both']) made.push(await create(t, 'partners', { name: `Scope ${kind}`, kind, credit_limit: '5', notes: `geheim ${kind}` }));
    const csv = await exportCsv('partners', { filter: { name_like: 'Scope ' }, sort: ['id', 'ASC'] }, users.partner_exporter);
    expect(csv.status).toBe(200);
    expect(csv.header).toEqual(['id', 'name', 'vat_id', 'kind', 'email', 'website', 'active', 'commodities', 'notes']);
    expect(csv.raw).not.toContain('geheim customer');
    expect(csv.rows.map((r) => [r.kind, r.notes])).toEqual([['supplier', 'geheim supplier'], ['both', '']]);
  });

  it('shows salary, IBAN and tax ID to HR only; the auditor exports the rest', async () => {
    const employee = await create(t, 'employees', { name: 'Erika Muster', entry_date: '2020-01-01', salary: '54000', iban: 'DE89370400440532013000', tax_id: '12345678901' });
    const hr = await exportCsv('employees', { filter: { id: employee.id } }, users.hr);
    expect(hr.header).toEqual(['id', 'name', 'entry_date', 'salary', 'iban', 'tax_id']);
    expect(hr.rows).toEqual([{ id: String(employee.id), name: 'Erika Muster', entry_date: '2020-01-01', salary: '54000.00', iban: 'DE89370400440532013000', tax_id: '12345678901' }]);
    const auditor = await exportCsv('employees', { filter: { id: employee.id } }, users.auditor);
    expect(auditor.header).toEqual(['id', 'name', 'entry_date']);
    expect(auditor.rows).toEqual([{ id: String(employee.id), name: 'Erika Muster', entry_date: '2020-01-01' }]);
    expect(auditor.raw).not.toMatch(/54000|DE8937|12345678901/);
  });

  it('needs read and export: 403 names the missing grant; 401 without a token', async () => {
    const noExport = await t.request('GET', '/api/partners/export.csv', undefined, { token: users.partner_reader });
    expectError(noExport, 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
    expect(noExport.body.missing).toEqual({ entity: 'partner', action: 'export' });
    const noRead = await t.request('GET', '/api/contracts/export.csv', undefined, { token: users.partner_reader });
    expect(noRead.body.missing).toEqual({ entity: 'contract', action: 'read' });
    for (const [method, url] of [['GET', '/api/partners/export.csv'], ['POST', '/api/partners/import']] as const) {
      expectError(await t.request(method, url, method === 'POST' ? { rows: [] } : undefined, { token: null }), 401, { code: 'KONTOR_HTTP_UNAUTHENTICATED' });
    }
  });

  it('a dry run reports every bad row with its index and field, and writes nothing', async () => {
    await create(t, 'partners', { name: 'Vorhanden', vat_id: 'DE555000001' });
    const before = await counts();
    const response = await importRows('partners', {
      dryRun: true,
      rows: [
        { name: 'Gut 1', vat_id: 'DE555000002' },
        { vat_id: 'kein muster', bogus: 1 },
        { name: 'Doppelt', vat_id: 'DE555000001' },
        { name: 'Gut 2', commodities: [999999] },
        { name: 'Gut 3', vat_id: 'DE555000002' },
        { name: 'Gut 4', kind: 'supplier' },
      ],
    });
    expectStatus(response, 200);
    expect(response.body).toEqual({
      total: 6,
      valid: 2,
      errors: [
        { row: 1, code: 'KONTOR_HTTP_VALIDATION', message: expect.any(String), errors: { name: 'is required', vat_id: expect.stringContaining('pattern'), bogus: 'is not a field of this resource' } },
        { row: 2, code: 'KONTOR_HTTP_UNIQUE_VIOLATION', message: expect.any(String), errors: { vat_id: expect.any(String) } },
        { row: 3, code: 'KONTOR_HTTP_INVALID_REFERENCE', message: expect.any(String), errors: { commodities: expect.stringContaining('999999') } },
        // the same VAT id as row 0 of this import
        { row: 4, code: 'KONTOR_HTTP_UNIQUE_VIOLATION', message: expect.any(String), errors: { vat_id: expect.any(String) } },
      ],
    });
    expect(await counts()).toEqual(before);
    const clean = await importRows('partners', { dryRun: true, rows: [{ name: 'Nur Probe' }] });
    expect(clean.body).toEqual({ total: 1, valid: 1, errors: [] });
    expect(await counts()).toEqual(before);
  });

  it('a commit with one bad row answers 422 with every row\'s errors and writes nothing: no row, no audit entry, no autonumber', async () => {
    const partner = await create(t, 'partners', { name: 'Kunde 422' });
    const commodity = await create(t, 'commodities', { name: 'Ware 422' });
    const contract = (i: number) => ({ side: 'sale', partner: partner.id, commodity: commodity.id, quantity: `${i}`, deliveries: [{ ticket_no: `I-422-${i}`, net_weight: '1' }] });
    const first = await create(t, 'contracts', contract(0));
    const before = await counts();
    const response = await importRows('contracts', { rows: [contract(1), contract(2), { ...contract(3), quantity: '-1' }, contract(4)] });
    expectStatus(response, 422);
    expect(response.body).toEqual({
      statusCode: 422,
      code: 'KONTOR_HTTP_IMPORT_INVALID',
      message: '1 of 4 rows are invalid; nothing was imported',
      errors: {},
      rows: [{ row: 2, code: 'KONTOR_HTTP_VALIDATION', message: expect.any(String), errors: { quantity: expect.any(String) } }],
    });
    expect(await counts()).toEqual(before);
    // The autonumbers drawn inside the rolled-back transaction were given back.
    const next = await create(t, 'contracts', contract(5));
    expect(Number(next.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
  });

  it('a commit creates every row through the create operation: ids in order, autonumbers, children, one audit entry per record with the reason', async () => {
    const partner = await create(t, 'partners', { name: 'Kunde 201' });
    const commodity = await create(t, 'commodities', { name: 'Ware 201' });
    const before = await counts();
    const rows = [1, 2, 3].map((i) => ({ side: 'purchase', partner: partner.id, commodity: commodity.id, quantity: `${i}.5`, deliveries: [{ ticket_no: `I-201-${i}`, net_weight: '0.25' }] }));
    const response = await importRows('contracts', { rows, dryRun: false }, { headers: { 'x-change-reason': 'Altdaten%C3%BCbernahme' } });
    expectStatus(response, 201);
    expect(response.body).toEqual({ created: 3, ids: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const ids = response.body.ids as number[];
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(await counts()).toEqual({ ...before, contracts: before.contracts + 3, deliveries: before.deliveries + 3, audit: before.audit + 6 });
    for (const [i, id] of ids.entries()) {
      const record = (await t.request<Rec>('GET', `/api/contracts/${id}`)).body;
      expect(record).toMatchObject({ quantity: `${i + 1}.500`, delivered: '0.250', number: expect.stringMatching(/^K-\d{4}-\d{4}$/) });
      const entries = await t.app.kontor.db.reader.all('SELECT action, actor, reason FROM kontor_audit WHERE entity = ? AND record_id = ?', ['contract', id]);
      expect(entries).toEqual([{ action: 'create', actor: 'tester', reason: 'Altdatenübernahme' }]);
    }
  });

  it('applies the importer\'s grants to each row: no create grant is a 403, a read-only field a row error', async () => {
    const denied = await importRows('partners', { rows: [{ name: 'X' }] }, { token: users.partner_reader });
    expectError(denied, 403);
    expect(denied.body.missing).toEqual({ entity: 'partner', action: 'create' });
    const before = await counts();
    const response = await importRows('partners', { rows: [{ name: 'Darf' }, { name: 'Darf nicht', credit_limit: '1' }] }, { token: users.partner_importer });
    expectStatus(response, 422);
    expect(response.body.rows).toEqual([{ row: 1, code: 'KONTOR_HTTP_FORBIDDEN', message: expect.any(String), errors: { credit_limit: expect.any(String) }, missing: { entity: 'partner', action: 'create', field: 'credit_limit' } }]);
    expect(await counts()).toEqual(before);
    expectStatus(await importRows('partners', { rows: [{ name: 'Darf' }] }, { token: users.partner_importer }), 201);
    // Refused after the insert: the row's savepoint takes its record and audit entry back, the next rows go on.
    const scoped = { rows: [{ name: 'Lieferant 1', kind: 'supplier' }, { name: 'Kunde', kind: 'customer' }, { name: 'Lieferant 2', kind: 'supplier' }] };
    const before2 = await counts();
    const dry = await importRows('partners', { ...scoped, dryRun: true }, { token: users.supplier_importer });
    expect(dry.body).toEqual({ total: 3, valid: 2, errors: [{ row: 1, code: 'KONTOR_HTTP_FORBIDDEN', message: expect.any(String), errors: {}, missing: { entity: 'partner', action: 'create' } }] });
    expectStatus(await importRows('partners', scoped, { token: users.supplier_importer }), 422);
    expect(await counts()).toEqual(before2);
    const done = await importRows('partners', { rows: [scoped.rows[0], scoped.rows[2]] }, { token: users.supplier_importer });
    expectStatus(done, 201);
    expect(await counts()).toEqual({ ...before2, partners: before2.partners + 2, audit: before2.audit + 2 });
  });

  it('streams progress as NDJSON when asked, ending with the result or the error', async () => {
    const ndjson = async (body: unknown) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/partners/import', headers: { ...t.authHeaders, accept: 'application/x-ndjson' }, payload: body as object });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson');
      expect(response.body.endsWith('\n')).toBe(true);
      return response.body.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    };
    const rows = Array.from({ length: 120 }, (_, i) => ({ name: `Strom ${i}` }));
    const lines = await ndjson({ rows });
    expect(lines.slice(0, -1)).toEqual([{ done: 50, total: 120 }, { done: 100, total: 120 }, { done: 120, total: 120 }]);
    expect(lines.at(-1)).toEqual({ result: { created: 120, ids: expect.any(Array) } });
    expect(lines.at(-1)?.result.ids).toHaveLength(120);
    const before = await counts();
    const failed = await ndjson({ rows: [{ name: 'Strom gut' }, { name: '' }, { kind: 'nope' }] });
    expect(failed).toEqual([{ done: 3, total: 3 }, { error: expect.objectContaining({ statusCode: 422, code: 'KONTOR_HTTP_IMPORT_INVALID', message: '2 of 3 rows are invalid; nothing was imported', errors: {} }) }]);
    expect(failed.at(-1)?.error.rows.map((r: { row: number }) => r.row)).toEqual([1, 2]);
    expect(await counts()).toEqual(before);
  });

  it('refuses more than 10,000 rows (413), bodies over 16 MiB (413) and a body that is not { rows, dryRun } (400); takes more than the server\'s 1 MiB', async () => {
    const before = await counts();
    const tooMany = await importRows('partners', { rows: Array.from({ length: 10_001 }, () => ({ name: 'x' })) });
    expectError(tooMany, 413, { code: 'KONTOR_HTTP_IMPORT_TOO_LARGE', fields: ['rows'] });
    expect(tooMany.body.message).toMatch(/at most 10000 rows.*10001/);
    const huge = await importRows('partners', { rows: Array.from({ length: 17 }, (_, i) => ({ name: `Groß ${i}`, notes: 'x'.repeat(1024 * 1024) })) });
    expectError(huge, 413, { code: 'KONTOR_HTTP_BODY_TOO_LARGE' });
    expect(huge.body.message).toContain(String(16 * 1024 * 1024));
    expectError(await importRows('partners', {}), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['rows'] });
    expectError(await importRows('partners', { rows: {} }), 400, { fields: ['rows'] });
    expectError(await importRows('partners', { rows: [], dryrun: true }), 400, { fields: ['dryrun'] });
    expect(await counts()).toEqual(before);
    const big = await importRows('partners', { dryRun: true, rows: Array.from({ length: 3 }, (_, i) => ({ name: `Groß ${i}`, notes: 'x'.repeat(600_000) })) });
    expect(big.body).toEqual({ total: 3, valid: 3, errors: [] });
  });
});
