/**
 * E2E of the shipped plugins' field types and of custom actions in the admin (config/app.yaml lists
 * `plugins: [iban, weight]`): hr sees an employee's IBAN in groups of four, a mistyped IBAN is refused by the
 * form before anything is saved and one typed with spaces is saved compact; logistics weighs a truck in kg
 * and the API has the weight in t, converted exactly; a trader copies a contract as a new draft with its
 * custom action button and lands on the copy.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { E2E_PASSWORD, setupE2E } from './harness.ts';
import { expectShown, openFetched, poll, shownField, signIn } from './ui.ts';

const e2e = setupE2E({ users: { hr: ['hr'], logistics: ['logistics'], trader: ['trader'] } });

let employee: { id: number; name: string };
let site: { id: number; name: string };

beforeAll(async () => {
  employee = await e2e.apiOk('POST', '/api/employees', { name: 'Greta Lindqvist', department: 'finance', entry_date: '2020-04-01', iban: 'DE89 3704 0044 0532 0130 00' });
  site = await e2e.apiOk('POST', '/api/sites', { code: 'HH-SPK', name: 'Speicher Hamburg', kind: 'warehouse', city: 'Hamburg', has_weighbridge: true });
});

/** The helper text (where react-admin shows a field's error) of an input: the element its aria-describedby names. */
async function helperText(page: Page, input: Locator): Promise<string> {
  const id = await input.getAttribute('aria-describedby');
  if (!id) return '';
  const helper = page.locator(`[id="${id}"]`);
  return (await helper.count()) > 0 ? ((await helper.textContent()) ?? '').trim() : '';
}

