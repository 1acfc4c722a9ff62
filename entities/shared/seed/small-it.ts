import { money, type SmallState } from './small-state.ts';

type Kind = 'laptop' | 'desktop' | 'monitor' | 'phone' | 'tablet' | 'printer' | 'scanner' | 'weighbridge_terminal' | 'network' | 'server' | 'other';

const MODELS: Record<Kind, Array<[string, string, number, string]>> = {
  laptop: [['Lenovo', 'ThinkPad T14 Gen 4', 1390, 'PF'], ['Dell', 'Latitude 5440', 1240, 'DL']],
  desktop: [['Fujitsu', 'Esprimo P7012', 890, 'YM']],
  monitor: [['Dell', 'P2423D', 279, 'CN'], ['EIZO', 'FlexScan EV2495', 549, 'EZ']],
  phone: [['Apple', 'iPhone 14', 799, 'F2'], ['Samsung', 'Galaxy XCover 6 Pro', 499, 'R5']],
  tablet: [['Zebra', 'ET40 Enterprise Tablet', 1150, 'ZB']],
  printer: [['HP', 'Color LaserJet Pro M454dw', 459, 'VN'], ['Brother', 'MFC-L8900CDW', 699, 'BR']],
  scanner: [['Fujitsu', 'fi-8170', 1090, 'FS']],
  weighbridge_terminal: [['Bizerba', 'iS30 Wägeterminal', 3800, 'BZ']],
  network: [['Sophos', 'XGS 2100 Firewall', 2650, 'SX'], ['HPE Aruba', 'Instant On 1930 Switch', 540, 'AR']],
  server: [['Dell', 'PowerEdge R650xs', 7400, 'SV']],
  other: [['APC', 'Smart-UPS 1500', 690, 'AS']],
};

