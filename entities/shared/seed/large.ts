import type { BulkSeedApi } from '../../../generators/model/seed-recipe.ts';
import { COMMODITIES, DISCOUNTS, SITES, SPECS, TRADED, cropYear, cropYearStart } from './catalog.ts';
import { BANKS, LAST_NAMES, PLACES, STREETS, type PlaceKey } from './german-data.ts';
import { germanIban, germanPlate, germanVatIdOf } from './identifiers.ts';
import { LARGE_PEOPLE_COUNTS, largeOffice, largePeople } from './large-people.ts';
import { LargeState, type LargeContract } from './large-state.ts';
import { format, lineAmount, percentOf, toDecimal } from '../decimal.helpers.ts';

/** Rows at scale 1 per entity (the master data of the catalog comes on top). */
export const LARGE_COUNTS = {
  partner: 2000, certificate: 4000, supplier_approval: 800, contract: 100_000, contract_amendment: 10_000, call_off: 100_000,
  weighbridge_ticket: 200_000, stock_lot: 50_000, stock_movement: 100_000, sample: 30_000, lab_analysis: 30_000, quality_claim: 2000,
  invoice: 50_000, invoice_line: 150_000, payment: 40_000, purchase_order: 5000, sales_order: 5000, shipment: 10_000, inventory_count: 5000,
  incident: 1000, monitoring_sample: 5000, sustainability_declaration: 5000,
} as const;

const PREFIXES = ['Agrarhandel', 'Landhandel', 'Getreidehandel', 'Mühle', 'Futtermittel', 'Landwirtschaft', 'Agrar', 'Saaten'] as const;
const FORMS = ['GmbH', 'GmbH & Co. KG', 'eG', 'KG', 'GbR', 'AG'] as const;

/**
 * The large data set for benchmarks: the same company as the small one, with about 1.2 million rows at
 * scale 1 (100,000 contracts, 200,000 weighbridge tickets and as many deliveries, 150,000 invoice lines...),
 * over the two years before today. Rows are consistent with each other (a delivery per ticket booked on a
 * contract, lots with their movements, invoices with lines) but written in bulk: no hooks run, so what
 * hooks would set is set here.
 */
export async function seedLargeDemo(api: BulkSeedApi): Promise<void> {
  const state = new LargeState(api);
  const n = state.count;
  const tickets = n(LARGE_COUNTS.weighbridge_ticket);
  // Every entity's rows, a delivery per ticket, two lines per order, the join rows (commodities of partners and
  // approvals, parents of a tenth of the lots) and the master data.
  const rows = [...Object.values(LARGE_COUNTS), ...Object.values(LARGE_PEOPLE_COUNTS)].reduce((sum, count) => sum + n(count), 0);
  const lines = 2 * (n(LARGE_COUNTS.purchase_order) + n(LARGE_COUNTS.sales_order));
  api.expect(rows + tickets + lines + Math.round(2.5 * n(LARGE_COUNTS.partner) + 2 * n(LARGE_COUNTS.supplier_approval) + 0.2 * n(LARGE_COUNTS.stock_lot)) + 200);
  await largeMasterdata(state);
  await largeContracts(state);
  await largeLogistics(state);
  await largeQuality(state);
  await largeFinance(state);
  await largePeople(state);
  await largeOffice(state);
}

