import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, repoRoot, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, getOne, listUrl, type Rec } from './seed-helpers.ts';

/**
 * The demo's domain rules, written as entity hooks in TypeScript definitions and run by the operations
 * layer inside each write's transaction: fulfilment from weighbridge tickets, the certificate check on
 * call-offs, the credit-limit warning, invoice amounts and due dates, quality discounts; and the demo's
 * locked states and four eyes. Through the REST API as the demo roles (config/roles.yaml) would use it.
 */
describeEachEngine('domain rules and workflows of the demo (entity hooks)', (engine) => {
  let t: TestApp;
  let trader: { token: string; id: number };
  let logistics: { token: string; id: number };
  let accountant: { token: string; id: number };
  let supplier: Rec;
  let customer: Rec;
  let wheat: Rec;
  let site: Rec;
  const as = (who: { token: string }) => ({ token: who.token });

  beforeAll(async () => {
    t = await startTestApp(engine, { dir: repoRoot });
    trader = await t.loginAs('tina', ['trader']);
    logistics = await t.loginAs('lars', ['logistics']);
    accountant = await t.loginAs('anke', ['accountant']);
    supplier = await create(t, 'partners', { name: 'Agrarhandel Brandt GmbH', kind: 'supplier', country: 'DE', payment_terms_days: 14 });
    customer = await create(t, 'partners', { name: 'Mischfutterwerk Weser GmbH', kind: 'customer', country: 'DE', credit_limit: '500000.00' });
    wheat = await create(t, 'commodities', { name: 'Futterweizen', code: 'FW', commodity_group: 'grain', unit: 't', required_certificate: 'gmp_plus' });
    site = await create(t, 'sites', { code: 'BRE', name: 'Silo Bremen', kind: 'warehouse', country: 'DE' });
  }, 120_000);
  afterAll(async () => t?.close());

  /** An active contract of the trader (created and activated as the trader would). */
  async function activeContract(extra: Record<string, unknown> = {}): Promise<Rec> {
    const body = { side: 'purchase', partner: supplier.id, commodity: wheat.id, quantity: '100.000', price: '210.00', tolerance_pct: '2', trader: trader.id, signed_at: '2026-11-02T10:00:00.000Z', ...extra };
    const created = await t.request<Rec>('POST', '/api/contracts', body, as(trader));
    expectStatus(created, 201);
    const activated = await t.request<Rec>('POST', `/api/contracts/${created.body.id}/transitions/activate`, {}, as(trader));
    expectStatus(activated, 200);
    return activated.body;
  }

  const ticket = (contract: Rec | null, gross: string, tare: string) => ({
    site: site.id,
    direction: 'in',
    vehicle_plate: 'HB-KT 412',
    gross,
    tare,
    weighed_at: '2026-11-20T09:30:00.000Z',
    ...(contract ? { contract: contract.id, partner: supplier.id, commodity: wheat.id } : {}),
  });

  describe('fulfilment follows the weighbridge', () => {
    it('books, corrects and removes the contract delivery with the ticket; delivered, open and fulfilment % follow', async () => {
      const contract = await activeContract();
      const booked = await t.request<Rec>('POST', '/api/weighbridge_tickets', ticket(contract, '40.000', '14.500'), as(logistics));
      expectStatus(booked, 201);
      let shown = await getOne(t, 'contracts', contract.id);
      expect(shown.deliveries).toEqual([expect.objectContaining({ ticket_no: booked.body.number, net_weight: '25.500', date: '2026-11-20', vehicle: 'HB-KT 412' })]);
      expect(shown).toMatchObject({ delivered: '25.500', open_quantity: '74.500', fulfilment_pct: '25.5', within_tolerance: false });

      const corrected = await t.request<Rec>('PUT', `/api/weighbridge_tickets/${booked.body.id}`, { gross: '40.200' }, as(logistics));
      expectStatus(corrected, 200);
      shown = await getOne(t, 'contracts', contract.id);
      expect(shown.deliveries).toHaveLength(1);
      expect(shown).toMatchObject({ delivered: '25.700', open_quantity: '74.300' });

      // The list shows the figures too (aggregate and compute functions, no children needed).
      const listed = await t.request<Rec[]>('GET', listUrl('contracts', { filter: { id: [contract.id] } }));
      expect(listed.body[0]).toMatchObject({ delivered: '25.700', fulfilment_pct: '25.7' });

      expectStatus(await t.request('DELETE', `/api/weighbridge_tickets/${booked.body.id}`), 200);
      shown = await getOne(t, 'contracts', contract.id);
      expect(shown.deliveries).toEqual([]);
      expect(shown.open_quantity).toBe('100.000');
    });

    it('writes the delivery in the ticket\'s transaction, audited as the user who weighed', async () => {
      const contract = await activeContract();
      const booked = await t.request<Rec>('POST', '/api/weighbridge_tickets', ticket(contract, '30.000', '10.000'), as(logistics));
      expectStatus(booked, 201);
      const [delivery] = (await getOne(t, 'contracts', contract.id)).deliveries as Rec[];
      const audit = await t.request<Rec[]>('GET', listUrl('audit', { filter: { entity: 'delivery', record_id: delivery?.id } }));
      expectStatus(audit, 200);
      expect(audit.body).toEqual([expect.objectContaining({ action: 'create', actor: 'lars' })]);
    });

    it('refuses a ticket against a contract that is not active, and writes nothing', async () => {
      const draft = await create(t, 'contracts', { side: 'purchase', partner: supplier.id, commodity: wheat.id, quantity: '10' });
      const before = await t.request<Rec[]>('GET', listUrl('weighbridge_tickets', { range: [0, 0] }));
      const refused = await t.request('POST', '/api/weighbridge_tickets', ticket(draft, '30.000', '10.000'), as(logistics));
      const body = expectError(refused, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION', fields: ['contract'] });
      expect(body.message).toContain(`${draft.number} is draft`);
      const after = await t.request<Rec[]>('GET', listUrl('weighbridge_tickets', { range: [0, 0] }));
      expect(after.headers['content-range']).toBe(before.headers['content-range']);
      expect((await getOne(t, 'contracts', draft.id)).deliveries).toEqual([]);
    });

    it('marks a contract fulfilled only within quantity ± tolerance', async () => {
      const contract = await activeContract({ quantity: '50.000', tolerance_pct: '2' });
      expectStatus(await t.request('POST', '/api/weighbridge_tickets', ticket(contract, '40.000', '12.000'), as(logistics)), 201);
      const early = await t.request('POST', `/api/contracts/${contract.id}/transitions/fulfil`, {}, as(trader));
      const body = expectError(early, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION', fields: ['status'] });
      expect(body.message).toContain('28.000 t delivered, the tolerance allows 49.000–51.000 t');
      expectStatus(await t.request('POST', '/api/weighbridge_tickets', ticket(contract, '35.500', '14.000'), as(logistics)), 201);
      expect(await getOne(t, 'contracts', contract.id)).toMatchObject({ delivered: '49.500', within_tolerance: true, fulfilment_pct: '99.0' });
      const fulfilled = await t.request<Rec>('POST', `/api/contracts/${contract.id}/transitions/fulfil`, {}, as(trader));
      expectStatus(fulfilled, 200);
      expect(fulfilled.body.status).toBe('fulfilled');
    });
  });

  describe('call-offs need the partner\'s certificate', () => {
    it('refuses a call-off while the required GMP+ certificate has expired, naming it; accepts it once renewed', async () => {
      const contract = await activeContract();
      await create(t, 'certificates', { partner: supplier.id, scheme: 'gmp_plus', number: 'GMP042123', valid_from: '2023-11-01', valid_to: '2026-10-31' });
      const callOff = { contract: contract.id, quantity: '25.000', requested_from: '2026-12-01', site: site.id };
      const refused = await t.request('POST', '/api/call_offs', callOff, as(logistics));
      const body = expectError(refused, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION', fields: ['contract'] });
      expect(body.message).toBe('Call-off refused: Futterweizen requires GMP+ FSA, and the GMP+ FSA certificate GMP042123 of Agrarhandel Brandt GmbH expired on 2026-10-31 (delivery on 2026-12-01)');

      await create(t, 'certificates', { partner: supplier.id, scheme: 'gmp_plus', number: 'GMP042999', valid_from: '2026-11-01', valid_to: '2029-10-31' });
      const accepted = await t.request<Rec>('POST', '/api/call_offs', callOff, as(logistics));
      expectStatus(accepted, 201);
      expectStatus(await t.request('POST', `/api/call_offs/${accepted.body.id}/transitions/confirm`, {}, as(logistics)), 200);
    });

    it('checks again when a call-off moves past the certificate\'s end', async () => {
      const contract = await activeContract();
      const callOff = await t.request<Rec>('POST', '/api/call_offs', { contract: contract.id, quantity: '5', requested_from: '2027-01-10' }, as(logistics));
      expectStatus(callOff, 201);
      const moved = await t.request('PUT', `/api/call_offs/${callOff.body.id}`, { requested_from: '2030-01-10' }, as(logistics));
      expect((expectError(moved, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION' })).message).toContain('GMP042999 of Agrarhandel Brandt GmbH expired on 2029-10-31');
    });

    it('lets commodities without a required scheme through', async () => {
      const straw = await create(t, 'commodities', { name: 'Stroh', code: 'ST', commodity_group: 'other', unit: 't' });
      const contract = await activeContract({ commodity: straw.id, partner: customer.id });
      expectStatus(await t.request('POST', '/api/call_offs', { contract: contract.id, quantity: '5', requested_from: '2026-12-03' }, as(logistics)), 201);
    });
  });

  describe('credit limit on new sales contracts', () => {
    const sale = (quantity: string) => ({ side: 'sale', partner: customer.id, commodity: wheat.id, quantity, price: '250.00', trader: trader.id });

    it('creates the contract but warns (header and stored text) when the partner\'s open sales exceed the limit', async () => {
      const first = await t.request<Rec>('POST', '/api/contracts', sale('1500'), as(trader));
      expectStatus(first, 201);
      expect(first.headers['kontor-warning']).toBeUndefined();
      expect(first.body.credit_warning).toBeNull();
      const second = await t.request<Rec>('POST', '/api/contracts', sale('800'), as(trader));
      expectStatus(second, 201);
      const expected = 'Credit limit of Mischfutterwerk Weser GmbH exceeded: open sales 375000.00 EUR + this contract 200000.00 EUR = 575000.00 EUR > limit 500000.00 EUR';
      expect(second.body.credit_warning).toBe(expected);
      expect(JSON.parse(decodeURIComponent(String(second.headers['kontor-warning'])))).toEqual([expected]);
    });

    it('does not check purchases, and a user cannot write the warning', async () => {
      const purchase = await t.request<Rec>('POST', '/api/contracts', { ...sale('5000'), side: 'purchase', credit_warning: 'none' }, as(trader));
      expectStatus(purchase, 201);
      expect(purchase.body.credit_warning).toBeNull();
    });
  });

  describe('invoices', () => {
    it('stores line amounts and VAT, sums them in lists, and derives the due date from the payment terms', async () => {
      const invoice = await t.request<Rec>(
        'POST',
        '/api/invoices',
        {
          kind: 'self_billing',
          partner: supplier.id,
          invoice_date: '2026-11-20',
          lines: [
            { description: 'Futterweizen, 25,5 t', quantity: '25.500', unit: 't', unit_price: '212.40', vat_rate: '7' },
            { description: 'Qualitätsabzug Feuchte', quantity: '25.500', unit: 't', unit_price: '-1.50', vat_rate: '7' },
            { description: 'Trocknung', quantity: '1', unit: 'flat_rate', unit_price: '120.00', vat_rate: '19' },
          ],
        },
        as(accountant),
      );
      expectStatus(invoice, 201);
      expect(invoice.body.due_date).toBe('2026-12-04');
      expect((invoice.body.lines as Rec[]).map((l) => [l.net_amount, l.vat_amount])).toEqual([['5416.20', '379.13'], ['-38.25', '-2.68'], ['120.00', '22.80']]);
      expect(invoice.body).toMatchObject({ net_total: '5497.95', vat_total: '399.25', gross_total: '5897.20' });
      const listed = await t.request<Rec[]>('GET', listUrl('invoices', { filter: { id: [invoice.body.id] } }));
      expect(listed.body[0]).toMatchObject({ net_total: '5497.95', vat_total: '399.25', gross_total: '5897.20' });
    });

    it('refuses to post an invoice without lines', async () => {
      const empty = await t.request<Rec>('POST', '/api/invoices', { partner: customer.id, invoice_date: '2026-11-20' }, as(accountant));
      expectStatus(empty, 201);
      const refused = await t.request('POST', `/api/invoices/${empty.body.id}/transitions/post`, {}, as(accountant));
      expectError(refused, 422, { code: 'KONTOR_HTTP_RULE_VIOLATION', fields: ['lines'] });
    });
  });

  describe("the demo's workflows: locks and four eyes", () => {
    it('a fulfilled contract and a posted invoice are read-only; only their transitions change them', async () => {
      const contract = await activeContract({ quantity: '10.000', tolerance_pct: '0' });
      expectStatus(await t.request('POST', '/api/weighbridge_tickets', ticket(contract, '24.000', '14.000'), as(logistics)), 201);
      expectStatus(await t.request('POST', `/api/contracts/${contract.id}/transitions/fulfil`, {}, as(trader)), 200);
      expectError(await t.request('PUT', `/api/contracts/${contract.id}`, { notes: 'late change' }, as(trader)), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });

      const invoice = await t.request<Rec>('POST', '/api/invoices', { partner: supplier.id, lines: [{ description: 'Weizen', quantity: '10', unit_price: '200.00' }] }, as(accountant));
      expectStatus(invoice, 201);
      expectStatus(await t.request('POST', `/api/invoices/${invoice.body.id}/transitions/post`, {}, as(accountant)), 200);
      expectError(await t.request('PUT', `/api/invoices/${invoice.body.id}`, { notes: 'x' }, as(accountant)), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      expectError(await t.request('DELETE', `/api/invoices/${invoice.body.id}`), 409, { code: 'KONTOR_HTTP_RECORD_LOCKED' });
      const reversed = await t.request<Rec>('POST', `/api/invoices/${invoice.body.id}/transitions/reverse`, {}, as(accountant));
      expectStatus(reversed, 200);
      expect(reversed.body.status).toBe('reversed');
    });

    it('a leave request is decided by someone other than who entered it (four eyes), and only by hr or the managing director', async () => {
      const hr = await t.loginAs(`hanna-${Date.now()}`, ['hr']);
      const director = await t.loginAs(`marta-${Date.now()}`, ['managing_director']);
      const employee = await t.request<Rec>('POST', '/api/employees', { name: 'Jens Petersen', department: 'contracts', entry_date: '2024-04-01' }, as(hr));
      expectStatus(employee, 201);
      const request = await t.request<Rec>('POST', '/api/leave_requests', { employee: employee.body.id, start_date: '2026-12-21', end_date: '2026-12-23', days: '3' }, as(hr));
      expectStatus(request, 201);
      expectError(await t.request('POST', `/api/leave_requests/${request.body.id}/transitions/approve`, {}, as(hr)), 403, { code: 'KONTOR_HTTP_FOUR_EYES' });
      expectError(await t.request('POST', `/api/leave_requests/${request.body.id}/transitions/approve`, {}, as(trader)), 403, { code: 'KONTOR_HTTP_FORBIDDEN' });
      const approved = await t.request<Rec>('POST', `/api/leave_requests/${request.body.id}/transitions/approve`, {}, as(director));
      expectStatus(approved, 200);
      expect(approved.body.status).toBe('approved');
    });
  });

  describe('plugins in the demo: weights in kg or t, IBANs, copying a contract', () => {
    it('books a weighbridge ticket weighed in kg as tonnes, and the contract delivery from it', async () => {
      const contract = await activeContract();
      const booked = await t.request<Rec>('POST', '/api/weighbridge_tickets', ticket(contract, '40120 kg', '14.5 t'), as(logistics));
      expectStatus(booked, 201);
      expect(booked.body).toMatchObject({ gross: '40.120', tare: '14.500', net: '25.620' });
      expect((await getOne(t, 'contracts', contract.id)).delivered).toBe('25.620');
      expectError(await t.request('POST', '/api/weighbridge_tickets', ticket(contract, '40120.5 kg', '14.5 t'), as(logistics)), 400, { fields: ['gross'] });
    });

    it("refuses a partner's IBAN with a wrong check digit and stores a pasted one compact", async () => {
      expectError(await t.request('PUT', `/api/partners/${supplier.id}`, { iban: 'DE89370400440532013001' }), 400, { fields: ['iban'] });
      const saved = await t.request<Rec>('PUT', `/api/partners/${supplier.id}`, { iban: 'de89 3704 0044 0532 0130 00' });
      expectStatus(saved, 200);
      expect(saved.body.iban).toBe('DE89370400440532013000');
    });

    it('a trader copies any contract, a fulfilled one too, as a new draft of their own; logistics may not', async () => {
      const colleague = await t.loginAs(`tom-${engine}`, ['trader']);
      const original = await activeContract({ quantity: '50.000', incoterm: 'FCA' });
      const copied = await t.request<Rec>('POST', `/api/contracts/${original.id}/actions/duplicate`, {}, as(colleague));
      expectStatus(copied, 200);
      const copy = (await t.request<Rec>('GET', String(copied.headers.location))).body;
      expect(copy).toMatchObject({ status: 'draft', trader: colleague.id, partner: supplier.id, commodity: wheat.id, quantity: '50.000', price: '210.00', incoterm: 'FCA', signed_at: null, notes: `Copy of ${original.number}` });
      expect(copy.number).not.toBe(original.number);
      expect((await getOne(t, 'contracts', original.id)).status).toBe('active');
      await t.request('POST', '/api/weighbridge_tickets', ticket(original, '64.500', '14.500'), as(logistics));
      expectStatus(await t.request('POST', `/api/contracts/${original.id}/transitions/fulfil`, {}, as(trader)), 200);
      expectStatus(await t.request('POST', `/api/contracts/${original.id}/actions/duplicate`, {}, as(colleague)), 200);
      expect((await t.request<any>('GET', `/api/contracts/${original.id}/actions`, undefined, as(logistics))).body.custom).toEqual([]);
      expectError(await t.request('POST', `/api/contracts/${original.id}/actions/duplicate`, {}, as(logistics)), 403);
    });
  });

  describe('quality discounts', () => {
    it('computes the discount per tonne from the discount schedules of the sample\'s commodity, and the rejection limit', async () => {
      await create(t, 'discount_schedules', { name: 'Weizen Feuchte', commodity: wheat.id, parameter: 'moisture', applies: 'above', threshold: '14.50', step: '0.10', discount_per_point: '0.30', reject_limit: '16.00' });
      await create(t, 'discount_schedules', { name: 'Weizen Hektolitergewicht', commodity: wheat.id, parameter: 'hectolitre_weight', applies: 'below', threshold: '76.00', step: '1.00', discount_per_point: '1.00' });
      await create(t, 'discount_schedules', { name: 'Weizen Besatz (alt)', commodity: wheat.id, parameter: 'admixture', applies: 'above', threshold: '2.00', step: '1.00', discount_per_point: '9.00', active: false });
      const sample = await create(t, 'samples', { kind: 'intake', commodity: wheat.id });
      const analysis = await create(t, 'lab_analyses', { sample: sample.id, analysed_on: '2026-11-21', moisture: '15.20', hectolitre_weight: '74.50', admixture: '5.00' });
      // moisture: 0.7 over → 7 × 0.30 = 2.10; hl weight: 1.5 under → 2 started steps × 1.00 = 2.00; admixture schedule inactive.
      expect(analysis).toMatchObject({ discount_per_t: '4.10', rejectable: false });
      expect(analysis.discount_details).toContain('Weizen Feuchte: 15.20 vs basis 14.50, 7 × 0.30 = 2.10 EUR/t');
      const wetter = await t.request<Rec>('PUT', `/api/lab_analyses/${analysis.id}`, { moisture: '16.40' });
      expectStatus(wetter, 200);
      expect(wetter.body).toMatchObject({ discount_per_t: '7.70', rejectable: true });
    });
  });
});
