import { EXPIRED_PARTNER } from './small-compliance.ts';
import type { SmallState } from './small-state.ts';

/** The document archive, correspondence with partners and the demo users' tasks. */
export async function seedOffice(state: SmallState): Promise<void> {
  const { api, random } = state;
  const contracts = state.contracts.filter((c) => c.status !== 'draft');
  const documents: Array<{ id: number; partner: number | null; contract: number | null; title: string }> = [];
  const archive = (title: string, docType: string, retention: '6y' | '8y' | '10y', day: number, partner: number | null, contract: number | null, extra: Record<string, unknown> = {}) =>
    api
      .create('document', {
        title, doc_type: docType, document_date: api.day(day), retention_class: retention, file_url: `https://dms.hanseatische-agrar.de/archiv/${docType}/${documents.length + 1001}`,
        archive_location: random.pick(['DMS', 'DMS, Original: Archiv Hamburg Regal 4', 'DMS, Original: Lager Uelzen Büro']),
        ...(partner !== null ? { partner } : {}), ...(contract !== null ? { contract } : {}), ...extra,
      })
      .then((id) => {
        documents.push({ id, partner, contract, title });
        state.documents.push(id);
        return id;
      });
  for (const contract of contracts.slice(0, 8)) {
    await archive(`Kontrakt ${contract.side === 'sale' ? 'Verkauf' : 'Einkauf'} ${contract.partner.seed.name}`, 'contract', '10y', -random.int(20, 120), contract.partner.id, contract.id);
  }
  await archive('Jahresabschluss zum 31.12. des Vorjahres', 'annual_accounts', '10y', -random.int(60, 200), null, null, { notes: 'Testiert, Bestätigungsvermerk ohne Einschränkung.' });
  await archive('Kontoauszüge Hamburger Sparkasse, Vormonat', 'bank_statement', '10y', -20, null, null);
  await archive('Prüfbericht DON Körnermais Wiebking', 'lab_report', '6y', -3, state.partner('wiebking').id, null);
  await archive('GMP+-Zertifikat Tierfutter Vechta (abgelaufen)', 'certificate', '6y', -385, state.partner(EXPIRED_PARTNER).id, null);
  await archive('Zollanmeldung Ausfuhr Mais Rotterdam', 'customs', '6y', -45, state.partner('granen').id, null);
  await archive('Wiegescheine Hafenterminal, Vorwoche (Sammelbeleg)', 'weighbridge_ticket', '6y', -8, null, null);
  await archive('Lieferschein Mischfutter Geflügelhof Damme', 'delivery_note', '6y', -17, state.partner('gefluegelhof').id, null);
  const claim = contracts.find((c) => c.partner.seed.key === 'landhandel-uelzen');
  await archive('Schiedsgutachten Proteingehalt (Verfahren läuft)', 'lab_report', '6y', -12, state.partner('landhandel-uelzen').id, claim?.id ?? null, { legal_hold: true, notes: 'Gesperrt für die Vernichtung bis zum Abschluss des Schiedsverfahrens.' });
  await archive('Mahnung Zahlungsrückstand', 'business_letter', '6y', -9, state.partner('heidemuehle').id, null);

  const letters: Array<[string, string, string, string, string, boolean]> = [
    ['heidemuehle', 'outgoing', 'email', 'Kontraktbestätigung Roggen', 'Anbei die Kontraktbestätigung mit der Bitte um Gegenzeichnung.', true],
    ['elbmuehlen', 'incoming', 'email', 'Reklamation Fallzahl Lieferungen KW 12', 'Zwei Lieferungen unterschreiten die vereinbarte Fallzahl von 220 s.', true],
    ['elbmuehlen', 'outgoing', 'letter', 'Stellungnahme zur Reklamation', 'Wir bieten eine Minderung von 1.500 € zur vergleichsweisen Erledigung an.', true],
    ['danske', 'incoming', 'email', 'Schiffsankunft Futtergerste', 'MS „Karina“ erreicht Hamburg voraussichtlich Donnerstag früh.', true],
    [EXPIRED_PARTNER, 'outgoing', 'email', 'GMP+-Zertifikat abgelaufen', 'Bitte senden Sie uns Ihr erneuertes GMP+-FSA-Zertifikat; bis dahin können wir keine Abrufe ausführen.', false],
    ['wiebking', 'outgoing', 'phone', 'DON-Befund Körnermais', 'Telefonisch über Sperrung der Partie informiert, Nachuntersuchung vereinbart.', false],
    ['nordsee', 'incoming', 'email', 'Verlängerung Lieferzeitraum', 'Die Verladung verzögert sich, Bitte um Verlängerung um zwei Wochen.', true],
    ['oelmuehle', 'incoming', 'fax', 'Abrufplan Raps', 'Abrufplan für die kommenden vier Wochen anbei.', true],
    ['landhandel-uelzen', 'incoming', 'letter', 'Widerspruch Proteinanalyse', 'Wir widersprechen dem Analyseergebnis und beantragen eine Schiedsanalyse.', false],
    ['makler', 'incoming', 'email', 'Angebot Weizen B, Ernte neu', 'Angebot über 3.000 t B-Weizen, Lieferung Oktober bis Dezember.', false],
    ['wilkens', 'outgoing', 'email', 'Frachtanfrage Lüneburg–Damme', 'Bitte um Angebot für wöchentlich zwei Ladungen Mischfutter.', false],
    ['gefluegelhof', 'incoming', 'phone', 'Klumpen im Mischfutter', 'Kunde meldet Klumpenbildung, Probe wird abgeholt.', false],
    ['saaten', 'outgoing', 'letter', 'Lieferantensperre bis Abschluss KYC', 'Bis zum Nachweis der wirtschaftlich Berechtigten können wir keine Kontrakte schließen.', false],
    ['heidemuehle', 'outgoing', 'letter', 'Zahlungserinnerung', 'Die Rechnung ist seit zehn Tagen fällig; wir bitten um Ausgleich.', false],
  ];
  for (const [key, direction, channel, subject, body, withContract] of letters) {
    const partner = state.partner(key);
    const contract = withContract ? state.contracts.find((c) => c.partner.id === partner.id) : undefined;
    const document = documents.find((d) => d.partner === partner.id && (contract === undefined || d.contract === null || d.contract === contract.id));
    await api.create('correspondence', {
      partner: partner.id, date: api.day(-random.int(0, 45)), direction, channel, subject, body,
      ...(contract ? { contract: contract.id } : {}), ...(document && random.chance(0.6) ? { document: document.id } : {}),
    });
  }

  const tasks: Array<[string | null, string, number, string, boolean, string]> = [
    ['trader', 'Kontrakt Roggen Heidemühle gegenzeichnen lassen', 2, 'high', false, 'Gegenzeichnung fehlt seit einer Woche.'],
    ['trader', 'Preisangebot Granen Handel (Mais) nachfassen', 5, 'normal', false, ''],
    ['trader', 'Kreditlimit Geflügelhof Damme mit Buchhaltung klären', 1, 'high', false, 'Neuer Kontrakt überschreitet das Limit.'],
    ['logistics', 'Abrufe der nächsten Woche disponieren', 3, 'normal', false, ''],
    ['logistics', 'Frachtangebot Spedition Wilkens vergleichen', -2, 'low', true, ''],
    ['warehouse', 'Zelle UE-S01-Z05 reinigen und dokumentieren (Warenwechsel)', 1, 'high', false, 'GMP+: Reinigung vor Einlagerung Raps.'],
    ['warehouse', 'Bestandsaufnahme Flachlager Nord', 10, 'normal', false, ''],
    ['quality', 'Schiedsanalyse Protein beauftragen', 0, 'high', false, 'Verfahren Landhandel Uelzen.'],
    ['quality', 'Rückstellmuster älter als 6 Monate entsorgen', 14, 'low', false, ''],
    ['compliance', 'Erneuertes GMP+-Zertifikat von Tierfutter Vechta anfordern', -3, 'high', false, 'Abrufe sind bis dahin gesperrt.'],
    ['compliance', 'Lieferantenbewertung Hof Meyer (Überprüfung fällig)', 12, 'normal', false, ''],
    ['accountant', 'Zahlungseingang Heidemühle überwachen', 4, 'normal', false, ''],
    ['accountant', 'Umsatzsteuer-Voranmeldung Vormonat', -5, 'high', true, ''],
    ['hr', 'Offene Urlaubsanträge entscheiden', 2, 'normal', false, ''],
    ['it', 'TeamViewer-Lizenz kündigen oder verlängern', 10, 'normal', false, ''],
    ['managing_director', 'Kreditlimits der Kunden für das neue Wirtschaftsjahr freigeben', 20, 'normal', false, ''],
    [null, 'Betriebsausflug planen', 45, 'low', false, 'Noch niemandem zugewiesen.'],
  ];
  for (const [username, title, due, priority, done, description] of tasks) {
    const assignee = username ? state.user(username) : null;
    await api.create('task', { title, due_date: api.day(due), priority, done, ...(assignee !== null ? { assignee } : {}), ...(description ? { description } : {}) });
  }
}