async function largeMasterdata(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('masterdata');
  for (const site of SITES) {
    const at = PLACES[site.place];
    const id = (await api.insert('site', { code: site.code, name: site.name, kind: site.kind, street: site.street, postcode: at.postcode, city: at.city, has_weighbridge: site.weighbridge })).id;
    state.sites.push({ id, code: site.code, bins: [] });
    for (const silo of site.silos) {
      const siloId = (await api.insert('silo', { site: id, code: silo.code, name: silo.name, construction: silo.construction, capacity: (silo.bins * silo.binCapacity).toFixed(3) })).id;
      for (let i = 1; i <= silo.bins; i++) {
        const bin = await api.insert('bin', { silo: siloId, code: `${silo.code}-Z${String(i).padStart(2, '0')}`, capacity: silo.binCapacity.toFixed(3), status: 'in_use' });
        state.sites.at(-1)?.bins.push(bin.id);
      }
    }
  }
  for (const c of COMMODITIES) {
    const id = (await api.insert('commodity', { name: c.name, code: c.code, commodity_group: c.group, hs_code: c.hs, unit: c.unit ?? 't', organic: c.organic ?? false, gmo_free: c.gmoFree ?? false, ...(c.certificate ? { required_certificate: c.certificate } : {}) })).id;
    state.commodities.set(c.code, { id, price: c.price });
  }
  const validFrom = cropYearStart(api.today);
  for (const spec of SPECS) {
    const id = (await api.insert('quality_spec', { name: `${spec.name} ${validFrom.slice(0, 4)}`, commodity: state.commodity(spec.commodity).id, basis: spec.basis, valid_from: validFrom })).id;
    for (const [parameter, min, max, unit] of spec.limits) await api.insert('quality_spec_parameter', { quality_spec: id, parameter, min, max, unit });
    if (!state.specs.has(spec.commodity)) state.specs.set(spec.commodity, id);
  }
  for (const d of DISCOUNTS) {
    await api.insert('discount_schedule', { name: d.name, commodity: state.commodity(d.commodity).id, parameter: d.parameter, applies: d.applies, threshold: d.threshold, step: d.step, discount_per_point: d.discount, valid_from: validFrom, ...(d.reject ? { reject_limit: d.reject } : {}) });
  }
  const places = Object.keys(PLACES).filter((key) => PLACES[key as PlaceKey].country === 'DE') as PlaceKey[];
  const traded = TRADED.map((code) => state.commodity(code).id);
  // At least 40, so that every kind of partner exists at any scale.
  for (let i = 0; i < Math.max(40, state.count(LARGE_COUNTS.partner)); i++) {
    const at = PLACES[random.pick(places)];
    const kind = i % 10 < 4 ? 'customer' : i % 10 < 8 ? 'supplier' : i % 10 === 8 ? 'both' : random.pick(['haulier', 'laboratory', 'broker', 'service_provider'] as const);
    const last = random.pick(LAST_NAMES);
    const body = String(10_000_000 + i * 37 + 1);
    const bank = random.pick(BANKS);
    const id = (
      await api.insert('partner', {
        name: `${random.pick(PREFIXES)} ${last} ${random.pick(FORMS)}`, kind, vat_id: germanVatIdOf(body), email: `info@${last.toLowerCase().replace(/[^a-z]/g, '')}-${i}.de`,
        phone: `+49 ${at.phone} ${random.int(100000, 999999)}`, street: `${random.pick(STREETS)} ${random.int(1, 120)}`, postcode: at.postcode, city: at.city, country: 'DE',
        credit_limit: kind === 'customer' || kind === 'both' ? `${random.int(10, 300) * 10000}.00` : null, iban: germanIban(random, bank.blz), bic: bank.bic,
        kyc_status: random.chance(0.9) ? 'verified' : 'in_review', sanctions_status: 'clear', sanctions_screened_at: api.day(-random.int(1, 300)),
        commodities: random.shuffle(traded).slice(0, random.int(1, 4)),
      })
    ).id;
    state.partners.push({ id, kind, plate: at.plate });
    if (kind === 'customer' || kind === 'supplier' || kind === 'both') {
      await api.insert('certificate', { partner: id, scheme: 'gmp_plus', number: `GMP0${10000 + i}`, valid_from: api.day(-random.int(400, 900)), valid_to: api.day(random.int(-30, 700)), certification_body: 'NordCert Agrar GmbH' });
      await api.insert('certificate', { partner: id, scheme: 'qs', number: `QS-ID 4049${100000000 + i}`, valid_from: api.day(-random.int(100, 500)), valid_to: api.day(random.int(30, 900)), certification_body: 'AgriQual Zertifizierungsgesellschaft mbH' });
    }
    if ((kind === 'supplier' || kind === 'both') && state.approvals < state.count(LARGE_COUNTS.supplier_approval)) {
      state.approvals++;
      await api.insert('supplier_approval', { partner: id, status: random.chance(0.85) ? 'approved' : 'conditional', risk_class: random.pick(['low', 'low', 'medium', 'high']), approved_at: api.day(-random.int(10, 700)), next_review: api.day(random.int(-20, 365)), commodities: random.shuffle(traded).slice(0, 2) });
    }
  }
}