/** IT assets (per person and per site), software licences, tickets and access reviews of the demo users. */
export async function seedIt(state: SmallState): Promise<void> {
  const { api, random } = state;
  const assets: number[] = [];
  const asset = async (kind: Kind, assigned: number | null, site: string, status = 'in_use') => {
    const [manufacturer, model, price, prefix] = random.pick(MODELS[kind]);
    const bought = -random.int(60, 1400);
    const id = await api.create('asset', {
      kind, manufacturer, model, serial_number: `${prefix}${String(assets.length * 7919 + random.int(100000, 999999)).padStart(8, '0')}`,
      site: state.site(site), status, purchased_at: api.day(bought), purchase_price: money(price * (0.95 + random.next() * 0.1)),
      warranty_until: api.day(bought + (kind === 'server' || kind === 'weighbridge_terminal' ? 1825 : 1095)),
      ...(assigned !== null ? { assigned_to: assigned } : {}), ...(status === 'repair' ? { notes: 'Display defekt, beim Hersteller zur Reparatur.' } : {}),
    });
    assets.push(id);
    return id;
  };
  for (const [key, employee] of state.employees) {
    const office = !key.startsWith('crew-') && key !== 'warehouse' && key !== 'employee';
    if (office) {
      await asset('laptop', employee, 'HH-HQ');
      await asset('monitor', employee, 'HH-HQ');
    } else await asset('tablet', employee, key === 'crew-9' ? 'LG-W1' : 'UE-L1');
    if (office || key === 'warehouse') await asset('phone', employee, 'HH-HQ');
  }
  for (const site of ['HH-HT', 'UE-L1', 'LG-W1', 'SDL-L1']) {
    await asset('weighbridge_terminal', null, site);
    await asset('network', null, site);
    await asset('printer', null, site);
  }
  await asset('server', null, 'HH-HQ');
  await asset('network', null, 'HH-HQ');
  await asset('other', null, 'HH-HQ');
  await asset('scanner', null, 'HH-HQ');
  await asset('laptop', null, 'HH-HQ', 'in_stock');
  await asset('laptop', null, 'HH-HQ', 'in_stock');
  await asset('phone', null, 'HH-HQ', 'repair');
  await asset('desktop', null, 'UE-L1', 'retired');

  const licences: Array<[string, string, string, number, number, number, string]> = [
    ['Microsoft 365 Business Premium', 'Microsoft', 'subscription', 25, 200, 550, 'monthly'],
    ['DATEV Rechnungswesen', 'DATEV eG', 'subscription', 3, 280, 2160, 'yearly'],
    ['Sophos Intercept X Advanced', 'Sophos', 'subscription', 40, 18, 1480, 'yearly'],
    ['Veeam Backup & Replication', 'Veeam', 'subscription', 10, 95, 1890, 'yearly'],
    ['Adobe Acrobat Pro', 'Adobe', 'subscription', 6, 24, 119.94, 'monthly'],
    ['WinWaage Pro Wägesoftware', 'Waagen-Service Niedersachsen GmbH', 'perpetual', 4, 3000, 6400, 'one_time'],
    ['TeamViewer Business', 'TeamViewer', 'subscription', 1, 12, 460.8, 'yearly'],
    ['LibreOffice', 'The Document Foundation', 'open_source', 5, 3000, 0, 'one_time'],
  ];
  for (const [product, vendor, type, seats, expires, cost, period] of licences) {
    await api.create('software_license', {
      product, vendor, license_type: type, seats, cost: money(cost), cost_period: period, contract_reference: `V-${random.int(10000, 99999)}`,
      ...(type === 'subscription' ? { expires_at: api.day(expires) } : {}), ...(product.startsWith('TeamViewer') ? { notes: 'Kündigen oder verlängern: läuft in zwei Wochen aus.' } : {}),
    });
  }

  const it = state.user('it');
  const tickets: Array<[string, string, string, string, string, boolean]> = [
    ['Wägeterminal Uelzen druckt keine Wiegescheine', 'weighbridge', 'high', 'in_progress', 'warehouse', true],
    ['Neuer Mitarbeiter Lager: Konto und Tablet einrichten', 'access', 'normal', 'resolved', 'hr', false],
    ['VPN-Verbindung vom Hafenterminal bricht ab', 'network', 'high', 'waiting', 'logistics', false],
    ['Drucker Stendal: Papierstau Fach 2', 'printer', 'low', 'closed', 'warehouse', true],
    ['Excel-Makro für Kontraktübersicht startet nicht', 'software', 'normal', 'new', 'trader', false],
    ['Zugriff auf Laborordner für Qualitätssicherung', 'access', 'normal', 'closed', 'quality', false],
    ['Laptop-Akku hält nur noch eine Stunde', 'hardware', 'low', 'in_progress', 'accountant', true],
    ['Phishing-Mail „Rechnung Getreidekontor“ gemeldet', 'other', 'critical', 'resolved', 'accountant', false],
    ['Diensthandy: Display gesprungen', 'hardware', 'normal', 'waiting', 'compliance', true],
    ['DATEV-Update auf neue Version', 'software', 'normal', 'new', 'accountant', false],
    ['Firewall meldet Anmeldeversuche aus dem Ausland', 'network', 'critical', 'in_progress', 'admin', false],
    ['Scanner legt PDFs im falschen Ordner ab', 'other', 'low', 'new', 'managing_director', true],
  ];
  for (const [index, [subject, category, priority, status, reporter, withAsset]] of tickets.entries()) {
    const by = state.user(reporter);
    const done = status === 'resolved' || status === 'closed';
    await api.create('it_ticket', {
      subject, category, priority, status, description: `${subject}. Gemeldet telefonisch, Rückruf erbeten.`,
      ...(by !== null ? { reporter: by } : {}), ...(it !== null && status !== 'new' ? { assignee: it } : {}),
      ...(withAsset && assets.length > 0 ? { asset: assets[(index * 5) % assets.length] } : {}), ...(done ? { resolved_at: api.at(-random.int(1, 20), '14:20') } : {}),
    });
  }

  const reviewer = state.user('it');
  const admin = state.user('admin');
  for (const [username, id] of Object.entries(api.users)) {
    const adjusted = username === 'logistics';
    const by = username === 'it' ? admin : reviewer;
    await api.create('access_review', {
      user: id, reviewed_at: api.day(-random.int(5, 60)), roles_reviewed: username, result: adjusted ? 'adjusted' : 'confirmed',
      ...(by !== null ? { reviewer: by } : {}), next_review: api.day(random.int(60, 180)),
      ...(adjusted ? { findings: 'Schreibrecht auf Kontrakte entzogen; nur Abrufe und Transporte nötig.' } : {}),
    });
  }
}
