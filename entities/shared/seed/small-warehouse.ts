import { cropYear } from './catalog.ts';
import { PLACES } from './german-data.ts';
import { tonnes, type SeededBin, type SeededTicket, type SmallState } from './small-state.ts';

interface Lot {
  id: number;
  commodity: string;
  bin: SeededBin;
  quantity: number;
  produced: string;
}

/**
 * Stock: a lot per purchase contract's intake (an `in` movement per weighbridge ticket), opening stock of
 * what is sold but not bought this season, two blends (a lot made from two parent lots), dispatches (`out`
 * movements with the sale's tickets), transfers, corrections and stock counts. A lot trace thus shows
 * suppliers, parents, children and customers.
 */
export async function seedWarehouse(state: SmallState): Promise<void> {
  const { api, random } = state;
  const used = new Set<number>();
  const freeBin = (site: string): SeededBin => {
    const bin = state.binsAt(site).find((b) => !used.has(b.id)) ?? state.binsAt(site)[0];
    if (!bin) throw new Error(`site ${site} has no bins`);
    used.add(bin.id);
    return bin;
  };
  const lots: Lot[] = [];
  const remember = (lot: Lot) => {
    lots.push(lot);
    state.lots.push({ id: lot.id, commodity: lot.commodity, bin: lot.bin, quantity: tonnes(lot.quantity) });
    return lot;
  };

  // Intake: one lot per purchase contract, one `in` movement per truck.
  const intake = new Map<number, SeededTicket[]>();
  for (const ticket of state.tickets) {
    if (ticket.direction !== 'in' || !ticket.contract) continue;
    intake.set(ticket.contract.id, [...(intake.get(ticket.contract.id) ?? []), ticket]);
  }
  for (const tickets of intake.values()) {
    const first = tickets[0];
    const contract = first?.contract;
    if (!first || !contract) continue;
    const quantity = tickets.reduce((sum, t) => sum + Number(t.net), 0);
    const bin = freeBin(first.site);
    const recent = tickets.some((t) => t.at.startsWith(api.today));
    const id = await api.create('stock_lot', {
      commodity: state.commodity(contract.commodity), bin: bin.id, quantity: tonnes(quantity), produced_at: first.at.slice(0, 10),
      status: 'quarantine', origin_supplier: contract.partner.id, origin_country: PLACES[contract.partner.seed.place].country, crop_year: cropYear(first.at.slice(0, 10)),
    });
    remember({ id, commodity: contract.commodity, bin, quantity, produced: first.at.slice(0, 10) });
    for (const ticket of tickets) {
      await api.create('stock_movement', { kind: 'in', lot: id, to_bin: bin.id, quantity: ticket.net, moved_at: later(ticket.at, 25), weighbridge_ticket: ticket.id });
    }
    const blocked = contract.commodity === 'MA';
    if (!recent || blocked) await api.update('stock_lot', id, { status: blocked ? 'blocked' : 'released', ...(blocked ? { notes: 'Gesperrt: DON über Richtwert (siehe Vorfall), Freigabe nur nach Nachuntersuchung.' } : {}) });
  }

  // Opening stock of commodities sold but not bought this season.
  const opening: Array<[string, string, string, number]> = [['RO', 'altmark', 'UE-L1', 1800], ['TR', 'hof-meyer', 'UE-L1', 900], ['GE-B', 'schulte', 'UE-L1', 1200], ['SS', 'getreidekontor', 'HH-HT', 700], ['WW-B', 'altmark', 'UE-L1', 650], ['WW-F', 'rwg', 'UE-L1', 400]];
  for (const [commodity, supplier, site, quantity] of opening) {
    const partner = state.partner(supplier);
    const bin = freeBin(site);
    const day = api.day(-random.int(150, 200));
    const id = await api.create('stock_lot', {
      commodity: state.commodity(commodity), bin: bin.id, quantity: tonnes(quantity), produced_at: day, status: 'released', origin_supplier: partner.id,
      origin_country: 'DE', crop_year: cropYear(day), notes: 'Anfangsbestand aus der Vorernte (Übernahme zum Wirtschaftsjahresbeginn)',
    });
    remember({ id, commodity, bin, quantity, produced: day });
    await api.create('stock_movement', { kind: 'adjustment', lot: id, to_bin: bin.id, quantity: tonnes(quantity), moved_at: api.at(-random.int(120, 149), '07:00'), notes: 'Übernahme Anfangsbestand' });
  }

  // Blends: two parent lots of one commodity become a new lot.
  for (const commodity of ['WW-B', 'RA']) {
    const parents = lots.filter((lot) => lot.commodity === commodity).slice(0, 2);
    if (parents.length < 2) continue;
    const site = parents[0]?.bin.site ?? 'UE-L1';
    const bin = freeBin(site);
    const share = parents.map((p) => Math.round(p.quantity * 0.6));
    const quantity = share.reduce((a, b) => a + b, 0);
    const day = -random.int(25, 35);
    const id = await api.create('stock_lot', {
      commodity: state.commodity(commodity), bin: bin.id, quantity: tonnes(quantity), produced_at: api.day(day), status: 'released',
      crop_year: cropYear(api.day(day)), parent_lots: parents.map((p) => p.id), notes: 'Verschnitt zur Einstellung der Kontraktqualität',
    });
    for (const [index, parent] of parents.entries()) {
      await api.create('stock_movement', { kind: 'blend', lot: parent.id, from_bin: parent.bin.id, to_bin: bin.id, quantity: tonnes(share[index] ?? 0), moved_at: api.at(day, '13:00'), notes: `Verschnitt in ${bin.code}` });
    }
    remember({ id, commodity, bin, quantity, produced: api.day(day) });
  }

  // Dispatch: every truck of a sale leaves from a lot of its commodity (the newest blend or lot first).
  for (const ticket of state.tickets) {
    if (ticket.direction !== 'out') continue;
    const candidates = lots.filter((lot) => lot.commodity === ticket.commodity && lot.produced <= ticket.at.slice(0, 10)).reverse();
    const lot = candidates.find((l) => l.bin.site === ticket.site) ?? candidates[0];
    if (!lot) continue;
    await api.create('stock_movement', { kind: 'out', lot: lot.id, from_bin: lot.bin.id, quantity: ticket.net, moved_at: later(ticket.at, -20), weighbridge_ticket: ticket.id });
  }

  // Transfers, a correction for shrinkage, and stock counts.
  for (const lot of lots.slice(0, 3)) {
    const target = state.binsAt(lot.bin.site).find((b) => !used.has(b.id));
    if (!target) continue;
    await api.create('stock_movement', { kind: 'transfer', lot: lot.id, from_bin: lot.bin.id, to_bin: target.id, quantity: tonnes(Math.round(lot.quantity / 4)), moved_at: api.at(-random.int(1, 10), '11:30'), notes: 'Umlagerung zur Belüftung' });
  }
  for (const lot of lots.slice(-2)) {
    await api.create('stock_movement', { kind: 'adjustment', lot: lot.id, from_bin: lot.bin.id, quantity: random.decimal(0.4, 2.5, 3), moved_at: api.at(-random.int(1, 20), '16:00'), notes: 'Schwund laut Bestandsaufnahme' });
  }

  const counter = state.user('warehouse');
  for (const [index, lot] of lots.slice(0, 9).entries()) {
    const book = lot.quantity;
    const counted = book * (1 + (random.next() - 0.6) * 0.012);
    await api.create('inventory_count', {
      counted_on: api.day(-random.int(1, 40)), bin: lot.bin.id, commodity: state.commodity(lot.commodity), method: index % 3 === 0 ? 'volume' : 'sounding',
      counted_quantity: tonnes(counted), book_quantity: tonnes(book), ...(counter ? { counted_by: counter } : {}),
      ...(Math.abs(counted - book) / book > 0.005 ? { notes: 'Differenz über 0,5 %: Nachzählung angesetzt.' } : {}),
    });
  }

  for (const bin of state.bins) {
    const lot = [...lots].reverse().find((l) => l.bin.id === bin.id);
    const status = lot ? 'in_use' : bin.code.endsWith('-Z05') ? 'cleaning' : bin.code === 'HT-S02-Z06' ? 'fumigation' : bin.code === 'SDL-S01-Z06' ? 'blocked' : 'empty';
    if (status === 'empty') continue;
    await api.update('bin', bin.id, { status, ...(lot ? { current_commodity: state.commodity(lot.commodity) } : {}), last_cleaned_on: api.day(-random.int(20, 200)) });
  }
}

/** A point in time `minutes` after (or before) another. */
function later(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * 60_000).toISOString();
}