async function largeContracts(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('contracts');
  const trader = api.users.trader ?? null;
  const customers = state.partners.filter((p) => p.kind === 'customer' || p.kind === 'both');
  const suppliers = state.partners.filter((p) => p.kind === 'supplier' || p.kind === 'both');
  for (let i = 0; i < state.count(LARGE_COUNTS.contract); i++) {
    const side = random.chance(0.5) ? 'purchase' : 'sale';
    const partner = random.pick(side === 'sale' ? customers : suppliers);
    const code = random.pick(TRADED);
    const commodity = state.commodity(code);
    const from = -random.int(0, 720);
    const roll = random.next();
    const status = from > -30 && roll < 0.3 ? 'draft' : roll < 0.1 ? 'cancelled' : from < -120 ? 'fulfilled' : 'active';
    const quantity = random.int(20, 200) * 25;
    const price = Math.round((commodity.price[0] + random.next() * (commodity.price[1] - commodity.price[0])) * 4) / 4;
    const site = random.pick(state.sites.slice(1));
    const row = await api.insert('contract', {
      side, partner: partner.id, commodity: commodity.id, quantity: `${quantity}.000`, price: price.toFixed(2), currency: 'EUR', delivery_from: api.day(from), delivery_to: api.day(from + random.int(30, 120)),
      status, tolerance_pct: '5.00', incoterm: side === 'sale' ? 'FCA' : 'DAP', terms_basis: 'ehb', crop_year: cropYear(api.day(from)), origin: 'DE', payment_days: 30,
      ...(status === 'draft' ? {} : { signed_at: api.at(from - 3, '10:00') }), ...(trader !== null && i % 10 !== 0 ? { trader } : {}), ...(state.specs.has(code) ? { quality_spec: state.specs.get(code) } : {}),
    });
    const contract: LargeContract = { id: row.id, side, partner, commodity: code, status, from, price, site };
    state.contracts.push(contract);
    if (status === 'active' || status === 'fulfilled') state.open.push(contract);
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.contract_amendment); i++) {
    const contract = random.pick(state.open);
    await api.insert('contract_amendment', { contract: contract.id, amended_on: api.day(Math.min(0, contract.from + random.int(5, 60))), change_kind: random.pick(['quantity', 'price', 'delivery_period']), description: 'Nachtrag lt. Telefonat, schriftlich bestätigt', signed: random.chance(0.8), currency: 'EUR' });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.call_off); i++) {
    const contract = random.pick(state.open);
    const day = Math.min(30, contract.from + random.int(0, 100));
    const status = day < -3 ? (random.chance(0.9) ? 'delivered' : 'cancelled') : random.pick(['draft', 'confirmed', 'in_transit']);
    const row = await api.insert('call_off', { contract: contract.id, quantity: `${random.int(2, 12) * 25}.000`, requested_from: api.day(day), requested_to: api.day(day + random.int(1, 5)), site: contract.site.id, status, customer_reference: `AB-${100000 + i}` });
    state.callOffs.push({ id: row.id, contract });
  }
}

