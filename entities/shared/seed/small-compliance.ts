import { type SmallState } from './small-state.ts';

const BODIES = ['NordCert Agrar GmbH', 'AgriQual Zertifizierungsgesellschaft mbH', 'Weser-Ems Zertifizierung GmbH', 'Hanse Food & Feed Cert GmbH'] as const;

/** Partners whose certificates run out soon (still valid for their call-offs in the next two weeks). */
const EXPIRING = new Map([['hof-meyer', 19], ['nienburg', 33]]);
/** The partner with nothing but an expired GMP+ certificate: a call-off for its feed contract is refused. */
export const EXPIRED_PARTNER = 'tierfutter';

/**
 * Certificates (GMP+, QS, ISCC, organic, VLOG; some running out soon, one expired) and supplier approvals:
 * before any call-off, since a call-off of a commodity that requires a scheme needs a valid certificate.
 */
export async function seedCertificates(state: SmallState): Promise<void> {
  const { api, random } = state;
  for (const { id, seed } of state.partners.values()) {
    if (!['customer', 'supplier', 'both', 'laboratory'].includes(seed.kind)) continue;
    const body = () => random.pick(BODIES);
    const certificate = (scheme: string, number: string, from: number, to: number, scope: string) =>
      api.create('certificate', {
        partner: id, scheme, number, scope, certification_body: body(), valid_from: api.day(from), valid_to: api.day(to),
        verified_on: api.day(Math.min(-1, from + random.int(1, 20))), document_url: `https://www.${seed.domain}/zertifikate/${scheme.replace('_', '-')}.pdf`,
      });
    if (seed.kind === 'laboratory') {
      await certificate('other', `D-PL-${random.int(10000, 19999)}-01-00`, -random.int(300, 900), random.int(400, 1100), 'Akkreditierung nach DIN EN ISO/IEC 17025: Futtermittel, Getreide, Ölsaaten, Mykotoxine');
      continue;
    }
    if (seed.key === EXPIRED_PARTNER) {
      await certificate('gmp_plus', `GMP0${random.int(10000, 99999)}`, -385, -20, 'GMP+ FSA: Handel mit Futtermitteln');
      continue;
    }
    const expiresIn = EXPIRING.get(seed.key) ?? random.int(120, 700);
    await certificate('gmp_plus', `GMP0${random.int(10000, 99999)}`, expiresIn - 1095, expiresIn, seed.kind === 'supplier' ? 'GMP+ FSA: Erfassung, Lagerung und Handel von Getreide und Ölsaaten' : 'GMP+ FSA: Handel, Lagerung und Transport von Futtermitteln');
    if (seed.place !== 'rotterdam' && seed.place !== 'poznan' && seed.place !== 'aarhus') {
      await certificate('qs', `QS-ID 4049${random.int(100000000, 999999999)}`, -random.int(60, 300), random.int(200, 800), 'QS Futtermittelwirtschaft / Landwirtschaft');
    }
    if (seed.trades.includes('RA') || seed.trades.includes('SB')) {
      await certificate('iscc', `EU-ISCC-Cert-DE${random.int(100, 299)}-${random.int(10000, 99999)}`, -random.int(100, 300), random.int(60, 250), 'ISCC EU: Erfassungsstelle / Händler mit Lagerhaltung, Massenbilanz');
    }
    if (seed.key === 'gut-dannenberg') await certificate('organic', `DE-ÖKO-006-${random.int(10000, 99999)}`, -200, 165, 'Erzeugung pflanzlicher Produkte nach VO (EU) 2018/848');
    if (seed.trades.includes('SS')) await certificate('vlog', `VLOG-${random.int(1000, 9999)}`, -150, 215, 'VLOG-Standard: Handel mit Futtermitteln „Ohne Gentechnik“');
  }

  const compliance = state.user('compliance');
  for (const { id, seed } of state.partners.values()) {
    if (seed.kind !== 'supplier' && seed.kind !== 'both') continue;
    const status = seed.key === 'saaten' ? 'blocked' : seed.key === 'petersen' ? 'conditional' : seed.key === 'wiebking' ? 'pending' : 'approved';
    const approved = status === 'approved' || status === 'conditional';
    await api.create('supplier_approval', {
      partner: id,
      status,
      risk_class: seed.place === 'aarhus' ? 'medium' : status === 'conditional' ? 'high' : 'low',
      commodities: seed.trades.filter((code) => state.commodities.has(code)).map((code) => state.commodity(code)),
      ...(approved ? { approved_at: api.day(-random.int(40, 400)), ...(compliance ? { approved_by: compliance } : {}) } : {}),
      next_review: api.day(seed.key === 'hof-meyer' ? 12 : random.int(30, 365)),
      conditions:
        status === 'conditional' ? 'Freigabe unter Auflage: Trocknungsprotokolle je Partie vorlegen; Rückstellmuster 6 Monate.'
        : status === 'blocked' ? 'Gesperrt bis zum Abschluss der KYC-Prüfung (wirtschaftlich Berechtigte nicht nachgewiesen).'
        : status === 'pending' ? 'Lieferantenselbstauskunft liegt vor, Audit vor Ort geplant.'
        : 'Keine Feststellungen.',
    });
  }
}

