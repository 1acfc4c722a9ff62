/**
 * E2E of the demo's workflows across departments, each user signed in through the login page and working
 * through the forms and transition buttons (issue 7): a trader creates and activates a contract; logistics
 * confirms a call-off and books a weighbridge ticket whose net weight shows up in the contract's fulfilment,
 * and is refused a call-off for a partner without the certificate the commodity requires; an accountant
 * posts an invoice, which is locked from then on; an employee asks for leave and the managing director
 * approves it (four eyes: no one approves their own request).
 *
 * Master data (partners, commodities, a site, employees) is created through the API as admin beforehand.
 * Screenshots of the key screens go to test-results/screenshots/; with KONTOR_TOUR_SCREENSHOTS=1 the tour
 * images of the README are written to admin/screenshots/ as well (viewport size, committed).
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { E2E_PASSWORD, repoRoot, setupE2E } from './harness.ts';
import { dataRows, expectLoginPage, expectShown, poll, recordAlerts, shownField, signIn, userMenu } from './ui.ts';

const e2e = setupE2E({
  users: {
    trader: ['trader'],
    logistics: ['logistics'],
    accountant: ['accountant'],
    employee: ['employee'],
    managing_director: ['managing_director'],
    hr: ['hr'],
  },
});

/** Where the README's tour images live; written only when asked for, so `npm test` leaves the tree clean. */
const tourDir = join(repoRoot, 'admin', 'screenshots');
const writeTour = process.env.KONTOR_TOUR_SCREENSHOTS === '1';

let partner: { id: number; name: string };
let commodity: { id: number; name: string };
let site: { id: number; name: string };

beforeAll(async () => {
  partner = await e2e.apiOk('POST', '/api/partners', { name: 'Hanse Mühlenwerke AG', vat_id: 'DE400000001', kind: 'customer' });
  commodity = await e2e.apiOk('POST', '/api/commodities', { name: 'Brotweizen A', code: 'WW-A', grade: 'A wheat' });
  site = await e2e.apiOk('POST', '/api/sites', { code: 'UE-SILO', name: 'Silo Uelzen', kind: 'warehouse', city: 'Uelzen', has_weighbridge: true });
});

/** A session token of a demo user, for checks "through the API" as that user. */
async function tokenOf(username: string): Promise<string> {
  const login = await e2e.api('POST', '/api/auth/login', { username, password: E2E_PASSWORD });
  expect(login.status, `login of ${username} through the API`).toBe(200);
  return login.body.token as string;
}

/** The id in a show page's URL (`#/contracts/7/show`). */
function shownId(page: Page, resource: string): number {
  const match = new RegExp(`#/${resource}/(\\d+)/show$`).exec(page.url());
  if (!match) throw new Error(`not on a ${resource} show page: ${page.url()}`);
  return Number(match[1]);
}