/** Weighbridge tickets with their deliveries, lots with parents, movements, counts, orders and shipments. */
async function largeLogistics(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('logistics');
  const operator = api.users.warehouse ?? null;
  for (let i = 0; i < state.count(LARGE_COUNTS.weighbridge_ticket); i++) {
    const callOff = random.chance(0.5) ? random.pick(state.callOffs) : null;
    const contract = callOff?.contract ?? random.pick(state.open);
    const day = Math.min(0, contract.from + random.int(0, 110));
    const tare = random.int(13800, 16400);
    const net = random.int(22000, 27500);
    const at = api.at(day, `${String(random.int(6, 15)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`);
    const ticket = await api.insert('weighbridge_ticket', {
      weighed_at: at, site: contract.site.id, direction: contract.side === 'purchase' ? 'in' : 'out', vehicle_plate: germanPlate(random, contract.partner.plate),
      commodity: state.commodity(contract.commodity).id, partner: contract.partner.id, contract: contract.id, ...(callOff ? { call_off: callOff.id } : {}),
      gross: ((net + tare) / 1000).toFixed(3), tare: (tare / 1000).toFixed(3), alibi_no: `A-${100001 + i}`, ...(operator !== null ? { operator } : {}),
    });
    // What the ticket's hook does on the write path: the contract's delivery row.
    await api.insert('delivery', { contract: contract.id, date: at.slice(0, 10), ticket_no: String(ticket.number), net_weight: (net / 1000).toFixed(3), vehicle: null });
    state.tickets.push({ id: ticket.id, contract, net, day });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.stock_lot); i++) {
    const ticket = random.pick(state.tickets);
    const site = ticket.contract.site;
    const parents = i > 10 && random.chance(0.1) ? [state.lots[random.int(0, state.lots.length - 1)]?.id, state.lots[random.int(0, state.lots.length - 1)]?.id].filter((id, k, all): id is number => id !== undefined && all.indexOf(id) === k) : [];
    const lot = await api.insert('stock_lot', {
      commodity: state.commodity(ticket.contract.commodity).id, bin: random.pick(site.bins), quantity: (ticket.net / 1000 * random.int(1, 20)).toFixed(3), produced_at: api.day(ticket.day),
      status: random.pick(['released', 'released', 'released', 'used_up', 'quarantine']), origin_supplier: ticket.contract.partner.id, origin_country: 'DE', crop_year: cropYear(api.day(ticket.day)), parent_lots: parents,
    });
    state.lots.push({ id: lot.id, ticket });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.stock_movement); i++) {
    const lot = random.pick(state.lots);
    const ticket = random.chance(0.8) ? random.pick(state.tickets) : null;
    const kind = ticket ? (ticket.contract.side === 'purchase' ? 'in' : 'out') : random.pick(['transfer', 'blend', 'adjustment']);
    const bin = random.pick(lot.ticket.contract.site.bins);
    await api.insert('stock_movement', {
      kind, lot: lot.id, quantity: ((ticket?.net ?? random.int(1000, 50000)) / 1000).toFixed(3), moved_at: api.at(ticket?.day ?? lot.ticket.day, '12:00'),
      ...(kind === 'in' ? { to_bin: bin } : { from_bin: bin }), ...(ticket ? { weighbridge_ticket: ticket.id } : {}),
    });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.inventory_count); i++) {
    const site = random.pick(state.sites.slice(1));
    const book = random.int(50, 2000);
    await api.insert('inventory_count', { counted_on: api.day(-random.int(0, 700)), bin: random.pick(site.bins), method: 'sounding', book_quantity: `${book}.000`, counted_quantity: (book * (0.99 + random.next() * 0.02)).toFixed(3) });
  }
  const hauliers = state.partners.filter((p) => p.kind === 'haulier');
  const supplies = ['KALK', 'PROP', 'SS', 'RS', 'WK'].map((code) => state.commodity(code).id);
  for (let i = 0; i < state.count(LARGE_COUNTS.purchase_order); i++) {
    const order = await api.insert('purchase_order', { supplier: random.pick(state.partners).id, order_date: api.day(-random.int(0, 700)), status: random.pick(['draft', 'ordered', 'received', 'received', 'cancelled']), site: random.pick(state.sites).id });
    for (let line = 0; line < 2; line++) await api.insert('purchase_order_line', withAmount({ purchase_order: order.id, commodity: random.pick(supplies), quantity: `${random.int(5, 100)}.000`, unit_price: `${random.int(60, 450)}.00` }));
    state.orders.purchase.push(order.id);
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.sales_order); i++) {
    const order = await api.insert('sales_order', { customer: random.pick(state.partners).id, order_date: api.day(-random.int(0, 700)), status: random.pick(['draft', 'confirmed', 'shipped', 'shipped', 'cancelled']), site: random.pick(state.sites).id });
    for (let line = 0; line < 2; line++) await api.insert('sales_order_line', withAmount({ sales_order: order.id, commodity: state.commodity(random.pick(['MLF', 'WK', 'RS'])).id, quantity: `${random.int(5, 50)}.000`, unit_price: `${random.int(170, 420)}.00` }));
    state.orders.sales.push(order.id);
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.shipment); i++) {
    const callOff = random.pick(state.callOffs);
    await api.insert('shipment', {
      call_off: callOff.id, commodity: state.commodity(callOff.contract.commodity).id, quantity: '25.000', mode: 'truck', vehicle_plate: germanPlate(random, 'CUX'), document_type: 'cmr',
      document_number: `CMR-${1000000 + i}`, loading_site: callOff.contract.site.id, prev_load_1: 'Weizen', loading_compartment_checked: true,
      ...(hauliers.length > 0 ? { haulier: random.pick(hauliers).id } : {}), departure_at: api.at(Math.min(0, callOff.contract.from + 10), '06:00'),
    });
  }
}