/** Incidents (through their workflow), monitoring results and sustainability declarations, once lots exist. */
export async function seedComplianceRecords(state: SmallState): Promise<void> {
  const { api, random } = state;
  const lot = (i: number) => state.lots[i % Math.max(1, state.lots.length)];
  const incidents: Array<[string, string, string, string, string, number, Array<'investigate' | 'close'>]> = [
    ['deviation', 'medium', 'WW-F', 'hof-meyer', 'Feuchte bei Anlieferung 16,2 % (Grenze 14,5 %); Partie separat eingelagert und nachgetrocknet.', -34, ['investigate', 'close']],
    ['complaint', 'high', 'MLF', 'gefluegelhof', 'Kunde meldet Klumpenbildung im Milchleistungsfutter, Charge aus Werk Lüneburg.', -9, ['investigate']],
    ['deviation', 'critical', 'MA', 'wiebking', 'DON-Gehalt 9.200 µg/kg über Richtwert für Futtermittel; Partie gesperrt, GMP+ EWS informiert.', -3, []],
    ['recall', 'high', 'RS', 'nienburg', 'Rückruf einer Rapsschrot-Partie wegen Salmonellen-Nachweis beim Vorlieferanten; Kunden informiert.', -61, ['investigate', 'close']],
  ];
  for (const [index, [kind, severity, commodity, partner, description, offset, transitions]] of incidents.entries()) {
    const closed = transitions.includes('close');
    const id = await api.create('incident', {
      kind, severity, commodity: state.commodity(commodity), partner: state.partner(partner).id, reported_at: api.at(offset, '09:30'), description,
      ...(lot(index) ? { lot: lot(index)?.id } : {}),
      ews_notified: severity === 'critical' || kind === 'recall',
      ...(closed ? { root_cause: 'Unzureichende Trocknung / Kontrolle beim Vorlieferanten.', corrective_action: 'Eingangskontrolle verschärft, Lieferant nachgeschult.', closed_on: api.day(offset + random.int(5, 20)) } : {}),
    });
    for (const transition of transitions) await api.transition('incident', id, transition);
  }

  const monitoring: Array<[string, string, string, string, string, boolean]> = [
    ['own_check', 'WW-F', 'don', '1240.0000', '8000.0000', false],
    ['own_check', 'WW-B', 'don', '410.0000', '1250.0000', false],
    ['qs_monitoring', 'MA', 'aflatoxin_b1', '3.2000', '20.0000', false],
    ['qs_monitoring', 'MA', 'don', '9200.0000', '8000.0000', true],
    ['gmp_plus_monitoring', 'RS', 'salmonella', '0.0000', '0.0000', false],
    ['gmp_plus_monitoring', 'SS', 'pesticides', '0.0100', '0.0500', false],
    ['official', 'GE-F', 'zea', '85.0000', '2000.0000', false],
    ['own_check', 'WW-F', 'ergot', '0.0400', '0.1000', false],
    ['own_check', 'RA', 'dioxins_pcb', '0.1200', '0.7500', false],
    ['qs_monitoring', 'WK', 'heavy_metals', '0.0800', '1.0000', false],
  ];
  const labs = [state.partner('labor-weser-ems').id, state.partner('agrarlabor').id];
  for (const [index, [programme, commodity, parameter, result, limit, exceeded]] of monitoring.entries()) {
    const unit = parameter === 'salmonella' ? 'detected' : parameter === 'ergot' ? 'percent' : parameter === 'dioxins_pcb' ? 'ng_teq_per_kg' : parameter === 'pesticides' || parameter === 'heavy_metals' ? 'mg_per_kg' : 'ug_per_kg';
    const own = state.lots.find((l) => l.commodity === commodity);
    await api.create('monitoring_sample', {
      programme, commodity: state.commodity(commodity), parameter, result, limit, unit, exceeded, reported_to_authority: exceeded,
      lab: labs[index % labs.length], sampled_on: api.day(-random.int(2, 150)), ...(own ? { lot: own.id } : {}),
      ...(exceeded ? { notes: 'Überschreitung: Partie gesperrt, Meldung nach § 44a LFGB an das LAVES.' } : {}),
    });
  }

  // Oilseeds for biofuel: a declaration per delivery period of the rapeseed and sunflower contracts.
  const oilseeds = state.contracts.filter((c) => (c.commodity === 'RA' || c.commodity === 'SB') && c.status !== 'draft' && c.status !== 'cancelled');
  for (const [index, contract] of [...oilseeds, ...oilseeds].entries()) {
    const own = state.lots.find((l) => l.commodity === contract.commodity);
    await api.create('sustainability_declaration', {
      direction: contract.side === 'purchase' ? 'received' : 'issued', partner: contract.partner.id, contract: contract.id, scheme: index % 3 === 2 ? 'redcert_eu' : 'iscc_eu',
      certificate_number: `EU-ISCC-Cert-DE${random.int(100, 299)}-${random.int(10000, 99999)}`, declared_on: api.day(-random.int(3, 90)),
      quantity: (Math.min(contract.quantity, 500) + 0.5).toFixed(3), ghg_value: random.decimal(17, 28, 2), ghg_unit: 'g_co2eq_per_mj',
      nuts2_region: random.pick(['DE93', 'DE94', 'DE80', 'DEE0', 'DEF0']), ...(own && contract.side === 'sale' ? { lot: own.id } : {}),
    });
  }
}
