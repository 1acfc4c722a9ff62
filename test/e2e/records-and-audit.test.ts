/**
 * E2E of the admin UI in English, as the admin (and a trader): partners created, edited, shown, sorted,
 * filtered, searched and deleted; a reference picked by typing; a server validation error on its input;
 * the CSV export of a list; a contract's deliveries edited inline; a version conflict while editing; the
 * History tab of a record; the audit log and its filter. One server and one browser for all of them (the
 * server's start is the slow part), each test with data of its own or checked against the API.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { E2E_PASSWORD, setupE2E } from './harness.ts';
import { columnTexts, dataRows, expectColumn, expectShown, fetched, openFetched, poll, recordAlerts, shownField, signIn } from './ui.ts';

const e2e = setupE2E({ users: { trader: ['trader'] } });

const PARTNERS = [
  { name: 'Alpha Agrar GmbH', vat_id: 'DE100000001', kind: 'supplier', email: 'info@alpha.example' },
  { name: 'Zander Handel KG', vat_id: 'DE100000002', kind: 'customer', email: 'zander@example.org' },
  { name: 'Bauer Schulze', vat_id: 'DE100000003', kind: 'supplier', email: null },
  { name: 'Östergaard A/S', vat_id: 'DK10000004', kind: 'both', email: 'mail@oestergaard.example' },
];

let partner: { id: number };
let commodity: { id: number };

beforeAll(async () => {
  for (const p of PARTNERS) await e2e.apiOk('POST', '/api/partners', p);
  for (const name of ['Weizen', 'Gerste']) await e2e.apiOk('POST', '/api/commodities', { name });
  partner = await e2e.apiOk('POST', '/api/partners', { name: 'Hafen Mühle AG', vat_id: 'DE300000001', kind: 'customer' });
  commodity = await e2e.apiOk('POST', '/api/commodities', { name: 'Raps' });
});

/** The partners as the API lists them: what the UI's list must show. */
async function partners(query: { sort?: [string, 'ASC' | 'DESC']; filter?: Record<string, unknown> } = {}): Promise<Array<Record<string, any>>> {
  const params = new URLSearchParams({ ...(query.sort ? { sort: JSON.stringify(query.sort) } : {}), ...(query.filter ? { filter: JSON.stringify(query.filter) } : {}) });
  return e2e.apiOk('GET', `/api/partners?${params}`);
}

/** The sort button of a list column, by the column's visible title. */
const header = (page: Page, title: string) => page.getByRole('columnheader').filter({ has: page.getByText(title, { exact: true }) }).getByRole('button');

/** The rows of the children input (the deliveries of a contract form). */
const formRows = (page: Page): Locator => page.locator('.RaSimpleFormIterator-line');

async function fillDelivery(row: Locator, values: { date: string; ticket: string; weight: string }): Promise<void> {
  await row.getByLabel(/^Date/).fill(values.date);
  await row.getByRole('textbox', { name: /^Weighbridge ticket/ }).fill(values.ticket);
  await row.getByRole('textbox', { name: /^Net weight/ }).fill(values.weight);
}