async function largeQuality(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('quality');
  const labs = state.partners.filter((p) => p.kind === 'laboratory');
  for (let i = 0; i < state.count(LARGE_COUNTS.sample); i++) {
    const lot = random.pick(state.lots);
    const sample = await api.insert('sample', { kind: random.pick(['intake', 'intake', 'dispatch', 'retained']), lot: lot.id, weighbridge_ticket: lot.ticket.id, commodity: state.commodity(lot.ticket.contract.commodity).id, taken_at: api.at(lot.ticket.day, '11:00'), seal_number: `PL-${500000 + i}` });
    const failed = random.chance(0.08);
    const values = { moisture: random.decimal(failed ? 15 : 12, failed ? 16.5 : 14.5, 2), protein: random.decimal(10, 14, 2), hectolitre_weight: random.decimal(70, 80, 1), falling_number: random.int(200, 380) };
    await api.insert('lab_analysis', {
      sample: sample.id, analysed_on: api.day(Math.min(0, lot.ticket.day + 1)), ...values, ...discount(lot.ticket.contract.commodity, values), result: failed ? 'failed' : 'passed', ...(labs.length > 0 && i % 3 === 0 ? { lab: random.pick(labs).id, report_number: `PB-${100000 + i}` } : {}),
      ...(state.specs.has(lot.ticket.contract.commodity) ? { quality_spec: state.specs.get(lot.ticket.contract.commodity) } : {}),
    });
    state.analyses.push(sample.id);
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.quality_claim); i++) {
    const contract = random.pick(state.open);
    await api.insert('quality_claim', { direction: contract.side === 'sale' ? 'received' : 'raised', contract: contract.id, claimed_on: api.day(Math.min(0, contract.from + 40)), description: 'Abweichung von der Kontraktqualität', amount: `${random.int(200, 8000)}.00`, status: random.pick(['open', 'negotiating', 'settled', 'rejected']) });
  }
  const commodities = TRADED.map((code) => state.commodity(code).id);
  for (let i = 0; i < state.count(LARGE_COUNTS.incident); i++) {
    await api.insert('incident', { kind: random.pick(['deviation', 'complaint', 'recall']), severity: random.pick(['low', 'medium', 'medium', 'high']), reported_at: api.at(-random.int(0, 700), '09:00'), commodity: random.pick(commodities), lot: random.pick(state.lots).id, description: 'Abweichung bei der Eingangskontrolle', status: random.pick(['open', 'investigating', 'closed', 'closed']) });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.monitoring_sample); i++) {
    await api.insert('monitoring_sample', { programme: random.pick(['own_check', 'qs_monitoring', 'gmp_plus_monitoring']), commodity: random.pick(commodities), lot: random.pick(state.lots).id, sampled_on: api.day(-random.int(0, 700)), parameter: random.pick(['don', 'zea', 'aflatoxin_b1']), result: random.decimal(0, 900, 4), limit: '1250.0000', unit: 'ug_per_kg' });
  }
  for (let i = 0; i < state.count(LARGE_COUNTS.sustainability_declaration); i++) {
    const contract = random.pick(state.open);
    await api.insert('sustainability_declaration', { direction: contract.side === 'purchase' ? 'received' : 'issued', partner: contract.partner.id, contract: contract.id, certificate_number: `EU-ISCC-Cert-DE${100 + (i % 200)}-${10000 + i}`, declared_on: api.day(Math.min(0, contract.from + 20)), quantity: '500.000', ghg_value: random.decimal(15, 30, 2) });
  }
}

