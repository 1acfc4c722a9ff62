import { COMMODITIES, cropYear } from './catalog.ts';
import { PLACES } from './german-data.ts';
import { germanPlate, vehiclePlate } from './identifiers.ts';
import { EXPIRED_PARTNER } from './small-compliance.ts';
import { money, tonnes, type SeededContract, type SeededPartner, type SmallState } from './small-state.ts';

type Status = SeededContract['status'];

/** side, partner, commodity, quantity (t), status, delivery window (days from today), site it is delivered at. */
type ContractPlan = [SeededContract['side'], string, string, number, Status, number, number, string];

/**
 * The contract book: purchases from cooperatives and farms, sales to mills, feed mills and exporters, in every
 * state. Fulfilled contracts are delivered in full (weighbridge tickets within the tolerance); active ones in
 * part; a few delivery windows end within 14 days or have ended (the dashboard's warnings).
 */
const PLANS: readonly ContractPlan[] = [
  ['purchase', 'landhandel-uelzen', 'WW-B', 500, 'fulfilled', -120, -60, 'UE-L1'],
  ['purchase', 'altmark', 'RA', 500, 'fulfilled', -110, -70, 'SDL-L1'],
  ['sale', 'elbmuehlen', 'WW-B', 500, 'fulfilled', -90, -45, 'HH-HT'],
  ['sale', 'kraftfutter', 'WW-F', 500, 'fulfilled', -80, -40, 'UE-L1'],
  ['purchase', 'rwg', 'GE-F', 500, 'fulfilled', -100, -50, 'UE-L1'],
  ['purchase', 'boerde', 'WW-A', 1500, 'active', -30, 60, 'UE-L1'],
  ['purchase', 'agrar-guestrow', 'RA', 2000, 'active', -25, 10, 'SDL-L1'],
  ['purchase', 'hof-meyer', 'WW-F', 600, 'active', -20, 12, 'UE-L1'],
  ['purchase', 'gut-dannenberg', 'SB', 800, 'active', -15, 45, 'UE-L1'],
  ['purchase', 'danske', 'GE-F', 3000, 'active', -40, -3, 'HH-HT'],
  ['purchase', 'wiebking', 'MA', 1200, 'active', -10, 80, 'SDL-L1'],
  ['purchase', 'brandt', 'AB', 700, 'active', -5, 55, 'UE-L1'],
  ['sale', 'oelmuehle', 'RA', 4000, 'active', -35, 30, 'SDL-L1'],
  ['sale', 'heidemuehle', 'WW-B', 2000, 'active', -20, 40, 'UE-L1'],
  ['sale', 'heidemuehle', 'RO', 2500, 'active', -10, 70, 'UE-L1'],
  ['sale', 'mischfutter', 'TR', 1000, 'active', -25, 8, 'UE-L1'],
  ['sale', 'nordsee', 'WW-B', 5000, 'active', -45, -6, 'HH-HT'],
  ['sale', 'malzfabrik', 'GE-B', 1800, 'active', -12, 90, 'UE-L1'],
  ['sale', 'getreidekontor', 'SS', 900, 'active', -8, 50, 'HH-HT'],
  ['sale', EXPIRED_PARTNER, 'WW-F', 800, 'active', 5, 60, 'UE-L1'],
  ['purchase', 'schulte', 'GE-B', 1500, 'draft', 30, 120, 'UE-L1'],
  ['purchase', 'petersen', 'WW-F', 900, 'draft', 20, 90, 'UE-L1'],
  ['sale', 'muensterland', 'WW-A', 3000, 'draft', 25, 150, 'UE-L1'],
  ['sale', 'gefluegelhof', 'MLF', 400, 'draft', 7, 100, 'UE-L1'],
  ['sale', 'granen', 'MA', 2500, 'draft', 40, 120, 'HH-HT'],
  ['sale', 'nienburg', 'RS', 600, 'draft', 14, 75, 'UE-L1'],
  ['purchase', 'saaten', 'FE', 500, 'cancelled', -60, -10, 'UE-L1'],
  ['sale', 'zaklady', 'WW-B', 3000, 'cancelled', -30, 30, 'HH-HT'],
  ['sale', 'milchvieh', 'RS', 300, 'cancelled', -50, -20, 'UE-L1'],
  ['purchase', 'brandt', 'WW-F', 1000, 'cancelled', 10, 70, 'UE-L1'],
];

