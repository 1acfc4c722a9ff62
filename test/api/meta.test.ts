import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveFilter } from '../../admin/src/dashboard/resolveFilter.ts';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';

/** `GET /api/_meta` (the UI model the admin is built from), `/api/health` and `/api/ready`. */
type Obj = Record<string, any>;

const en = (text: string) => ({ en: text, de: expect.any(String) });
const OPERATORS = ['eq', 'neq', 'in', 'like', 'gt', 'gte', 'lt', 'lte'] as const;

/** A value of the field's type that a filter accepts. */
function sampleValue(field: Obj): unknown {
  const type = field.type === 'computed' ? field.options.returns : field.type;
  switch (type) {
    case 'integer': case 'reference': case 'many': return 1;
    case 'decimal': case 'money': return '1';
    case 'boolean': return true;
    case 'date': return '2026-01-01';
    case 'datetime': return '2026-01-01T00:00:00.000Z';
    case 'enum': return field.options.values[0].value;
    case 'email': return 'lab@example.com';
    case 'url': return 'https://example.com';
    default: return 'x';
  }
}

describeEachEngine('the _meta document and the system routes', (engine) => {
  let t: TestApp;
  let meta: Obj;
  const entity = (name: string): Obj => meta.entities.find((e: Obj) => e.name === name);
  const field = (entityName: string, name: string): Obj => entity(entityName).fields.find((f: Obj) => f.name === name);

  beforeAll(async () => {
    t = await startTestApp(engine);
    const response = await t.app.inject({ method: 'GET', url: '/api/_meta', headers: t.authHeaders });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    meta = JSON.parse(response.body);
  });
  afterAll(async () => t?.close());

  it('describes the app and its departments in menu order', () => {
    expect(meta.modelVersion).toEqual(expect.any(Number));
    expect(meta.app).toEqual({ name: 'Hanseatische Agrarhandel', locale: { default: 'de', available: ['de', 'en'] } });
    // The departments the caller (admin) can see something in (an entity, or only a dashboard item as in
    // `orders`), and `system` (users) last.
    expect(meta.departments.map((d: Obj) => d.name)).toEqual(['masterdata', 'contracts', 'orders', 'quality', 'system']);
    expect({ ...meta.departments[0], dashboard: undefined }).toEqual({ name: 'masterdata', label: { en: 'Master data', de: 'Stammdaten' }, icon: 'storage', order: 10, dashboard: undefined });
    expect({ ...meta.departments[1], dashboard: undefined }).toEqual({ name: 'contracts', label: { en: 'Contracts', de: 'Kontrakte' }, icon: 'handshake', order: 20, dashboard: undefined });
    const orders = meta.departments.map((d: Obj) => d.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    for (const d of meta.departments) expect(d).toEqual({ name: expect.any(String), label: en(d.label.en), icon: expect.any(String), order: expect.any(Number), dashboard: expect.any(Array) });
  });

  it('gives each department its dashboard items as departments.yaml declares them', () => {
    const dashboard = (name: string) => meta.departments.find((d: Obj) => d.name === name).dashboard;
    expect(dashboard('contracts')).toEqual([
      { entity: 'contract', label: { en: 'Open contracts', de: 'Offene Kontrakte' }, filter: { status: 'active' }, tone: null },
      {
        entity: 'contract',
        label: { en: 'Deliveries due within 14 days', de: 'Lieferungen in 14 Tagen fällig' },
        filter: { status: ['draft', 'active'], delivery_to_gte: 'today', delivery_to_lte: 'today+14d' },
        tone: 'warning',
      },
      { entity: 'contract', label: { en: 'Contracts above 500 per unit', de: 'Kontrakte über 500 je Einheit' }, filter: { price_gte: 500, created_at_gte: 'today-365d' }, tone: null },
      { entity: 'delivery', label: { en: 'Wet deliveries', de: 'Feuchte Lieferungen' }, filter: { moisture_gt: 15 }, tone: 'error' },
    ]);
    // An item may count another department's entity.
    expect(dashboard('orders')).toEqual([{ entity: 'delivery', label: { en: 'Deliveries weighed today', de: 'Heute verwogene Lieferungen' }, filter: { date: 'today' }, tone: 'success' }]);
    expect(dashboard('masterdata').map((item: Obj) => item.filter)).toEqual([{ credit_limit_gte: 100000 }, { active: false }]);
    expect(dashboard('quality')).toEqual([]);
    expect(dashboard('system')).toEqual([]);
  });

  it('has dashboard items whose filters, with their days resolved as the browser does, the list route counts', async () => {
    const items = meta.departments.flatMap((d: Obj) => d.dashboard) as Obj[];
    expect(items.length).toBeGreaterThanOrEqual(7);
    const answers: string[] = [];
    for (const item of items) {
      const filter = resolveFilter(item.filter);
      expect(JSON.stringify(filter), item.label.en).not.toContain('today');
      const response = await t.request('GET', `/api/${entity(item.entity).resource}?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent('["id","DESC"]')}&range=[0,0]`);
      if (response.status !== 200 || !/\/\d+$/.test(String(response.headers['content-range']))) answers.push(`${item.label.en}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(answers).toEqual([]);
  });

  it('describes every entity: name, resource, department, labels, title, list, search, sort, ownedBy', () => {
    expect(meta.entities.map((e: Obj) => e.name).sort()).toEqual(['commodity', 'contract', 'delivery', 'partner', 'sample', 'user']);
    expect(entity('partner').actions).toEqual(['read', 'create', 'update', 'delete', 'export']);
    // The harness's caller is an admin, whose role has `audit: [read]`.
    expect(meta.audit).toEqual({ read: true });
    expect(meta.user).toMatchObject({ username: 'tester', roles: ['admin'] });
    expect(entity('contract').actions).toEqual(['read', 'create', 'update', 'delete', 'export', 'activate', 'fulfil', 'cancel']);
    expect({ ...entity('partner'), fields: undefined }).toEqual({
      name: 'partner', resource: 'partners', department: 'masterdata',
      label: { en: 'Partner', de: 'Geschäftspartner' }, plural: { en: 'Partners', de: 'Geschäftspartner' }, description: null,
      title: 'name', list: ['name', 'kind', 'vat_id', 'email', 'credit_limit', 'active'], search: ['name', 'vat_id', 'email'],
      sort: { field: 'name', order: 'ASC' }, ownedBy: null, workflow: null, fields: undefined, actions: expect.any(Array),
      audit: { enabled: true, reason: 'optional' }, customActions: [],
    });
    expect(entity('contract')).toMatchObject({
      resource: 'contracts', department: 'contracts', label: { en: 'Contract', de: 'Kontrakt' }, plural: { en: 'Contracts', de: 'Kontrakte' },
      title: 'number', list: ['number', 'side', 'partner', 'commodity', 'quantity', 'delivered', 'status'], search: ['number', 'partner.name'],
      sort: { field: 'number', order: 'DESC' }, ownedBy: null,
      workflow: { field: 'status', transitions: [
        { name: 'activate', label: { en: 'Activate', de: 'Aktivieren' }, from: ['draft'], to: 'active' },
        { name: 'fulfil', label: { en: 'Mark fulfilled', de: 'Als erfüllt markieren' }, from: ['active'], to: 'fulfilled' },
        { name: 'cancel', label: { en: 'Cancel', de: 'Stornieren' }, from: ['draft', 'active'], to: 'cancelled' },
      ] },
    });
    expect(entity('delivery')).toMatchObject({
      resource: 'deliveries', department: 'contracts', label: { en: 'Delivery', de: 'Lieferung' }, plural: { en: 'Deliveries', de: 'Lieferungen' },
      title: 'ticket_no', search: ['ticket_no', 'vehicle'], sort: { field: 'date', order: 'DESC' },
      ownedBy: { entity: 'contract', field: 'deliveries', via: 'contract' },
    });
    expect(entity('commodity')).toMatchObject({ resource: 'commodities', department: 'masterdata', label: { en: 'Commodity', de: 'Ware' }, sort: { field: 'name', order: 'ASC' }, ownedBy: null });
    expect(entity('sample')).toMatchObject({ resource: 'samples', department: 'quality', title: 'code', search: ['name', 'code', 'commodity.name'], ownedBy: null });
  });

  it('is consistent: departments, titles, list, search, sort and targets name things that exist', () => {
    const departments = new Set(meta.departments.map((d: Obj) => d.name));
    const resources = meta.entities.map((e: Obj) => e.resource);
    expect(new Set(resources).size).toBe(resources.length);
    for (const d of meta.departments) for (const item of d.dashboard) expect(entity(item.entity), `${d.name} dashboard: ${item.entity}`).toBeDefined();
    for (const e of meta.entities) {
      const names = e.fields.map((f: Obj) => f.name as string);
      const has = (name: string) => ['id', 'created_at', 'updated_at', ...names].includes(name);
      expect(departments.has(e.department), `${e.name}.department`).toBe(true);
      expect(e.label, e.name).toEqual(en(e.label.en));
      expect(e.plural, e.name).toEqual(en(e.plural.en));
      expect(has(e.title), `${e.name}.title`).toBe(true);
      for (const name of e.list) expect(has(name), `${e.name}.list ${name}`).toBe(true);
      expect(has(e.sort.field), `${e.name}.sort`).toBe(true);
      expect(['ASC', 'DESC']).toContain(e.sort.order);
      for (const path of e.search) {
        const [head, tail] = path.split('.');
        expect(has(head), `${e.name}.search ${path}`).toBe(true);
        if (tail) expect(entity(field(e.name, head).options.to).fields.map((f: Obj) => f.name), `${e.name}.search ${path}`).toContain(tail);
      }
      for (const f of e.fields) {
        expect(Object.keys(f).sort(), `${e.name}.${f.name}`).toEqual(['default', 'filters', 'help', 'label', 'name', 'options', 'readable', 'readonly', 'required', 'sortable', 'type', 'unique', 'writable']);
        expect(f.readable, `${e.name}.${f.name}`).toBe(true);
        expect(f.writable, `${e.name}.${f.name}`).toBe(!f.readonly);
        expect(f.label, `${e.name}.${f.name}`).toEqual(en(f.label.en));
        expect(typeof f.required === 'boolean' && typeof f.readonly === 'boolean' && typeof f.sortable === 'boolean').toBe(true);
        if (f.type === 'reference' || f.type === 'many') expect(entity(f.options.to), `${e.name}.${f.name} → ${f.options.to}`).toBeDefined();
        if (f.type === 'children') expect(field(f.options.entity, f.options.via).options.to, `${e.name}.${f.name}`).toBe(e.name);
      }
    }
  });

  it('describes fields with type, labels, required, readonly and their options', () => {
    expect(entity('partner').fields.map((f: Obj) => f.name)).toEqual(['name', 'vat_id', 'kind', 'email', 'website', 'credit_limit', 'active', 'commodities', 'notes']);
    expect(field('partner', 'name')).toMatchObject({ type: 'string', label: { en: 'Name', de: 'Name' }, required: true, readonly: false, unique: false, options: { maxLength: 120 } });
    expect(field('partner', 'vat_id')).toMatchObject({
      type: 'string', required: false, unique: true, label: { en: 'VAT ID', de: 'USt-IdNr.' },
      help: { en: 'EU VAT identification number, e.g. DE123456789', de: 'Umsatzsteuer-Identifikationsnummer, z. B. DE123456789' },
      options: { maxLength: 20, pattern: '^[A-Z]{2}[0-9A-Z]{2,13}$' },
    });
    expect(field('partner', 'kind')).toMatchObject({
      type: 'enum', required: true, default: 'customer',
      options: { values: [
        { value: 'customer', label: { en: 'Customer', de: 'Kunde' } },
        { value: 'supplier', label: { en: 'Supplier', de: 'Lieferant' } },
        { value: 'both', label: { en: 'Customer and supplier', de: 'Kunde und Lieferant' } },
      ] },
    });
    expect(field('partner', 'credit_limit')).toMatchObject({ type: 'money', required: false, options: { scale: 2, currency: 'EUR', min: '0' } });
    expect(field('partner', 'active')).toMatchObject({ type: 'boolean', default: true });
    expect(field('partner', 'commodities')).toMatchObject({ type: 'many', required: false, options: { to: 'commodity' } });
    expect(field('contract', 'number')).toMatchObject({ type: 'autonumber', readonly: true, unique: true, options: { pattern: 'K-{YYYY}-{0000}' } });
    expect(field('contract', 'partner')).toMatchObject({ type: 'reference', required: true, label: { en: 'Partner', de: 'Partner' }, options: { to: 'partner' } });
    expect(field('contract', 'quantity')).toMatchObject({ type: 'decimal', required: true, options: { precision: 14, scale: 3, unit: 't', min: '0' } });
    expect(field('contract', 'price')).toMatchObject({ type: 'money', options: { scale: 2, currencyField: 'currency' } });
    expect(field('contract', 'currency').options.values).toEqual(['EUR', 'USD', 'GBP', 'CHF', 'PLN'].map((v) => ({ value: v, label: { en: v, de: v } })));
    expect(field('contract', 'deliveries')).toMatchObject({ type: 'children', label: { en: 'Deliveries', de: 'Lieferungen' }, options: { entity: 'delivery', via: 'contract' } });
    expect(field('contract', 'delivered')).toMatchObject({ type: 'computed', readonly: true, options: { returns: 'decimal', scale: 3 } });
    expect(field('delivery', 'moisture')).toMatchObject({ type: 'decimal', required: false, options: { precision: 5, scale: 2, unit: '%', min: '0', max: '100' } });
    expect(field('delivery', 'net_weight')).toMatchObject({ type: 'decimal', required: true, options: { scale: 3, unit: 't' } });
    expect(field('delivery', 'contract')).toMatchObject({ type: 'reference', required: true, options: { to: 'contract', onDelete: 'cascade' } });
    expect(field('delivery', 'date')).toMatchObject({ type: 'date', required: true, default: 'today' });
    expect(field('commodity', 'shelf_life_days')).toMatchObject({ type: 'integer', options: { min: 0, max: 3650, unit: 'days' } });
    expect(field('sample', 'grade').options.values).toEqual([
      { value: 'a', label: { en: 'A', de: 'A' } }, { value: 'b', label: { en: 'B', de: 'B' } }, { value: 'c', label: { en: 'Feed grade', de: 'Futterqualität' } },
    ]);
    expect(field('sample', 'commodity')).toMatchObject({ type: 'reference', required: false, options: { to: 'commodity', onDelete: 'set_null' } });
    expect(field('sample', 'moisture_label')).toMatchObject({ type: 'computed', readonly: true, options: { returns: 'string' } });
    expect(entity('sample').fields.map((f: Obj) => f.type)).toEqual([
      'autonumber', 'string', 'text', 'integer', 'decimal', 'decimal', 'money', 'boolean', 'date', 'datetime', 'enum', 'email', 'url', 'json', 'json', 'reference', 'many', 'computed',
    ]);
  });

  it('lists exactly the filter operators and sorts the list route accepts', async () => {
    const get = async (resource: string, params: Record<string, unknown>) =>
      (await t.request('GET', `/api/${resource}?${Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&')}`)).status;
    const mismatches: string[] = [];
    for (const e of meta.entities) {
      for (const f of e.fields) {
        const value = sampleValue(f);
        for (const op of OPERATORS) {
          const filter = op === 'eq' ? { [f.name]: value } : op === 'in' ? { [f.name]: [value] } : { [`${f.name}_${op}`]: value };
          const status = await get(e.resource, { filter });
          const expected = f.filters.includes(op) ? 200 : 400;
          if (status !== expected) mismatches.push(`${e.resource} filter ${JSON.stringify(filter)} → ${status}, _meta says ${expected}`);
        }
        const sorted = await get(e.resource, { sort: [f.name, 'ASC'] });
        if (sorted !== (f.sortable ? 200 : 400)) mismatches.push(`${e.resource} sort ${f.name} → ${sorted}, _meta says sortable: ${f.sortable}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers /api/health and /api/ready; ready turns 503 when the database is gone', async () => {
    const health = await t.request('GET', '/api/health');
    expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
    const ready = await t.request('GET', '/api/ready');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
    const other = await startTestApp(engine);
    try {
      await other.app.kontor.db.close();
      const down = await other.request('GET', '/api/ready');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ statusCode: 503, code: 'KONTOR_HTTP_NOT_READY', message: expect.any(String) });
      expect((await other.request('GET', '/api/health')).body).toEqual({ status: 'ok' });
    } finally {
      await other.close();
    }
  });
});