async function largeFinance(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('finance');
  const accounts = [['3300', 'Wareneingang 7 % Vorsteuer', '3'], ['8300', 'Erlöse 7 % USt', '8'], ['8400', 'Erlöse 19 % USt', '8'], ['1200', 'Bank', '1'], ['1400', 'Forderungen aus Lieferungen und Leistungen', '1']];
  const accountIds = new Map<string, number>();
  for (const [number, name, accountClass] of accounts) accountIds.set(number ?? '', (await api.insert('account', { number, name, account_class: accountClass })).id);
  const center = (await api.insert('cost_center', { number: '200', name: 'Getreide- und Ölsaatenhandel' })).id;
  const lines = state.count(LARGE_COUNTS.invoice_line);
  const invoices = state.count(LARGE_COUNTS.invoice);
  for (let i = 0; i < invoices; i++) {
    const contract = random.pick(state.open);
    const day = Math.min(0, contract.from + random.int(10, 120));
    const status = day > -10 ? 'draft' : random.chance(0.02) ? 'reversed' : 'posted';
    const invoice = await api.insert('invoice', { kind: contract.side === 'sale' ? 'sales_invoice' : 'self_billing', partner: contract.partner.id, contract: contract.id, invoice_date: api.day(day), due_date: api.day(day + 30), status });
    const count = Math.floor(((i + 1) * lines) / invoices) - Math.floor((i * lines) / invoices);
    let net = 0;
    for (let line = 0; line < count; line++) {
      const quantity = line === 0 ? random.int(25, 500) : 1;
      const price = line === 0 ? contract.price : -random.int(50, 400);
      net += quantity * price;
      const amounts = withAmount({ quantity: `${quantity}.000`, unit_price: price.toFixed(2) }, 'net_amount');
      await api.insert('invoice_line', {
        ...amounts, invoice: invoice.id, description: line === 0 ? 'Ware lt. Kontrakt' : 'Qualitätsabzug', commodity: state.commodity(contract.commodity).id, unit: line === 0 ? 't' : 'flat_rate',
        vat_rate: '7', vat_amount: format(percentOf(toDecimal(amounts.net_amount) ?? { units: 0n, scale: 0 }, { units: 7n, scale: 0 }, 2), 2),
        account: accountIds.get(contract.side === 'sale' ? '8300' : '3300'), cost_center: center,
      });
    }
    if (status === 'posted' && state.payments < state.count(LARGE_COUNTS.payment) && net > 0) {
      state.payments++;
      await api.insert('payment', { invoice: invoice.id, direction: contract.side === 'sale' ? 'incoming' : 'outgoing', paid_on: api.day(Math.min(0, day + random.int(5, 30))), amount: (net * 1.07).toFixed(2), method: 'bank_transfer' });
    }
  }
}

/** What the line hooks store: quantity × unit price (the line amount, or an invoice line's net amount). */
function withAmount<T extends { quantity: string; unit_price: string }>(line: T, field = 'line_amount'): T & Record<string, string | null> {
  return { ...line, [field]: lineAmount(line.quantity, line.unit_price) };
}

/**
 * What the lab analysis hook stores: per discount schedule of the commodity, every started step beyond the
 * basis times the discount per point (EUR/t), and whether a rejection limit is passed.
 */
function discount(commodity: string, values: Record<string, string | number>): { discount_per_t: string; discount_details: string | null; rejectable: boolean } {
  let cents = 0;
  let rejectable = false;
  const notes: string[] = [];
  for (const schedule of DISCOUNTS.filter((d) => d.commodity === commodity)) {
    const value = Number(values[schedule.parameter]);
    if (!Number.isFinite(value)) continue;
    const beyond = schedule.applies === 'below' ? Number(schedule.threshold) - value : value - Number(schedule.threshold);
    if (beyond > 0) {
      const points = Math.ceil(Math.round((beyond / Number(schedule.step)) * 1e6) / 1e6);
      cents += points * Math.round(Number(schedule.discount) * 100);
      notes.push(`${schedule.name}: ${points} × ${schedule.discount} EUR/t`);
    }
    if (schedule.reject && (schedule.applies === 'below' ? value < Number(schedule.reject) : value > Number(schedule.reject))) rejectable = true;
  }
  return { discount_per_t: (cents / 100).toFixed(2), discount_details: notes.length > 0 ? notes.join('\n') : null, rejectable };
}