describe('partners: create, edit, show, list, delete', () => {
  test('create a partner through the form, edit it, and see the values on its show page', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin');
    await e2e.screenshot(page, 'dashboard');
    await page.getByRole('navigation', { name: 'Master data' }).getByRole('menuitem', { name: 'Partners' }).click();
    await page.waitForURL(/#\/partners$/);
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Nordkorn eG');
    await page.getByRole('textbox', { name: /^VAT ID/ }).fill('DE200000009');
    await page.getByRole('combobox', { name: /^Kind/ }).click();
    await page.getByRole('option', { name: 'Customer and supplier' }).click();
    await page.getByRole('textbox', { name: /^Credit limit/ }).fill('25000.5');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/partners\/\d+\/show$/);
    await expectShown(page, 'Name', 'Nordkorn eG');
    await expectShown(page, 'VAT ID', 'DE200000009');
    await expectShown(page, 'Kind', 'Customer and supplier');
    await expectShown(page, 'Credit limit', '€25,000.50');
    const id = Number(/partners\/(\d+)\/show/.exec(page.url())![1]);
    expect(await e2e.apiOk('GET', `/api/partners/${id}`)).toMatchObject({ name: 'Nordkorn eG', vat_id: 'DE200000009', kind: 'both', credit_limit: '25000.50' });

    const loaded = fetched(page, `/api/partners/${id}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(new RegExp(`#/partners/${id}$`));
    await loaded;
    await e2e.screenshot(page, 'edit-form');
    const name = page.getByRole('textbox', { name: /^Name/ });
    await poll(() => name.inputValue()).toBe('Nordkorn eG');
    await name.fill('Nordkorn Raiffeisen eG');
    await page.getByRole('textbox', { name: /^E-mail/ }).fill('kontakt@nordkorn.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/partners/${id}/show$`));
    await expectShown(page, 'Name', 'Nordkorn Raiffeisen eG');
    await expectShown(page, 'E-mail', 'kontakt@nordkorn.example');
    await e2e.screenshot(page, 'show-page');
    expect(await e2e.apiOk('GET', `/api/partners/${id}`)).toMatchObject({ name: 'Nordkorn Raiffeisen eG', email: 'kontakt@nordkorn.example', version: 2 });
  });

  test('clicking a column header sorts the list', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', '/partners');
    const order = async (field: string, direction: 'ASC' | 'DESC', column = 'name') => (await partners({ sort: [field, direction] })).map((p) => String(p[column] ?? '–'));
    // The entity's default order (sort: name), then what clicking the headers asks for.
    const byName = await order('name', 'ASC');
    expect(byName.length).toBeGreaterThanOrEqual(4);
    await expectColumn(page, 'Name', byName);
    await e2e.screenshot(page, 'list');
    await header(page, 'Name').click();
    await expectColumn(page, 'Name', [...byName].reverse());
    await header(page, 'VAT ID').click();
    const byVat = await order('vat_id', 'ASC', 'vat_id');
    expect(byVat).not.toEqual(await order('name', 'ASC', 'vat_id'));
    await expectColumn(page, 'VAT ID', byVat);
    await header(page, 'VAT ID').click();
    await expectColumn(page, 'VAT ID', await order('vat_id', 'DESC', 'vat_id'));
  });

  test('the kind filter and the search box narrow the list', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', '/partners');
    const all = (await partners()).length;
    await poll(() => dataRows(page).count()).toBe(all);
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Kind' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Supplier', exact: true }).click();
    const suppliers = (await partners({ filter: { kind: 'supplier' }, sort: ['name', 'ASC'] })).map((p) => String(p.name));
    expect(suppliers).toEqual(expect.arrayContaining(['Alpha Agrar GmbH', 'Bauer Schulze']));
    expect(suppliers.length).toBeLessThan(all);
    await expectColumn(page, 'Name', suppliers);
    expect(await columnTexts(page, 'Kind')).toEqual(suppliers.map(() => 'Supplier'));
    await e2e.screenshot(page, 'list-filtered');
    // Without the filter again, then the search box.
    await page.getByRole('button', { name: 'Remove this filter' }).click();
    await poll(() => dataRows(page).count()).toBe(all);
    const search = page.getByRole('textbox', { name: 'Search' });
    await search.fill('zander');
    await expectColumn(page, 'Name', ['Zander Handel KG']);
    // The search looks in the e-mail addresses too (search: [name, vat_id, email]).
    await search.fill('oestergaard');
    await expectColumn(page, 'Name', ['Östergaard A/S']);
  });

  test('delete a partner after confirming; it is gone from the list and the API', async () => {
    const created = await e2e.apiOk('POST', '/api/partners', { name: 'Wegwerf Handel', kind: 'customer' });
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', `/partners/${created.id}/show`);
    await expectShown(page, 'Name', 'Wegwerf Handel');
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/#\/partners$/);
    expect((await e2e.api('GET', `/api/partners/${created.id}`)).status).toBe(404);
    const remaining = (await partners({ sort: ['name', 'ASC'] })).map((p) => String(p.name));
    expect(remaining).not.toContain('Wegwerf Handel');
    await expectColumn(page, 'Name', remaining);
  });
});

