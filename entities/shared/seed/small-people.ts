import { BANKS, FIRST_NAMES, LAST_NAMES } from './german-data.ts';
import { germanIban, germanTaxId } from './identifiers.ts';
import { money, type SmallState } from './small-state.ts';

/** The demo users' people: username, name, department, monthly salary. The managing director heads everyone. */
const STAFF: Array<[string, string, string, number]> = [
  ['managing_director', 'Dr. Friederike Lüders', 'admin_support', 12500],
  ['trader', 'Jan Wolters', 'contracts', 6800],
  ['logistics', 'Maren Harms', 'orders', 4600],
  ['warehouse', 'Dirk Albers', 'warehouse', 4100],
  ['quality', 'Dr. Katrin Thiele', 'quality', 5900],
  ['compliance', 'Sabine Rademacher', 'compliance', 5600],
  ['accountant', 'Torsten Kruse', 'finance', 5200],
  ['hr', 'Claudia Möller', 'hr', 5100],
  ['it', 'Ole Dierks', 'it', 5400],
  ['admin', 'Sven Garbers', 'it', 6200],
  ['employee', 'Lena Ehlers', 'warehouse', 3300],
  ['auditor', 'Bernd Köhler', 'finance', 5800],
];

/** Employees without a user account: warehouse, plant and lab staff. */
const CREW: Array<[string, string, number]> = [
  ['warehouse', 'Lagermitarbeiter', 3200], ['warehouse', 'Lagermitarbeiter', 3150], ['warehouse', 'Silomeister', 3900], ['warehouse', 'Wäger', 3250],
  ['warehouse', 'Lagermitarbeiter', 3100], ['quality', 'Laborant', 3500], ['orders', 'Disponent', 3800], ['contracts', 'Handelsassistenz', 3600],
  ['finance', 'Buchhaltung', 3700], ['warehouse', 'Anlagenfahrer Mischfutterwerk', 3450],
];

const email = (name: string) =>
  `${name.replace(/^Dr\. /, '').toLowerCase().replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue').replaceAll('ß', 'ss').replace(/\s+/g, '.')}@hanseatische-agrar.de`;

