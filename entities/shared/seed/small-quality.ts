import type { SeedRandom } from '../../../generators/model/seed-recipe.ts';
import { money, type SeededTicket, type SmallState } from './small-state.ts';

/** Typical lab values per commodity; `bad` pushes a value out of specification. */
function labValues(random: SeedRandom, commodity: string, bad: boolean): Record<string, string | number> {
  const d = (min: number, max: number, scale = 2) => random.decimal(min, max, scale);
  const grain = { moisture: bad ? d(15.2, 16.4) : d(12.4, 14.4), hectolitre_weight: d(74.5, 80.5, 1), admixture: d(0.5, 2.5), broken_grains: d(0.5, 3.5), don: d(80, 900, 1), zea: d(5, 60, 1) };
  switch (commodity) {
    case 'WW-A':
    case 'WW-B':
      return { ...grain, protein: bad ? d(10.8, 11.7) : d(12.1, 14.2), falling_number: bad ? random.int(170, 210) : random.int(240, 360) };
    case 'WW-F':
    case 'GE-F':
    case 'TR':
    case 'RO':
      return { ...grain, protein: d(10.0, 12.0), hectolitre_weight: commodity === 'GE-F' ? d(62, 68, 1) : d(70, 77, 1), don: bad ? d(8200, 9400, 1) : d(200, 2400, 1) };
    case 'GE-B':
      return { moisture: d(12.5, 14.2), protein: bad ? d(11.8, 12.4) : d(9.8, 11.3), broken_grains: d(0.5, 1.8), hectolitre_weight: d(66, 70, 1) };
    case 'MA':
      return { moisture: bad ? d(15.5, 17.0) : d(13.0, 14.5), broken_grains: d(1.5, 5.5), aflatoxin_b1: d(0.5, 4.0), don: bad ? d(8200, 9400, 1) : d(300, 1800, 1) };
    case 'RA':
    case 'SB':
      return { moisture: bad ? d(9.4, 10.5) : d(6.5, 8.8), admixture: d(0.6, 2.2), oil_content: bad ? d(38.0, 39.6) : d(40.5, 45.5) };
    default:
      return { moisture: d(10.5, 13.5), protein: d(20.0, 48.0) };
  }
}

/**
 * Samples of incoming and outgoing trucks, lab analyses against the contract's specification (a hook applies
 * the discount schedules), retained and arbitration samples, and quality claims.
 */
export async function seedQuality(state: SmallState): Promise<void> {
  const { api, random } = state;
  const sampler = state.user('warehouse');
  const quality = state.user('quality');
  const labs = [state.partner('labor-weser-ems').id, state.partner('agrarlabor').id];
  const lotOf = (ticket: SeededTicket) => state.lots.find((l) => l.commodity === ticket.commodity && l.bin.site === ticket.site)?.id;
  const sampled = [...state.tickets.filter((t) => t.direction === 'in').slice(0, 24), ...state.tickets.filter((t) => t.direction === 'out').slice(0, 8)];
  for (const [index, ticket] of sampled.entries()) {
    const lot = lotOf(ticket);
    const id = await api.create('sample', {
      kind: ticket.direction === 'in' ? 'intake' : 'dispatch', weighbridge_ticket: ticket.id, commodity: state.commodity(ticket.commodity),
      taken_at: new Date(Date.parse(ticket.at) + 8 * 60_000).toISOString(), seal_number: `PL-${String(40210 + index * 3)}`,
      retain_until: api.day(Math.round((Date.parse(ticket.at) - Date.parse(`${api.today}T00:00:00Z`)) / 86_400_000) + 180),
      ...(lot ? { lot } : {}), ...(sampler ? { taken_by: sampler } : {}),
    });
    state.samples.push({ id, commodity: ticket.commodity, ticket });
  }
  for (const [index, kind] of (['retained', 'retained', 'arbitration', 'monitoring'] as const).entries()) {
    const lot = state.lots[index * 2 % Math.max(1, state.lots.length)];
    if (!lot) continue;
    const id = await api.create('sample', {
      kind, lot: lot.id, commodity: state.commodity(lot.commodity), taken_at: api.at(-random.int(5, 60), '10:00'), seal_number: `RS-${7710 + index}`,
      retain_until: api.day(kind === 'arbitration' ? 365 : 180), ...(quality ? { taken_by: quality } : {}),
      ...(kind === 'arbitration' ? { notes: 'Schiedsprobe, dreifach versiegelt, ein Muster beim Käufer.' } : {}),
    });
    state.samples.push({ id, commodity: lot.commodity, ticket: null });
  }

  for (const [index, sample] of state.samples.entries()) {
    if (index % 4 === 3) continue;
    const bad = index % 7 === 2;
    const pending = index >= state.samples.length - 3;
    const external = index % 3 === 0;
    const day = sample.ticket ? sample.ticket.at.slice(0, 10) : api.day(-random.int(1, 30));
    const id = await api.create('lab_analysis', {
      sample: sample.id, analysed_on: day, ...labValues(random, sample.commodity, bad), result: 'pending',
      ...(state.specs.has(sample.commodity) ? { quality_spec: state.specs.get(sample.commodity) } : {}),
      ...(external ? { lab: labs[index % labs.length], report_number: `PB-${day.slice(0, 4)}-${String(3150 + index * 11)}` } : {}),
      ...(bad ? { notes: 'Außerhalb der Spezifikation: Abzug nach Staffel bzw. Reklamation prüfen.' } : {}),
    });
    if (!pending) await api.update('lab_analysis', id, { result: bad ? 'failed' : 'passed' });
    state.analyses.push({ id, commodity: sample.commodity, failed: bad });
  }

  const failed = state.analyses.filter((a) => a.failed);
  const claims: Array<[string, 'raised' | 'received', string, number, number | null, string]> = [
    ['elbmuehlen', 'received', 'Fallzahl unter 220 s in zwei Lieferungen; Kunde fordert Minderung.', 2400, 1500, 'settled'],
    ['hof-meyer', 'raised', 'Feuchte über 14,5 %, Trocknungskosten und Schwund an den Lieferanten weiterbelastet.', 1850, null, 'negotiating'],
    ['kraftfutter', 'received', 'Besatz über 4 % laut Eingangsanalyse des Kunden.', 980, null, 'open'],
    ['landhandel-uelzen', 'raised', 'Proteingehalt unter Kontraktspezifikation (Schiedsanalyse beantragt).', 3200, null, 'arbitration'],
    ['altmark', 'raised', 'Ölgehalt 39,2 % statt 40 %; Lieferant widerspricht mit eigener Analyse.', 1500, 0, 'rejected'],
  ];
  for (const [index, [partner, direction, description, amount, settled, status]] of claims.entries()) {
    const contract = state.contracts.find((c) => c.partner.seed.key === partner && c.status !== 'draft' && c.status !== 'cancelled');
    if (!contract) continue;
    const analysis = failed[index % Math.max(1, failed.length)];
    await api.create('quality_claim', {
      direction, contract: contract.id, claimed_on: api.day(-random.int(3, 40)), description, amount: money(amount), status,
      ...(settled !== null ? { settled_amount: money(settled) } : {}), ...(analysis ? { lab_analysis: analysis.id } : {}),
    });
  }
}