/** Contracts through their workflow, with call-offs, weighbridge tickets (the deliveries follow from them) and amendments. */
export async function seedTrade(state: SmallState): Promise<void> {
  const { api, random } = state;
  const trader = state.user('trader');
  const director = state.user('managing_director');
  const prices = new Map(COMMODITIES.map((c) => [c.code, c.price]));
  const planned: Array<{ contract: SeededContract; site: string; from: number; to: number }> = [];
  for (const [index, [side, partnerKey, commodity, quantity, status, from, to, site]] of PLANS.entries()) {
    const partner = state.partner(partnerKey);
    const [low, high] = prices.get(commodity) ?? [200, 250];
    const price = Math.round((low + random.next() * (high - low)) * 4) / 4;
    const foreign = PLACES[partner.seed.place].country !== 'DE';
    const signed = status !== 'draft';
    const owner = index % 7 === 3 ? director : trader;
    const id = await api.create('contract', {
      side, partner: partner.id, commodity: state.commodity(commodity), quantity: tonnes(quantity), price: money(price), currency: 'EUR',
      ...(owner !== null ? { trader: owner } : {}),
      delivery_from: api.day(from), delivery_to: api.day(to), tolerance_pct: quantity <= 500 ? '5.00' : random.pick(['2.00', '5.00', '5.00', '10.00']),
      incoterm: side === 'purchase' ? random.pick(['FCA', 'DAP']) : foreign ? 'FOB' : random.pick(['FCA', 'DAP', 'CPT']),
      incoterm_place: side === 'purchase' ? `frei ${siteName(site)}` : foreign ? 'Hamburg' : `${PLACES[partner.seed.place].city}`,
      payment_terms: side === 'purchase' ? (partner.seed.kind === 'supplier' ? 'self_billing' : 'net') : foreign ? 'cash_against_documents' : 'net',
      payment_days: side === 'purchase' ? 14 : random.pick([10, 14, 30]),
      terms_basis: foreign ? (commodity === 'RA' ? 'fosfa' : 'gafta_48') : 'ehb',
      crop_year: cropYear(api.day(from)),
      origin: partner.seed.place === 'aarhus' ? 'DK' : 'DE',
      ...(state.specs.has(commodity) ? { quality_spec: state.specs.get(commodity) } : {}),
      ...(signed ? { signed_at: api.at(from - random.int(5, 20), '10:15') } : {}),
      ...(status === 'cancelled' ? { notes: 'Storniert im gegenseitigen Einvernehmen (Wegfall der Finanzierung beim Kunden).' } : {}),
    });
    const contract: SeededContract = { id, side, partner, commodity, quantity, price, status, from: api.day(from), to: api.day(to) };
    state.contracts.push(contract);
    planned.push({ contract, site, from, to });
    if (status === 'active' || status === 'fulfilled') await api.transition('contract', id, 'activate');
    if (status === 'cancelled') await api.transition('contract', id, 'cancel');
  }

  for (const { contract, site, from, to } of planned) {
    if (contract.status === 'fulfilled') {
      await deliver(state, contract, site, contract.quantity, from, undefined, to);
      await api.transition('contract', contract.id, 'fulfil');
    } else if (contract.status === 'active' && contract.partner.seed.key !== EXPIRED_PARTNER && from <= 0) {
      await seedCallOffs(state, contract, site, from);
    }
  }
  await seedAmendments(state);
}

function siteName(code: string): string {
  return { 'UE-L1': 'Lager Uelzen', 'SDL-L1': 'Lager Stendal', 'HH-HT': 'Hafenterminal Hamburg' }[code] ?? code;
}

/**
 * Trucks delivering `total` tonnes under a contract (about 25 t net each, the last one the remainder), weighed
 * at the site; the weighbridge ticket's hook books each as a delivery of the contract.
 */
async function deliver(state: SmallState, contract: SeededContract, site: string, total: number, firstDay: number, callOff?: number, lastDay = -1): Promise<void> {
  const { random } = state;
  const trucks = Math.max(1, Math.round(total / 25));
  let left = Math.round(total * 1000);
  for (let truck = 0; truck < trucks; truck++) {
    const netKg = truck === trucks - 1 ? left : Math.round((total / trucks) * 1000) + random.int(-900, 900);
    left -= netKg;
    const day = Math.min(lastDay, firstDay + Math.floor(((lastDay - firstDay + 1) * truck) / trucks));
    await weigh(state, contract, site, netKg, day, callOff);
  }
}