describe('references, server validation, CSV export', () => {
  test('a reference picked by typing: the partner of a new contract', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', '/contracts/create');
    await page.getByRole('combobox', { name: /^Side/ }).click();
    await page.getByRole('option', { name: 'Purchase' }).click();
    const partner = page.getByRole('combobox', { name: /^Partner/ });
    await partner.click();
    await partner.pressSequentially('zand');
    // Only the partner whose name matches what was typed is offered (the server's search, `q`).
    await poll(() => page.getByRole('option').allTextContents()).toEqual(['Zander Handel KG']);
    await page.getByRole('option', { name: 'Zander Handel KG' }).click();
    const commodity = page.getByRole('combobox', { name: /^Commodity/ });
    await commodity.click();
    await commodity.pressSequentially('weiz');
    await poll(() => page.getByRole('option').allTextContents()).toEqual(['Weizen']);
    await page.getByRole('option', { name: 'Weizen' }).click();
    await page.getByRole('textbox', { name: /^Quantity/ }).fill('250.5');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/contracts\/\d+\/show$/);
    await expectShown(page, 'Partner', 'Zander Handel KG');
    await expectShown(page, 'Commodity', 'Weizen');
    await expectShown(page, 'Quantity', '250.500 t');
    const id = Number(/contracts\/(\d+)\/show/.exec(page.url())![1]);
    const zander = (await partners({ filter: { q: 'Zander' } }))[0]!;
    expect(await e2e.apiOk('GET', `/api/contracts/${id}`)).toMatchObject({ partner: zander.id, side: 'purchase', quantity: '250.500' });
  });

  test("the server's validation error appears under its input (a VAT ID already used), on create and on edit", async () => {
    // The server answers 409 with `errors.vat_id`; Chromium logs the failed request, which is expected here.
    e2e.expectHttpErrors(409, '/api/partners');
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', '/partners/create');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Doppelt GmbH');
    const vat = page.getByRole('textbox', { name: /^VAT ID/ });
    await vat.fill('DE100000001');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => helperText(page, vat)).toBe('is already used by another record');
    expect(await vat.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/#\/partners\/create$/);
    // A different VAT ID is accepted.
    await vat.fill('DE100000077');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/partners\/\d+\/show$/);
    const id = Number(/partners\/(\d+)\/show/.exec(page.url())![1]);

    await openFetched(page, e2e, `/partners/${id}`, `/api/partners/${id}`);
    const vatOnEdit = page.getByRole('textbox', { name: /^VAT ID/ });
    await poll(() => vatOnEdit.inputValue()).toBe('DE100000077');
    await vatOnEdit.fill('DE100000002');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => helperText(page, vatOnEdit)).toBe('is already used by another record');
    // Not mistaken for a version conflict: no "someone else changed" dialog.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await e2e.apiOk('GET', `/api/partners/${id}`)).vat_id).toBe('DE100000077');
  });

  test('export the list as CSV: the download has the header and the rows of the filtered list', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', '/partners');
    const all = await partners();
    await poll(() => dataRows(page).count()).toBe(all.length);

    const csv = await download(page, page.getByRole('button', { name: 'Export' }));
    expect(csv.filename).toMatch(/^partners.*\.csv$/);
    const header = csv.lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'name', 'vat_id', 'kind', 'email', 'credit_limit']));
    expect(csv.lines.length - 1).toBe(all.length);
    const nameColumn = header.indexOf('name');
    const kindColumn = header.indexOf('kind');
    expect(csv.lines.slice(1).map((line) => line.split(',')[nameColumn]).sort()).toEqual(all.map((p) => p.name).sort());

    // With a search in the list, the export has only the rows the list shows.
    await page.getByRole('textbox', { name: 'Search' }).fill('zander');
    await expectColumn(page, 'Name', ['Zander Handel KG']);
    const filtered = await download(page, page.getByRole('button', { name: 'Export' }));
    expect(filtered.lines).toHaveLength(2);
    const row = filtered.lines[1]!.split(',');
    expect([row[nameColumn], row[header.indexOf('vat_id')], row[kindColumn]]).toEqual(['Zander Handel KG', 'DE100000002', 'customer']);
  });
});

/** The helper text (where react-admin shows a field's error) of an input: the element its aria-describedby names. */
async function helperText(page: Page, input: Locator): Promise<string> {
  const id = await input.getAttribute('aria-describedby');
  if (!id) return '';
  const helper = page.locator(`[id="${id}"]`);
  return (await helper.count()) > 0 ? ((await helper.textContent()) ?? '').trim() : '';
}