describe('plugin field types and custom actions in the admin', () => {
  test('hr sees an employee\'s IBAN in groups of four; one with a wrong check digit is refused by the form and nothing is saved; one typed with spaces and lower case is saved compact', async () => {
    const before = await e2e.apiOk('GET', `/api/employees/${employee.id}`);
    expect(before, 'stored compact (sent with spaces through the API)').toMatchObject({ iban: 'DE89370400440532013000' });
    const page = await e2e.newPage();
    await signIn(page, e2e, 'hr', `/employees/${employee.id}/show`);
    await expectShown(page, 'IBAN', 'DE89 3704 0044 0532 0130 00');

    await openFetched(page, e2e, `/employees/${employee.id}`, `/api/employees/${employee.id}`);
    const writes: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/employees')) writes.push(`${request.method()} ${request.url()}`);
    });
    const input = page.getByRole('textbox', { name: /^IBAN/ });
    await poll(() => input.inputValue(), 'the IBAN input shows the stored IBAN grouped').toBe('DE89 3704 0044 0532 0130 00');

    await input.fill('DE88 3704 0044 0532 0130 00');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => helperText(page, input), 'the error under the IBAN input').toMatch(/check digits do not match/);
    await e2e.screenshot(page, 'plugins-iban-refused');
    expect(page.url(), 'still on the edit form').toMatch(new RegExp(`#/employees/${employee.id}$`));
    expect(writes, 'requests that would change the employee').toEqual([]);
    expect(await e2e.apiOk('GET', `/api/employees/${employee.id}`), 'the employee after the refused IBAN').toMatchObject({ iban: 'DE89370400440532013000', version: before.version });

    // Typed key by key: regrouped as it grows, the caret staying at the end.
    await input.fill('');
    await input.pressSequentially('de44 5001 05175407324931');
    await poll(() => input.inputValue(), 'the IBAN input after typing').toBe('DE44 5001 0517 5407 3249 31');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/employees/${employee.id}/show$`));
    await expectShown(page, 'IBAN', 'DE44 5001 0517 5407 3249 31');
    expect(await e2e.apiOk('GET', `/api/employees/${employee.id}`), 'the employee as the API returns it').toMatchObject({ iban: 'DE44500105175407324931' });
  });

  test('logistics weighs a truck with the gross weight typed in kg; the API has it in t', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'logistics', '/weighbridge_tickets/create');
    const site_ = page.getByRole('combobox', { name: /^Site/ });
    await site_.click();
    await site_.pressSequentially('speich');
    await page.getByRole('option', { name: site.name, exact: true }).click();
    await page.getByRole('textbox', { name: /^Vehicle plate/ }).fill('HH-WG 2450');

    const gross = page.getByRole('textbox', { name: /^Gross weight/ });
    await page.getByTestId('weight-unit-gross').getByRole('button', { name: 'kg' }).click();
    // 24,500.5 kg is 24.5005 t: a gram more precise than the field keeps.
    await gross.fill('24500.5');
    await page.getByRole('textbox', { name: /^Tare weight/ }).fill('14.6');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => helperText(page, gross), 'the error under the gross weight typed too precisely').toMatch(/Too precise: .* in t with 3 decimal places/);
    await e2e.screenshot(page, 'plugins-weight-kg');
    expect(page.url(), 'still on the create form').toMatch(/#\/weighbridge_tickets\/create$/);

    await gross.fill('24500');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/weighbridge_tickets\/\d+\/show$/);
    const id = Number(/\/(\d+)\/show$/.exec(page.url())?.[1]);
    await expectShown(page, 'Gross weight', '24.500 t');
    await expectShown(page, 'Net weight', /^9\.900/);
    expect(await shownField(page, 'Gross weight').locator('[title]').first().getAttribute('title'), 'the gross weight in the other unit (tooltip)').toBe('24,500 kg');
    expect(await e2e.apiOk('GET', `/api/weighbridge_tickets/${id}`), 'the ticket as the API returns it').toMatchObject({ gross: '24.500', tare: '14.600', net: '9.900', vehicle_plate: 'HH-WG 2450' });
  });

  test('trader copies a contract as a new draft with its action button and lands on the copy', async () => {
    const login = await e2e.api('POST', '/api/auth/login', { username: 'trader', password: E2E_PASSWORD });
    const trader = login.body.token as string;
    const partner = await e2e.apiOk('POST', '/api/partners', { name: 'Nordkorn Handel GmbH', vat_id: 'DE400000003', kind: 'customer' });
    const commodity = await e2e.apiOk('POST', '/api/commodities', { name: 'Raps 00', code: 'RA-00' });
    const created = await e2e.api('POST', '/api/contracts', { side: 'purchase', partner: partner.id, commodity: commodity.id, trader: e2e.users.trader!.id, quantity: '750', price: '478.25' }, trader);
    expect(created.status, `a contract of the trader's (POST /api/contracts): ${JSON.stringify(created.body)}`).toBe(201);
    const original = created.body as { id: number; number: string; version: number };

    const page = await e2e.newPage();
    await signIn(page, e2e, 'trader', `/contracts/${original.id}/show`);
    const button = page.getByTestId('action-duplicate');
    await button.waitFor();
    await e2e.screenshot(page, 'plugins-contract-actions');
    expect(await button.textContent(), 'the button: its icon and label').toContain('Copy as new draft');
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Create a new draft contract with the terms of this one?').waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();

    await page.waitForURL((url) => /#\/contracts\/\d+\/show$/.test(url.hash) && !url.hash.startsWith(`#/contracts/${original.id}/`));
    const copyId = Number(/#\/contracts\/(\d+)\/show$/.exec(page.url())?.[1]);
    await poll(() => shownField(page, 'Status').first().locator('.MuiChip-label').textContent(), 'the state of the copy').toBe('Draft');
    await expectShown(page, 'Partner', partner.name);
    await expectShown(page, 'Quantity', '750.000 t');
    const copy = await e2e.apiOk('GET', `/api/contracts/${copyId}`);
    expect(copy, 'the copy as the API returns it').toMatchObject({ status: 'draft', side: 'purchase', partner: partner.id, commodity: commodity.id, trader: e2e.users.trader!.id, quantity: '750.000', price: '478.25' });
    expect(copy.number, 'the copy has a number of its own').not.toBe(original.number);
    expect(await e2e.apiOk('GET', `/api/contracts/${original.id}`), 'the original, unchanged').toMatchObject({ status: 'draft', version: original.version });
  });
});