/** Picks a reference in an autocomplete input by typing part of the target's title. */
async function pickReference(page: Page, label: RegExp, typed: string, option: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.pressSequentially(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await poll(() => input.inputValue(), `the ${label} input after choosing "${option}"`).toBe(option);
}

/** Chooses a value of an enum input. */
async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The state chip of a show page (the workflow field's value). */
async function expectState(page: Page, label: string, state: string, step: string): Promise<void> {
  await poll(() => shownField(page, label).first().locator('.MuiChip-label').textContent(), `${step}: the ${label} chip`).toBe(state);
}

/** Runs a transition by its button on a show page and waits for the new state. */
async function runTransition(page: Page, name: string, state: string, step: string): Promise<void> {
  const button = page.getByTestId(`transition-${name}`);
  await button.waitFor();
  await poll(() => button.isEnabled(), `${step}: the ${name} button is enabled`).toBe(true);
  await button.click();
  await expectState(page, 'Status', state, step);
}

/** Signs out through the user menu and waits for the login page. */
async function signOut(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await expectLoginPage(page);
}

/**
 * The key screen of a test: a full-page screenshot in test-results/screenshots always and, with
 * KONTOR_TOUR_SCREENSHOTS=1, the README's tour image `admin/screenshots/tour-<name>.png` (1280 × 800, the
 * viewport only, which keeps each file small).
 */
async function keyScreen(page: Page, name: string, focus?: Locator): Promise<void> {
  await e2e.screenshot(page, `workflow-${name}`);
  if (!writeTour) return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  // Let the layout settle at the new size (lists and grids measure themselves), and the "saved" notice go.
  await page.waitForTimeout(300);
  await page.locator('.MuiSnackbar-root').waitFor({ state: 'detached', timeout: 10_000 });
  if (focus) await focus.evaluate("(element) => element.scrollIntoView({ block: 'center' })");
  await page.screenshot({ path: join(tourDir, `tour-${name}.png`) });
  if (size) await page.setViewportSize(size);
}

/** The calendar day of an instant where the server runs (this machine): the day a delivery row gets. */
function localDay(instant: string | Date): string {
  const at = new Date(instant);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * A day relative to today (`day(14)`: in two weeks), so the dates stay what they mean whenever the tests
 * run: a delivery period still running, a certificate already expired, leave still to come.
 */
function day(offset: number): string {
  const at = new Date();
  at.setDate(at.getDate() + offset);
  return localDay(at);
}

/** The helper text (where react-admin shows a field's error) of an input: the element its aria-describedby names. */
async function helperText(page: Page, input: Locator): Promise<string> {
  const id = await input.getAttribute('aria-describedby');
  if (!id) return '';
  const helper = page.locator(`[id="${id}"]`);
  return (await helper.count()) > 0 ? ((await helper.textContent()) ?? '').trim() : '';
}

/** The contract the trader test activates; the later tests use it, or make one of their own when run alone. */
let activeContract: { id: number; number: string } | undefined;

async function theActiveContract(): Promise<{ id: number; number: string }> {
  if (activeContract) return activeContract;
  const trader = await tokenOf('trader');
  const created = await e2e.api('POST', '/api/contracts', {
    side: 'sale', partner: partner.id, commodity: commodity.id, trader: e2e.users.trader!.id, quantity: '500', price: '231.50',
    delivery_from: day(0), delivery_to: day(90), signed_at: new Date(`${day(-1)}T10:00`).toISOString(),
  }, trader);
  expect(created.status, `a contract for the test (POST /api/contracts as trader): ${JSON.stringify(created.body)}`).toBe(201);
  const activated = await e2e.api('POST', `/api/contracts/${created.body.id}/transitions/activate`, {}, trader);
  expect(activated.status, `activating it: ${JSON.stringify(activated.body)}`).toBe(200);
  activeContract = { id: created.body.id, number: created.body.number };
  return activeContract;
}

describe('workflows of the demo, department by department', () => {
  test('trader: creates a sales contract through the form and activates it; the audit trail has the transition', async () => {
    // Another contract of the trader's, still a draft: the overview lists it as one to activate.
    const draft = await e2e.api('POST', '/api/contracts', { side: 'purchase', partner: partner.id, commodity: commodity.id, trader: e2e.users.trader!.id, quantity: '300', price: '219' }, await tokenOf('trader'));
    expect(draft.status, `a draft contract (POST /api/contracts as trader): ${JSON.stringify(draft.body)}`).toBe(201);
    const page = await e2e.newPage();
    await signIn(page, e2e, 'trader');
    await page.getByRole('heading', { name: /Good to see you/ }).waitFor();

    await page.getByRole('navigation', { name: 'Contracts' }).getByRole('menuitem', { name: 'Contracts' }).click();
    await page.waitForURL(/#\/contracts$/);
    await page.getByRole('link', { name: 'Create' }).click();
    await page.waitForURL(/#\/contracts\/create$/);
    await choose(page, /^Side/, 'Sale');
    await pickReference(page, /^Partner/, 'hanse', partner.name);
    await pickReference(page, /^Trader/, 'trad', 'trader');
    await pickReference(page, /^Commodity/, 'brot', commodity.name);
    await page.getByRole('textbox', { name: /^Quantity/ }).fill('500');
    await page.getByRole('textbox', { name: /^Price per unit/ }).fill('231.5');
    await page.getByLabel(/^Delivery from/).fill(day(0));
    await page.getByLabel(/^Delivery to/).fill(day(90));
    await page.getByLabel(/^Signed at/).fill(`${day(-1)}T10:00`);
    await page.getByRole('textbox', { name: /^Tolerance/ }).fill('5');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/contracts\/\d+\/show$/);
    const id = shownId(page, 'contracts');
    await expectState(page, 'Status', 'Draft', 'the new contract');
    await expectShown(page, 'Partner', partner.name);
    await expectShown(page, 'Quantity', '500.000 t');
    await runTransition(page, 'activate', 'Active', 'activating the contract');
    // Only the transitions from "active" are offered now.
    await page.getByTestId('transition-fulfil').waitFor();
    expect(await page.getByTestId('transition-activate').count(), 'the activate button after activating').toBe(0);
    await keyScreen(page, 'contract-active');

    const record = await e2e.apiOk('GET', `/api/contracts/${id}`);
    expect(record, 'the contract as the API returns it').toMatchObject({ status: 'active', side: 'sale', partner: partner.id, trader: e2e.users.trader!.id, quantity: '500.000' });
    activeContract = { id, number: record.number };
    const audit = await e2e.apiOk('GET', `/api/audit?${new URLSearchParams({ filter: JSON.stringify({ entity: 'contract', record_id: id }) })}`);
    const transition = (audit as Array<{ action: string; actor: string; changes: Record<string, unknown> }>).find((entry) => entry.action === 'transition');
    expect(transition, `a transition entry in the contract's audit trail: ${JSON.stringify(audit)}`).toBeDefined();
    expect(transition).toMatchObject({ actor: 'trader', changes: { _transition: 'activate', status: ['draft', 'active'] } });

    // Back on the overview: one open contract now, the other draft still to activate.
    await page.getByRole('menuitem', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
    const todo = (label: string) => page.getByTestId('dashboard-action').filter({ hasText: label });
    await poll(() => todo('Open contracts').getAttribute('data-count'), "the overview's open contracts").toBe('1');
    await poll(() => todo('My drafts to activate').getAttribute('data-count'), "the overview's drafts to activate").toBe('1');
    await keyScreen(page, 'dashboard-trader');
  });

  test('logistics: confirms a call-off of the contract and books a weighbridge ticket; the contract shows the delivery and its fulfilment', async () => {
    const contract = await theActiveContract();
    const page = await e2e.newPage();
    await signIn(page, e2e, 'logistics');

    // The call-off: 25 t of the contract for a week in August, at the Uelzen silo.
    await page.getByRole('navigation', { name: 'Contracts' }).getByRole('menuitem', { name: 'Call-offs' }).click();
    await page.waitForURL(/#\/call_offs$/);
    await page.getByRole('link', { name: 'Create' }).click();
    await page.waitForURL(/#\/call_offs\/create$/);
    await pickReference(page, /^Contract/, contract.number, contract.number);
    await page.getByRole('textbox', { name: /^Quantity/ }).fill('25');
    await page.getByLabel(/^Requested from/).fill(day(7));
    await page.getByLabel(/^Requested until/).fill(day(11));
    await pickReference(page, /^Loading \/ unloading site/, 'uelz', site.name);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/call_offs\/\d+\/show$/);
    const callOffId = shownId(page, 'call_offs');
    await expectState(page, 'Status', 'Draft', 'the new call-off');
    await runTransition(page, 'confirm', 'Confirmed', 'confirming the call-off');
    await page.getByTestId('transition-dispatch').waitFor();
    const callOff = await e2e.apiOk('GET', `/api/call_offs/${callOffId}`);
    expect(callOff, 'the call-off as the API returns it').toMatchObject({ contract: contract.id, quantity: '25.000', status: 'confirmed', site: site.id });

    // The truck on the weighbridge: 39.820 t gross, 14.600 t tare, so 25.220 t net against the contract.
    await page.getByRole('navigation', { name: 'Warehouse' }).getByRole('menuitem', { name: 'Weighbridge tickets' }).click();
    await page.waitForURL(/#\/weighbridge_tickets$/);
    await page.getByRole('link', { name: 'Create' }).click();
    await page.waitForURL(/#\/weighbridge_tickets\/create$/);
    await pickReference(page, /^Site/, 'uelz', site.name);
    await choose(page, /^Direction/, 'Dispatch');
    await page.getByRole('textbox', { name: /^Vehicle plate/ }).fill('UE-KB 417');
    await pickReference(page, /^Commodity/, 'brot', commodity.name);
    await pickReference(page, /^Supplier \/ customer/, 'hanse', partner.name);
    await pickReference(page, /^Contract/, contract.number, contract.number);
    await pickReference(page, /^Call-off/, callOff.number, callOff.number);
    await page.getByRole('textbox', { name: /^Gross weight/ }).fill('39.82');
    await page.getByRole('textbox', { name: /^Tare weight/ }).fill('14.6');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/weighbridge_tickets\/\d+\/show$/);
    const ticket = await e2e.apiOk('GET', `/api/weighbridge_tickets/${shownId(page, 'weighbridge_tickets')}`);
    await expectShown(page, 'Net weight', /^25\.220/);
    expect(ticket, 'the weighbridge ticket as the API returns it').toMatchObject({ contract: contract.id, call_off: callOffId, gross: '39.820', tare: '14.600', net: '25.220', vehicle_plate: 'UE-KB 417' });

    // The contract, reached through the ticket's link: the delivery is booked and the fulfilment follows.
    await shownField(page, 'Contract').getByRole('link', { name: contract.number }).click();
    await page.waitForURL(new RegExp(`#/contracts/${contract.id}/show$`));
    const deliveries = shownField(page, 'Deliveries');
    await poll(() => dataRows(deliveries).count(), 'delivery rows on the contract after the weighing (the weighbridge hook)').toBe(1);
    const row = ((await dataRows(deliveries).first().textContent()) ?? '').replace(/\s+/g, ' ');
    for (const part of [ticket.number, '25.220', 'UE-KB 417']) expect(row, `the delivery row on the contract: ${row}`).toContain(part);
    // With their units: a sum takes the delivered weights' unit, the computed fields declare theirs.
    await expectShown(page, 'Delivered', '25.220 t');
    await expectShown(page, 'Open quantity', '474.780 t');
    await expectShown(page, 'Fulfilment', '5.0 %');
    await keyScreen(page, 'contract-fulfilment', deliveries);
    const record = await e2e.apiOk('GET', `/api/contracts/${contract.id}`);
    expect(record, 'the contract as the API returns it after the weighing').toMatchObject({ delivered: '25.220', open_quantity: '474.780', fulfilment_pct: '5.0' });
    expect(record.deliveries, 'the contract\'s delivery rows').toEqual([expect.objectContaining({ ticket_no: ticket.number, net_weight: '25.220', vehicle: 'UE-KB 417', date: localDay(ticket.weighed_at) })]);
  });

  test('logistics: a call-off for a partner without a valid certificate of the scheme the commodity requires is refused, and the form says why', async () => {
    const farm = await e2e.apiOk('POST', '/api/partners', { name: 'Futterhof Meyer KG', vat_id: 'DE400000002', kind: 'customer' });
    await e2e.apiOk('POST', '/api/certificates', { partner: farm.id, scheme: 'gmp_plus', number: 'GMP042123', valid_from: day(-395), valid_to: day(-30) });
    const barley = await e2e.apiOk('POST', '/api/commodities', { name: 'Futtergerste', code: 'FG', commodity_group: 'feed', required_certificate: 'gmp_plus' });
    const trader = await tokenOf('trader');
    const created = await e2e.api('POST', '/api/contracts', {
      side: 'sale', partner: farm.id, commodity: barley.id, trader: e2e.users.trader!.id, quantity: '120', price: '198', signed_at: new Date(`${day(-2)}T09:00`).toISOString(),
    }, trader);
    expect(created.status, `the feed contract (POST /api/contracts as trader): ${JSON.stringify(created.body)}`).toBe(201);
    expect((await e2e.api('POST', `/api/contracts/${created.body.id}/transitions/activate`, {}, trader)).status, 'activating the feed contract').toBe(200);

    // The server's refusal (422) is what this test provokes; Chromium logs the failed request.
    e2e.expectHttpErrors(422, '/api/call_offs');
    const page = await e2e.newPage();
    await signIn(page, e2e, 'logistics', '/call_offs/create');
    const contractInput = page.getByRole('combobox', { name: /^Contract/ });
    await pickReference(page, /^Contract/, created.body.number, created.body.number);
    await page.getByRole('textbox', { name: /^Quantity/ }).fill('24');
    await page.getByLabel(/^Requested from/).fill(day(7));
    const alerts = await recordAlerts(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => helperText(page, contractInput), 'the error under the contract input').toMatch(new RegExp(`GMP\\+ FSA certificate GMP042123 .*expired on ${day(-30)}`));
    // The server's whole reason as the notice, and its field part under the input it concerns.
    await poll(async () => (await alerts()).join('\n'), 'the notifications after saving').toMatch(/Call-off refused: .* requires GMP\+ FSA, and the GMP\+ FSA certificate GMP042123 .* expired on/);
    expect(page.url(), 'still on the create form').toMatch(/#\/call_offs\/create$/);
    await e2e.screenshot(page, 'workflow-call-off-refused');
    const list = await e2e.apiOk('GET', `/api/call_offs?${new URLSearchParams({ filter: JSON.stringify({ contract: created.body.id }) })}`);
    expect(list, 'call-offs of the feed contract').toEqual([]);
  });

  test('accountant: posts a draft invoice; then it has no Edit button and the API refuses a change as locked', async () => {
    const invoice = await e2e.apiOk('POST', '/api/invoices', {
      kind: 'sales_invoice', partner: partner.id, invoice_date: day(0), service_date: day(-3), due_date: day(30),
      lines: [{ description: 'A wheat 2026/27, 25.220 t', commodity: commodity.id, quantity: '25.22', unit: 't', unit_price: '231.50', vat_rate: '7' }],
    });
    const page = await e2e.newPage();
    await signIn(page, e2e, 'accountant');
    await page.getByRole('navigation', { name: 'Finance' }).getByRole('menuitem', { name: 'Invoices' }).click();
    await page.waitForURL(/#\/invoices$/);
    await dataRows(page).filter({ hasText: invoice.number }).click();
    await page.waitForURL(new RegExp(`#/invoices/${invoice.id}/show$`));
    await expectState(page, 'Status', 'Draft', 'the draft invoice');
    await page.getByRole('link', { name: 'Edit' }).waitFor();

    await runTransition(page, 'post', 'Posted', 'posting the invoice');
    await page.getByTestId('transition-reverse').waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count(), 'the Edit button of a posted invoice').toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count(), 'the Delete button of a posted invoice').toBe(0);
    // 25.22 t × €231.50 = €5,838.43 net, 7 % VAT €408.69.
    await expectShown(page, 'Net total (EUR)', /5,838\.43/);
    await expectShown(page, 'Gross total (EUR)', /6,247\.12/);
    await keyScreen(page, 'invoice-posted');

    const accountant = await tokenOf('accountant');
    const posted = await e2e.apiOk('GET', `/api/invoices/${invoice.id}`);
    const put = await e2e.api('PUT', `/api/invoices/${invoice.id}`, { notes: 'changed after posting', version: posted.version }, accountant);
    expect(put.status, `PUT of the posted invoice: ${JSON.stringify(put.body)}`).toBe(409);
    expect(put.body.code).toBe('KONTOR_HTTP_RECORD_LOCKED');

    await page.getByRole('tab', { name: 'History' }).click();
    const newest = page.getByTestId('history-entry').first();
    await poll(() => newest.textContent(), 'the newest History entry').toContain('Post');
    expect(await newest.textContent()).toContain('by accountant');
    expect(await newest.textContent()).toMatch(/Draft.*Posted/);
  });

  test('employee asks for leave; the managing director approves it; the employee sees it approved', async () => {
    const director = await e2e.apiOk('POST', '/api/employees', { name: 'Dr. Hannah Vogt', department: 'admin_support', entry_date: '2015-03-01', user: e2e.users.managing_director!.id });
    await e2e.apiOk('POST', '/api/employees', { name: 'Jonas Petersen', department: 'contracts', entry_date: '2022-02-01', manager: director.id, user: e2e.users.employee!.id });

    const page = await e2e.newPage();
    await signIn(page, e2e, 'employee');
    await page.getByRole('menuitem', { name: 'Leave requests' }).click();
    await page.waitForURL(/#\/leave_requests$/);
    await page.getByRole('link', { name: 'Create' }).click();
    await pickReference(page, /^Employee/, 'jon', 'Jonas Petersen');
    await page.getByLabel(/^First day/).fill(day(28));
    await page.getByLabel(/^Last day/).fill(day(39));
    await page.getByRole('textbox', { name: /^Working days/ }).fill('10');
    await page.getByRole('textbox', { name: /^Reason/ }).fill('Summer holidays');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/leave_requests\/\d+\/show$/);
    const id = shownId(page, 'leave_requests');
    await expectState(page, 'Status', 'Requested', 'the new leave request');
    // The employee may not decide on it.
    expect(await page.getByTestId('transition-approve').count(), "the approve button on the employee's own request").toBe(0);
    await signOut(page);

    await signIn(page, e2e, 'managing_director');
    await page.getByRole('menuitem', { name: 'Leave requests' }).click();
    await page.waitForURL(/#\/leave_requests$/);
    await dataRows(page).filter({ hasText: 'Jonas Petersen' }).click();
    await page.waitForURL(new RegExp(`#/leave_requests/${id}/show$`));
    await expectShown(page, 'Working days', '10.0');
    await page.getByTestId('transition-reject').waitFor();
    await keyScreen(page, 'leave-approval');
    await runTransition(page, 'approve', 'Approved', 'the managing director approving the request');
    await signOut(page);

    await signIn(page, e2e, 'employee', `/leave_requests/${id}/show`);
    await expectState(page, 'Status', 'Approved', 'the request as the employee sees it afterwards');
    expect(await e2e.apiOk('GET', `/api/leave_requests/${id}`)).toMatchObject({ status: 'approved' });
  });

  test('four eyes: whoever created a leave request may not approve it', async () => {
    const someone = await e2e.apiOk('POST', '/api/employees', { name: 'Lena Brandt', department: 'finance', entry_date: '2021-05-01' });
    const hr = await tokenOf('hr');
    const created = await e2e.api('POST', '/api/leave_requests', { employee: someone.id, start_date: day(50), end_date: day(52), days: '3' }, hr);
    expect(created.status, `hr creates a leave request: ${JSON.stringify(created.body)}`).toBe(201);
    const own = await e2e.api('POST', `/api/leave_requests/${created.body.id}/transitions/approve`, {}, hr);
    expect(own.status, `hr approves the request they created: ${JSON.stringify(own.body)}`).toBe(403);
    expect(own.body.code).toBe('KONTOR_HTTP_FOUR_EYES');
    const other = await e2e.api('POST', `/api/leave_requests/${created.body.id}/transitions/approve`, {}, await tokenOf('managing_director'));
    expect(other.status, `the managing director approves it: ${JSON.stringify(other.body)}`).toBe(200);
  });
});
