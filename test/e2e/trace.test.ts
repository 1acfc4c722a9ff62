/**
 * E2E of a lot's trace view (EU 178/2002 Art. 18): from a blended lot's page to its trace, which shows the
 * lots it was made from and the customer its dispatch went to, each linking to its record; more steps show
 * the suppliers of the parent lots; the German view formats dates and quantities the German way.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { setupE2E } from './harness.ts';
import { open, poll, signIn } from './ui.ts';

const e2e = setupE2E({ users: { quality: ['quality'] } });

const lots = {} as Record<'a' | 'b' | 'c', { id: number; lot_number: string }>;
let customer: { id: number };

beforeAll(async () => {
  const site = await e2e.apiOk('POST', '/api/sites', { code: 'TR-HAFEN', name: 'Trace Hafen' });
  const commodity = await e2e.apiOk('POST', '/api/commodities', { name: 'Raps Trace' });
  const supplier = await e2e.apiOk('POST', '/api/partners', { name: 'Nordkorn Trace GmbH', kind: 'supplier' });
  customer = await e2e.apiOk('POST', '/api/partners', { name: 'Hafenmühle Trace AG', kind: 'customer' });
  const lot = (body: Record<string, unknown>) => e2e.apiOk('POST', '/api/stock_lots', { commodity: commodity.id, ...body });
  lots.a = await lot({ quantity: '1250.5', produced_at: '2026-03-02', origin_supplier: supplier.id });
  lots.b = await lot({ quantity: '30', produced_at: '2026-03-03' });
  lots.c = await lot({ quantity: '1280.5', produced_at: '2026-03-04', parent_lots: [lots.a.id, lots.b.id] });
  const ticket = (direction: string, partner: number, weighed_at: string) =>
    e2e.apiOk('POST', '/api/weighbridge_tickets', { site: site.id, direction, partner, vehicle_plate: 'HH-TR 1', gross: '40', tare: '15', weighed_at });
  const intake = await ticket('in', supplier.id, '2026-03-02T08:00:00.000Z');
  const dispatch = await ticket('out', customer.id, '2026-03-06T10:00:00.000Z');
  await e2e.apiOk('POST', '/api/stock_movements', { kind: 'in', lot: lots.a.id, quantity: '1250.5', moved_at: '2026-03-02T08:10:00.000Z', weighbridge_ticket: intake.id });
  await e2e.apiOk('POST', '/api/stock_movements', { kind: 'out', lot: lots.c.id, quantity: '25', moved_at: '2026-03-06T10:10:00.000Z', weighbridge_ticket: dispatch.id });
});

const section = (page: Page, testId: string) => page.getByTestId(testId);

describe('the trace view of a stock lot', () => {
  test('the Trace button of a blended lot shows its parent lots and its customer, each linking to its record', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'quality', `/stock_lots/${lots.c.id}/show`);
    await page.getByRole('link', { name: 'Trace' }).click();
    await poll(() => new URL(page.url()).hash).toBe(`#/stock_lots/${lots.c.id}/trace`);
    await page.getByRole('heading', { name: `Trace of Stock lot ${lots.c.lot_number}`, level: 1 }).waitFor();

    const parents = section(page, 'trace-parents');
    await parents.getByRole('link', { name: lots.a.lot_number }).waitFor();
    await expect.poll(() => parents.getByRole('row').allTextContents()).toEqual([
      expect.stringContaining('Quantity'),
      expect.stringMatching(new RegExp(`^${lots.a.lot_number}Raps Trace1,250\\.500 t02/03/2026$`)),
      expect.stringMatching(new RegExp(`^${lots.b.lot_number}Raps Trace30\\.000 t03/03/2026$`)),
    ]);
    const customers = section(page, 'trace-customers');
    await customers.getByRole('link', { name: 'Hafenmühle Trace AG' }).waitFor();
    expect(await customers.getByRole('row').nth(1).textContent()).toContain('Dispatch');
    expect(await customers.getByRole('row').nth(1).textContent()).toContain('25.000 t');
    await section(page, 'trace-children').getByText('No lot has been made from it yet.').waitFor();
    // A blend has no supplier of its own: one step back, those are its parent lots'.
    await section(page, 'trace-suppliers').getByText(/^No supplier recorded/).waitFor();
    await e2e.screenshot(page, 'lot-trace');

    await customers.getByRole('link', { name: 'Hafenmühle Trace AG' }).click();
    await poll(() => new URL(page.url()).hash).toBe(`#/partners/${customer.id}/show`);
  });

  test('more steps: the suppliers of the parent lots, with the step and the lot they delivered into', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', `/stock_lots/${lots.c.id}/trace`);
    await section(page, 'trace-parents').getByRole('link', { name: lots.a.lot_number }).waitFor();
    await page.getByRole('combobox', { name: /^Steps back and forward/ }).click();
    await page.getByRole('option', { name: '2 steps' }).click();
    await poll(() => new URL(page.url()).hash).toBe(`#/stock_lots/${lots.c.id}/trace?depth=2`);
    const suppliers = section(page, 'trace-suppliers');
    await suppliers.getByRole('link', { name: 'Nordkorn Trace GmbH' }).first().waitFor();
    const rows = await suppliers.getByRole('row').allTextContents();
    expect(rows[0]).toMatch(/^Step/);
    // The origin supplier of lot A and its intake on the weighbridge, both two steps back from C.
    expect(rows.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^2Nordkorn Trace GmbH${lots.a.lot_number}Origin supplier`)),
      expect.stringMatching(new RegExp(`^2Nordkorn Trace GmbH${lots.a.lot_number}Intake.*1,250\\.500 t$`)),
    ]);
  });

  test('in German: headings, dates and quantities the German way', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin', `/stock_lots/${lots.c.id}/show`);
    await page.evaluate("localStorage.setItem('RaStore.locale', JSON.stringify('de'))");
    await open(page, e2e, `/stock_lots/${lots.c.id}/trace`);
    await page.reload();
    await page.getByRole('heading', { name: `Rückverfolgung Partie ${lots.c.lot_number}`, level: 1 }).waitFor();
    const parents = section(page, 'trace-parents');
    await parents.getByRole('heading', { name: 'Ausgangspartien' }).waitFor();
    await expect.poll(() => parents.getByRole('row').nth(1).textContent()).toMatch(/1\.250,500 t02\.03\.2026$/);
    await page.evaluate("localStorage.setItem('RaStore.locale', JSON.stringify('en'))");
  });
});