/** Clicks a button that downloads a file; returns the file's name and its lines (without a BOM). */
async function download(page: Page, button: Locator): Promise<{ filename: string; lines: string[] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return { filename: file.suggestedFilename(), lines: text.split(/\r?\n/).filter((line) => line !== '') };
}

describe('contracts', () => {
  test('deliveries added inline in the contract form are saved with it; Delivered sums them; a removed row is gone', async () => {
    const contract = await e2e.apiOk('POST', '/api/contracts', { side: 'sale', partner: partner.id, commodity: commodity.id, quantity: '100', price: '245.5' });
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', `/contracts/${contract.id}`);
    await poll(() => page.getByRole('textbox', { name: /^Quantity/ }).inputValue()).toBe('100.000');
    const add = page.getByRole('button', { name: 'Add' });
    await add.click();
    await fillDelivery(formRows(page).nth(0), { date: '2026-05-04', ticket: 'W-1001', weight: '24.25' });
    await add.click();
    await fillDelivery(formRows(page).nth(1), { date: '2026-05-05', ticket: 'W-1002', weight: '25.125' });
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(new RegExp(`#/contracts/${contract.id}/show$`));
    const deliveries = shownField(page, 'Deliveries');
    await expectColumn(deliveries, 'Weighbridge ticket', ['W-1001', 'W-1002']);
    expect(await columnTexts(deliveries, 'Net weight')).toEqual(['24.250 t', '25.125 t']);
    await expectShown(page, 'Delivered', /^49\.375\b/);
    const saved = await e2e.apiOk('GET', `/api/contracts/${contract.id}`);
    expect(saved.delivered).toBe('49.375');
    expect(saved.deliveries.map((d: { ticket_no: string }) => d.ticket_no)).toEqual(['W-1001', 'W-1002']);

    // Remove the first row again.
    const loaded = fetched(page, `/api/contracts/${contract.id}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await loaded;
    await poll(() => formRows(page).count()).toBe(2);
    await poll(() => formRows(page).nth(0).getByRole('textbox', { name: /^Weighbridge ticket/ }).inputValue()).toBe('W-1001');
    // The row's remove button shows when the pointer is over the row.
    await formRows(page).nth(0).hover();
    await formRows(page).nth(0).getByRole('button', { name: 'Remove' }).click();
    await poll(() => formRows(page).count()).toBe(1);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/contracts/${contract.id}/show$`));
    await expectColumn(deliveries, 'Weighbridge ticket', ['W-1002']);
    await expectShown(page, 'Delivered', /^25\.125\b/);
    const after = await e2e.apiOk('GET', `/api/contracts/${contract.id}`);
    expect(after.deliveries.map((d: { ticket_no: string }) => d.ticket_no)).toEqual(['W-1002']);
    expect(after.delivered).toBe('25.125');
  });

  test('a version conflict: saving over a change made meanwhile offers to reload, which shows the other change', async () => {
    const record = await e2e.apiOk('POST', '/api/partners', { name: 'Konflikt KG', kind: 'supplier', email: 'alt@konflikt.example' });
    // The browser's save answers 409 (stale version) on purpose; Chromium logs that failed request.
    e2e.expectHttpErrors(409, `/api/partners/${record.id}`);
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin');
    await openFetched(page, e2e, `/partners/${record.id}`, `/api/partners/${record.id}`);
    const name = page.getByRole('textbox', { name: /^Name/ });
    await poll(() => name.inputValue()).toBe('Konflikt KG');

    // Someone else saves a change meanwhile (with the version the browser has too).
    await e2e.apiOk('PUT', `/api/partners/${record.id}`, { name: 'Konflikt KG (geändert)', version: record.version });

    await page.getByRole('textbox', { name: /^E-mail/ }).fill('neu@konflikt.example');
    const alerts = await recordAlerts(page);
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' });
    await dialog.waitFor();
    await e2e.screenshot(page, 'version-conflict');
    await dialog.getByRole('button', { name: 'Reload the record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => name.inputValue()).toBe('Konflikt KG (geändert)');
    await poll(() => page.getByRole('textbox', { name: /^E-mail/ }).inputValue()).toBe('alt@konflikt.example');
    // The dialog is the only report: not also "The form is not valid" (the stale version is no input's fault).
    expect(await alerts()).toEqual([]);
    // The browser's change was not written over the other one.
    expect(await e2e.apiOk('GET', `/api/partners/${record.id}`)).toMatchObject({ name: 'Konflikt KG (geändert)', email: 'alt@konflikt.example', version: 2 });
  });
});

describe('audit', () => {
  test('the History tab lists the changes newest first: who, when, which field from what to what', async () => {
    const record = await e2e.apiOk('POST', '/api/partners', { name: 'Verlauf GmbH', kind: 'customer', credit_limit: '1000' });
    // An older change by another user (a trader may rename partners).
    const trader = await e2e.api('POST', '/api/auth/login', { username: 'trader', password: E2E_PASSWORD });
    expect(trader.status).toBe(200);
    const renamed = await e2e.api('PUT', `/api/partners/${record.id}`, { name: 'Verlauf Handels-GmbH', version: record.version }, trader.body.token);
    expect(renamed.status).toBe(200);

    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', `/partners/${record.id}`);
    const limit = page.getByRole('textbox', { name: /^Credit limit/ });
    await poll(() => limit.inputValue()).toBe('1000.00');
    await limit.fill('2500');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/partners/${record.id}/show$`));
    await expectShown(page, 'Credit limit', '€2,500.00');

    await page.getByRole('tab', { name: 'History' }).click();
    const entries = page.getByTestId('history-entry');
    await poll(() => entries.count()).toBe(3);
    await e2e.screenshot(page, 'history-tab');
    const newest = entries.nth(0);
    const text = (await newest.textContent()) ?? '';
    expect(text).toContain('changed');
    expect(text).toContain('by admin');
    // When, in the UI's language (en-GB: 29/11/2026, 14:05:09): a moment ago.
    const [, day, month, year, time] = /(\d{2})\/(\d{2})\/(\d{4}), (\d{2}:\d{2}:\d{2})/.exec(text) ?? [];
    expect(day, `a date and time in "${text}"`).toBeDefined();
    expect(Math.abs(Date.now() - new Date(`${year}-${month}-${day}T${time}`).getTime())).toBeLessThan(10 * 60_000);
    expect(await historyRows(newest)).toEqual([['Credit limit', '1,000.00', '2,500.00']]);
    const older = entries.nth(1);
    expect(await older.textContent()).toContain('by trader');
    expect(await historyRows(older)).toEqual([['Name', 'Verlauf GmbH', 'Verlauf Handels-GmbH']]);
    expect(await entries.nth(2).textContent()).toContain('created');
  });

  test('the audit log lists entries, and its record type filter narrows them', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin');
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.waitForURL(/#\/audit/);
    await poll(() => dataRows(page).count()).toBeGreaterThan(3);
    const types = await columnTexts(page, 'Record type');
    expect(new Set(types).size, `record types in the unfiltered log: ${types.join(', ')}`).toBeGreaterThan(1);
    expect(types).toEqual(expect.arrayContaining(['Partner', 'Contract']));
    // Newest first.
    const ids = (await columnTexts(page, '#')).map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await e2e.screenshot(page, 'audit-log');

    await page.getByRole('combobox', { name: 'Record type' }).click();
    await page.getByRole('option', { name: 'Contract', exact: true }).click();
    await poll(async () => [...new Set(await columnTexts(page, 'Record type'))]).toEqual(['Contract']);
    await page.getByRole('combobox', { name: 'Record type' }).click();
    await page.getByRole('option', { name: 'Partner', exact: true }).click();
    await poll(async () => [...new Set(await columnTexts(page, 'Record type'))]).toEqual(['Partner']);
    const partnerEntries = (await e2e.apiOk('GET', `/api/audit?filter=${encodeURIComponent('{"entity":"partner"}')}&range=${encodeURIComponent('[0,49]')}`)) as unknown[];
    expect(await dataRows(page).count()).toBe(partnerEntries.length);
  });
});

/** The rows of a history entry's change table: field, before, after. */
async function historyRows(entry: Locator): Promise<string[][]> {
  const rows = entry.locator('tbody > tr');
  const result: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) result.push((await rows.nth(i).locator('td').allTextContents()).map((text) => text.trim()));
  return result;
}