export async function weigh(state: SmallState, contract: SeededContract | null, site: string, netKg: number, day: number, callOff?: number, other?: { partner: SeededPartner; commodity: string; direction: 'in' | 'out' }): Promise<void> {
  const { api, random } = state;
  const partner = contract?.partner ?? other?.partner;
  const commodity = contract?.commodity ?? other?.commodity;
  if (!partner || !commodity) throw new Error('a ticket needs a contract or a partner and commodity');
  const direction = contract ? (contract.side === 'purchase' ? 'in' : 'out') : (other?.direction ?? 'in');
  const tareKg = random.int(13800, 16400);
  const home = PLACES[partner.seed.place];
  // Suppliers bring their goods; dispatches go with the hauliers from Cuxhaven and Lüneburg or the customer's own trucks.
  const plate = direction === 'in' || random.chance(0.3) ? vehiclePlate(random, home) : germanPlate(random, random.pick(['CUX', 'LG']));
  const at = api.at(day, `${String(random.int(6, 15)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`);
  const operator = state.user('warehouse');
  const id = await api.create('weighbridge_ticket', {
    weighed_at: at, site: state.site(site), direction, vehicle_plate: plate,
    commodity: state.commodity(commodity), partner: partner.id, gross: (netKg / 1000 + tareKg / 1000).toFixed(3), tare: (tareKg / 1000).toFixed(3),
    alibi_no: `A-${String(100001 + state.tickets.length)}`,
    ...(contract ? { contract: contract.id } : {}), ...(callOff ? { call_off: callOff } : {}), ...(operator ? { operator } : {}),
  });
  state.tickets.push({ id, direction, site, partner, commodity, net: (netKg / 1000).toFixed(3), at, contract });
}

/** Call-offs of an active contract: delivered ones (with their trucks), one on the road, confirmed, draft or cancelled. */
async function seedCallOffs(state: SmallState, contract: SeededContract, site: string, from: number): Promise<void> {
  const { api, random } = state;
  const states: Array<'delivered' | 'in_transit' | 'confirmed' | 'draft' | 'cancelled'> = ['delivered', random.pick(['in_transit', 'confirmed', 'delivered']), random.pick(['confirmed', 'draft', 'cancelled'])];
  for (const [index, target] of states.entries()) {
    const past = target === 'delivered';
    const start = past ? Math.max(from, -20 + index * 6) : index * 4;
    const quantity = past ? random.pick([50, 75, 100]) : random.pick([100, 150, 200, 250]);
    const id = await api.create('call_off', {
      contract: contract.id, quantity: tonnes(quantity), requested_from: api.day(start), requested_to: api.day(start + random.int(2, 6)), site: state.site(site),
      customer_reference: `${contract.side === 'sale' ? 'BE' : 'AV'}-${random.int(10000, 99999)}`,
      ...(target === 'cancelled' ? { notes: 'Abruf vom Partner zurückgezogen.' } : {}),
    });
    state.callOffs.push({ id, commodity: contract.commodity, status: target });
    if (target === 'draft') continue;
    if (target === 'cancelled') {
      await api.transition('call_off', id, 'cancel');
      continue;
    }
    await api.transition('call_off', id, 'confirm');
    if (target === 'confirmed') continue;
    await api.transition('call_off', id, 'dispatch');
    if (target === 'in_transit') continue;
    await deliver(state, contract, site, quantity, start, id, Math.min(-1, start + 3));
    await api.transition('call_off', id, 'deliver');
  }
  // A few trucks weighed today, for the dashboard's "deliveries weighed today".
  if (contract.side === 'purchase' && random.chance(0.6)) await weigh(state, contract, site, random.int(24000, 26500), 0);
}

async function seedAmendments(state: SmallState): Promise<void> {
  const { api, random } = state;
  const active = state.contracts.filter((c) => c.status === 'active' && c.partner.seed.key !== EXPIRED_PARTNER);
  const kinds = [
    ['quantity', (c: SeededContract) => ({ quantity: tonnes(c.quantity + 200), description: `+200 t zum gleichen Preis; neue Menge ${c.quantity + 200} t.` })],
    ['delivery_period', (c: SeededContract) => ({ delivery_to: api.day(30), description: 'Lieferzeitraum verlängert, Lagerkapazität beim Kunden knapp.' })],
    ['price', (c: SeededContract) => ({ price: money(c.price - 3), description: 'Preisnachlass 3,00 €/t wegen verspäteter Abnahme vereinbart.' })],
    ['quality', () => ({ description: 'Proteingehalt mindestens 12,5 % statt 12,0 %; Zuschlag 2,00 €/t.' })],
    ['incoterm', () => ({ description: 'Lieferung FCA Lager statt DAP Werk; Fracht übernimmt der Käufer.' })],
  ] as const;
  for (const [index, [kind, values]] of kinds.entries()) {
    const contract = active[(index * 3) % active.length];
    if (!contract) continue;
    const signed = index !== 2;
    await api.create('contract_amendment', {
      contract: contract.id, amended_on: api.day(-random.int(1, 15)), change_kind: kind, ...values(contract), currency: 'EUR',
      reason: kind === 'quantity' ? 'Zusatzbedarf des Kunden' : 'Auf Wunsch des Partners', signed, ...(signed ? { signed_on: api.day(-random.int(0, 5)) } : {}),
    });
  }
}
