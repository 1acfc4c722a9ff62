import { PLACES } from './german-data.ts';
import { money, tonnes, type SeededContract, type SmallState } from './small-state.ts';

/** SKR 03 accounts the demo books on: number, name, account class. */
const ACCOUNTS: Array<[string, string, string]> = [
  ['0200', 'Technische Anlagen und Maschinen', '0'],
  ['0420', 'Technische Anlagen (Silos, Waagen)', '0'],
  ['1200', 'Bank', '1'],
  ['1400', 'Forderungen aus Lieferungen und Leistungen', '1'],
  ['1571', 'Abziehbare Vorsteuer 7 %', '1'],
  ['1576', 'Abziehbare Vorsteuer 19 %', '1'],
  ['1600', 'Verbindlichkeiten aus Lieferungen und Leistungen', '1'],
  ['1771', 'Umsatzsteuer 7 %', '1'],
  ['1776', 'Umsatzsteuer 19 %', '1'],
  ['2650', 'Sonstige Zinsen und ähnliche Erträge', '2'],
  ['3300', 'Wareneingang 7 % Vorsteuer', '3'],
  ['3400', 'Wareneingang 19 % Vorsteuer', '3'],
  ['4730', 'Ausgangsfrachten', '4'],
  ['4900', 'Sonstige betriebliche Aufwendungen', '4'],
  ['7000', 'Unfertige Erzeugnisse und Leistungen', '7'],
  ['8120', 'Steuerfreie Umsätze § 4 Nr. 1a UStG (Ausfuhr)', '8'],
  ['8125', 'Steuerfreie innergemeinschaftliche Lieferungen', '8'],
  ['8300', 'Erlöse 7 % USt', '8'],
  ['8400', 'Erlöse 19 % USt', '8'],
  ['9000', 'Saldenvorträge, Sachkonten', '9'],
];

const COST_CENTERS: Array<[string, string, string | null, string | null]> = [
  ['100', 'Geschäftsführung', 'HH-HQ', null],
  ['200', 'Getreide- und Ölsaatenhandel', 'HH-HQ', '100'],
  ['300', 'Lager Uelzen', 'UE-L1', '100'],
  ['310', 'Lager Stendal', 'SDL-L1', '100'],
  ['320', 'Hafenterminal Wilhelmsburg', 'HH-HT', '100'],
  ['400', 'Mischfutterwerk Lüneburg', 'LG-W1', '100'],
  ['500', 'Verwaltung', 'HH-HQ', '100'],
  ['510', 'IT', 'HH-HQ', '500'],
];

/** Ledger accounts, cost centres, invoices with lines (posted, draft, one reversed) and their payments. */
export async function seedFinance(state: SmallState): Promise<void> {
  const { api, random } = state;
  for (const [number, name, accountClass] of ACCOUNTS) state.accounts.set(number, await api.create('account', { number, name, account_class: accountClass, active: true }));
  for (const [number, name, site, parent] of COST_CENTERS) {
    state.costCenters.set(number, await api.create('cost_center', { number, name, ...(site ? { site: state.site(site) } : {}), ...(parent ? { parent: state.costCenters.get(parent) } : {}) }));
  }
  const account = (number: string) => state.accounts.get(number);
  const trade = state.costCenters.get('200');

  const invoiced = state.contracts.filter((c) => (c.status === 'fulfilled' || c.status === 'active') && state.tickets.some((t) => t.contract?.id === c.id));
  for (const [index, contract] of invoiced.entries()) {
    const tickets = state.tickets.filter((t) => t.contract?.id === contract.id);
    const delivered = tickets.reduce((sum, t) => sum + Number(t.net), 0);
    const foreign = PLACES[contract.partner.seed.place].country !== 'DE';
    const sale = contract.side === 'sale';
    const kind = sale ? 'sales_invoice' : contract.partner.seed.kind === 'supplier' ? 'self_billing' : null;
    if (!kind) continue;
    const lastDay = tickets.map((t) => t.at.slice(0, 10)).sort().at(-1) ?? api.today;
    const offset = Math.round((Date.parse(lastDay) - Date.parse(api.today)) / 86_400_000);
    const invoiceDay = Math.min(0, offset + random.int(1, 4));
    const vat = foreign ? '0' : '7';
    const goods = { commodity: state.commodity(contract.commodity), quantity: tonnes(delivered), unit: 't', vat_rate: vat, account: account(sale ? (foreign ? '8125' : '8300') : '3300'), cost_center: trade };
    const lines: Array<Record<string, unknown>> = [{ ...goods, description: `${commodityName(state, contract)} lt. Kontrakt, ${tickets.length} Wiegescheine`, unit_price: money(contract.price) }];
    if (sale && !foreign && index % 2 === 0) lines.push({ description: 'Fracht frei Empfänger', quantity: tonnes(delivered), unit: 't', unit_price: money(random.int(8, 14)), vat_rate: '19', account: account('8400'), cost_center: trade });
    if (index % 3 === 1) lines.push({ ...goods, description: 'Qualitätsabzug lt. Abzugsstaffel (Feuchte)', unit_price: money(-random.int(1, 3) * 0.75) });
    const id = await api.create('invoice', {
      // No due date: the invoice's hook takes it from the contract's payment terms.
      kind, partner: contract.partner.id, contract: contract.id, invoice_date: api.day(invoiceDay), service_date: lastDay, tax_treatment: foreign ? 'intra_eu' : 'domestic',
      lines: lines.map(withoutUndefined),
      ...(foreign ? { notes: 'Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG).' } : {}),
    });
    const draft = invoiceDay > -5 && index % 2 === 0;
    if (draft) continue;
    await api.transition('invoice', id, 'post');
    if (index === 3) {
      await api.transition('invoice', id, 'reverse');
      continue;
    }
    const [stored] = await api.find('invoice', { id });
    const gross = Number(stored?.gross_total ?? 0);
    if (gross <= 0 || invoiceDay > -8) continue;
    const partial = index % 4 === 2;
    const skonto = !partial && index % 3 === 0 ? Math.round(gross * 0.02 * 100) / 100 : 0;
    await api.create('payment', {
      invoice: id, direction: sale ? 'incoming' : 'outgoing', paid_on: api.day(Math.min(-1, invoiceDay + random.int(6, 25))),
      amount: money(partial ? Math.round(gross * 50) / 100 : gross - skonto), method: 'bank_transfer',
      ...(skonto > 0 ? { cash_discount: money(skonto) } : {}), bank_reference: `${String(stored?.number ?? '')} ${contract.partner.seed.name}`.slice(0, 140),
    });
  }

  // A credit note for a settled quality claim.
  const claim = state.contracts.find((c) => c.partner.seed.key === 'elbmuehlen' && c.status === 'fulfilled');
  if (claim) {
    const id = await api.create('invoice', {
      kind: 'credit_note', partner: claim.partner.id, contract: claim.id, invoice_date: api.day(-6), tax_treatment: 'domestic',
      lines: [{ description: 'Minderung lt. Reklamation (Fallzahl), vergleichsweise Einigung', quantity: '1.000', unit: 'flat_rate', unit_price: '1500.00', vat_rate: '7', account: account('8300'), cost_center: trade }].map(withoutUndefined),
    });
    await api.transition('invoice', id, 'post');
  }
}

function commodityName(state: SmallState, contract: SeededContract): string {
  return state.commodities.get(contract.commodity)?.seed.name ?? contract.commodity;
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