/** Employees (one per demo user, the `employee` user's own record among them), leave, trainings and payroll runs. */
export async function seedPeople(state: SmallState): Promise<void> {
  const { api, random } = state;
  const salaries: number[] = [];
  const add = async (key: string, name: string, department: string, salary: number, user: number | null, manager: number | undefined, entry: number) => {
    const id = await api.create('employee', {
      name, department, email: email(name), entry_date: api.day(-entry), salary: money(salary), iban: germanIban(random, random.pick(BANKS).blz),
      tax_id: germanTaxId(random), leave_days: salary > 6000 ? 30 : random.pick([28, 30, 30]),
      ...(user !== null ? { user } : {}), ...(manager !== undefined ? { manager } : {}),
    });
    state.employees.set(key, id);
    salaries.push(salary);
    return id;
  };
  let director: number | undefined;
  for (const [username, name, department, salary] of STAFF) {
    const id = await add(username, name, department, salary, state.user(username), director, random.int(400, 6500));
    director ??= id;
  }
  const used = new Set(STAFF.map(([, name]) => name));
  for (const [index, [department, , salary]] of CREW.entries()) {
    let name = '';
    while (name === '' || used.has(name)) name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    used.add(name);
    const head = department === 'warehouse' ? state.employees.get('warehouse') : director;
    await add(`crew-${index}`, name, department, salary + random.int(-80, 120), null, head, random.int(90, 5000));
  }

  const people = [...state.employees.entries()];
  const requests: Array<[string, number, number, 'approve' | 'reject' | null, string]> = [
    ['employee', 9, 5, 'approve', 'Sommerurlaub'], ['employee', 40, 3, null, 'Brückentage'], ['trader', 4, 10, 'approve', 'Familienurlaub'],
    ['logistics', 20, 2, null, ''], ['quality', -30, 5, 'approve', ''], ['crew-0', 11, 4, 'approve', ''], ['crew-2', 2, 1, 'approve', 'Umzug'],
    ['crew-4', 25, 10, null, 'Jahresurlaub'], ['accountant', -60, 10, 'approve', ''], ['it', 15, 3, 'reject', 'Fällt in die Umstellung des Warenwirtschaftssystems'],
    ['crew-6', -12, 3, 'approve', ''], ['hr', 60, 15, null, 'Elternzeit-Anschluss'], ['crew-1', 6, 2, 'approve', ''], ['compliance', 33, 5, null, ''],
  ];
  for (const [key, start, workdays, decision, reason] of requests) {
    const employee = state.employees.get(key);
    if (employee === undefined) continue;
    const from = nextWorkday(api.day(start));
    const id = await api.create('leave_request', { employee, start_date: from, end_date: addWorkdays(from, workdays - 1), days: `${workdays}.0`, ...(reason ? { reason } : {}) });
    if (decision) await api.transition('leave_request', id, decision);
  }

  const courses: Array<[string, string, string, number, string[]]> = [
    ['forklift', 'Staplerschein (DGUV G 308-001)', 'BG Verkehr Schulungszentrum Hamburg', 365, ['warehouse', 'employee', 'crew-0', 'crew-1', 'crew-3', 'crew-4']],
    ['gmp_hygiene', 'GMP+ Futtermittelhygiene, jährliche Unterweisung', 'Intern (QM)', 365, ['warehouse', 'employee', 'quality', 'crew-2', 'crew-9', 'logistics']],
    ['fumigation', 'Sachkunde Begasung (TRGS 512)', 'Schädlingsbekämpfung Nord GmbH', 1825, ['crew-2', 'warehouse']],
    ['dust_explosion', 'Explosionsschutz in Siloanlagen', 'TÜV-Akademie Nord', 730, ['warehouse', 'crew-2', 'crew-9']],
    ['first_aid', 'Ersthelfer-Ausbildung', 'DRK Kreisverband Uelzen', 730, ['employee', 'hr', 'crew-5']],
    ['data_protection', 'Datenschutz-Grundschulung (DSGVO)', 'Intern (Datenschutzbeauftragter)', 365, ['trader', 'accountant', 'hr', 'it', 'compliance']],
    ['hazardous_substances', 'Umgang mit Propionsäure (Gefahrstoffe)', 'Intern (Fachkraft für Arbeitssicherheit)', 365, ['crew-9', 'crew-5']],
  ];
  for (const [course, title, provider, validity, keys] of courses) {
    for (const [index, key] of keys.entries()) {
      const employee = state.employees.get(key);
      if (employee === undefined) continue;
      // Spread so that some run out within a month and one has run out.
      const completed = -validity + (index === 0 ? 20 : index === 1 ? -15 : random.int(60, Math.max(61, validity - 30)));
      await api.create('training', {
        employee, course, course_title: title, completed_on: api.day(completed), provider,
        valid_until: api.day(completed + validity), certificate_number: `${course.slice(0, 3).toUpperCase()}-${random.int(10000, 99999)}`,
      });
    }
  }

  const monthly = salaries.reduce((a, b) => a + b, 0);
  for (let back = 12; back >= 0; back--) {
    const period = monthOf(api.today, back);
    const gross = monthly * (back === 5 ? 1.9 : 1) + random.int(-400, 900);
    const status = back === 0 ? 'draft' : back === 1 ? 'approved' : 'paid';
    await api.create('payroll_run', {
      period, run_type: 'regular', status, employee_count: people.length, total_gross: money(gross), total_net: money(gross * 0.63), employer_contributions: money(gross * 0.205),
      ...(status === 'paid' ? { paid_at: lastWorkday(period) } : {}),
      ...(back === 5 ? { notes: 'Mit Urlaubsgeld.' } : {}),
    });
  }
  await api.create('payroll_run', { period: monthOf(api.today, 2), run_type: 'correction', status: 'paid', employee_count: 1, total_gross: money(412.5), total_net: money(255.8), employer_contributions: money(84.56), paid_at: lastWorkday(monthOf(api.today, 1)), notes: 'Nachzahlung Schichtzulagen Wäger.' });
}

/** `YYYY-MM` of the month `back` months before the day's month. */
function monthOf(day: string, back: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastWorkday(period: string): string {
  const date = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function nextWorkday(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function addWorkdays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  for (let left = count; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}
