import { BANKS, FIRST_NAMES, LAST_NAMES } from './german-data.ts';
import { germanIban, germanTaxId } from './identifiers.ts';
import type { LargeState } from './large-state.ts';

/** Rows at scale 1 of HR, IT and the office. */
export const LARGE_PEOPLE_COUNTS = {
  employee: 300, leave_request: 3000, training: 1500, asset: 2000, it_ticket: 5000, document: 10_000, correspondence: 20_000, task: 5000,
} as const;

const DEPARTMENTS = ['contracts', 'orders', 'warehouse', 'warehouse', 'warehouse', 'quality', 'compliance', 'finance', 'hr', 'it', 'admin_support'] as const;

/** Employees (the demo users' among them), leave, trainings, payroll runs, IT assets, tickets, licences and access reviews. */
export async function largePeople(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('people');
  const users = Object.values(api.users);
  for (let i = 0; i < Math.max(users.length, state.count(LARGE_PEOPLE_COUNTS.employee)); i++) {
    const salary = random.int(2900, 7500);
    const row = await api.insert('employee', {
      name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`, department: random.pick(DEPARTMENTS), entry_date: api.day(-random.int(30, 9000)), salary: `${salary}.00`,
      iban: germanIban(random, random.pick(BANKS).blz), tax_id: germanTaxId(random), ...(i < users.length ? { user: users[i] } : {}), ...(i > 0 && state.employees[0] !== undefined ? { manager: state.employees[0] } : {}),
    });
    state.employees.push(row.id);
  }
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.leave_request); i++) {
    const start = random.int(-700, 90);
    const days = random.int(1, 10);
    await api.insert('leave_request', { employee: random.pick(state.employees), start_date: api.day(start), end_date: api.day(start + days + Math.floor(days / 5) * 2), days: `${days}.0`, status: start < 0 ? random.pick(['approved', 'approved', 'rejected']) : random.pick(['requested', 'approved']) });
  }
  const courses = ['forklift', 'gmp_hygiene', 'first_aid', 'fire_safety', 'safety_instruction', 'data_protection'] as const;
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.training); i++) {
    const done = -random.int(0, 900);
    const course = random.pick(courses);
    await api.insert('training', { employee: random.pick(state.employees), course, course_title: course === 'forklift' ? 'Staplerschein' : 'Jährliche Unterweisung', completed_on: api.day(done), valid_until: api.day(done + 365) });
  }
  for (let back = 23; back >= 0; back--) {
    const index = Number(api.today.slice(0, 4)) * 12 + Number(api.today.slice(5, 7)) - 1 - back;
    const gross = state.employees.length * random.int(3900, 4300);
    await api.insert('payroll_run', { period: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, status: back === 0 ? 'draft' : 'paid', employee_count: state.employees.length, total_gross: `${gross}.00`, total_net: (gross * 0.63).toFixed(2), employer_contributions: (gross * 0.205).toFixed(2) });
  }
  const kinds = ['laptop', 'monitor', 'phone', 'tablet', 'printer', 'network'] as const;
  const assets: number[] = [];
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.asset); i++) {
    const bought = -random.int(30, 1800);
    const row = await api.insert('asset', { kind: random.pick(kinds), manufacturer: random.pick(['Lenovo', 'Dell', 'HP', 'Apple', 'Samsung']), serial_number: `SN${String(10_000_000 + i)}`, assigned_to: random.pick(state.employees), status: bought < -1500 ? 'retired' : 'in_use', purchased_at: api.day(bought), purchase_price: `${random.int(200, 1800)}.00`, warranty_until: api.day(bought + 1095) });
    assets.push(row.id);
  }
  for (const [product, seats] of [['Microsoft 365 Business Premium', 350], ['DATEV Rechnungswesen', 12], ['Sophos Intercept X Advanced', 400], ['Veeam Backup & Replication', 40]] as const) {
    await api.insert('software_license', { product, seats, expires_at: api.day(random.int(10, 365)), cost: `${seats * random.int(20, 240)}.00` });
  }
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.it_ticket); i++) {
    const status = random.pick(['new', 'in_progress', 'waiting', 'resolved', 'closed', 'closed']);
    await api.insert('it_ticket', {
      subject: random.pick(['Drucker druckt nicht', 'Passwort zurücksetzen', 'VPN bricht ab', 'Neues Headset', 'Wägeterminal hängt']), category: random.pick(['hardware', 'software', 'access', 'network', 'printer', 'weighbridge']),
      priority: random.pick(['low', 'normal', 'normal', 'high']), status, ...(users.length > 0 ? { reporter: random.pick(users) } : {}), ...(assets.length > 0 && random.chance(0.3) ? { asset: random.pick(assets) } : {}),
      ...(status === 'resolved' || status === 'closed' ? { resolved_at: api.at(-random.int(0, 700), '15:00') } : {}),
    });
  }
  for (const user of users) await api.insert('access_review', { user, reviewed_at: api.day(-random.int(1, 90)), result: 'confirmed', next_review: api.day(random.int(30, 180)) });
}

/** Documents, correspondence and tasks. */
export async function largeOffice(state: LargeState): Promise<void> {
  const { api } = state;
  const random = api.random.fork('office');
  const users = Object.values(api.users);
  const documents: number[] = [];
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.document); i++) {
    const contract = random.pick(state.contracts);
    const row = await api.insert('document', { title: `Kontrakt ${contract.side === 'sale' ? 'Verkauf' : 'Einkauf'} Nr. ${contract.id}`, doc_type: 'contract', document_date: api.day(Math.min(0, contract.from - 5)), retention_class: '10y', partner: contract.partner.id, contract: contract.id });
    documents.push(row.id);
  }
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.correspondence); i++) {
    const contract = random.pick(state.contracts);
    await api.insert('correspondence', {
      partner: contract.partner.id, contract: contract.id, date: api.day(Math.min(0, contract.from + random.int(-10, 60))), direction: random.pick(['incoming', 'outgoing']), channel: random.pick(['email', 'email', 'letter', 'phone']),
      subject: random.pick(['Kontraktbestätigung', 'Abrufplan', 'Rückfrage Qualität', 'Zahlungserinnerung', 'Lieferverzug']), ...(documents.length > 0 && random.chance(0.2) ? { document: random.pick(documents) } : {}),
    });
  }
  for (let i = 0; i < state.count(LARGE_PEOPLE_COUNTS.task); i++) {
    await api.insert('task', { title: random.pick(['Kontrakt gegenzeichnen lassen', 'Abrufe disponieren', 'Zertifikat anfordern', 'Rechnung prüfen', 'Urlaubsantrag entscheiden']), due_date: api.day(random.int(-60, 60)), priority: random.pick(['low', 'normal', 'high']), done: random.chance(0.5), ...(users.length > 0 ? { assignee: random.pick(users) } : {}) });
  }
}
