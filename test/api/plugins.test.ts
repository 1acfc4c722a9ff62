import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { generateCommand } from '../../server/cli/generate-command.ts';
import { copyApiProject, describeEachEngine, repoRoot, startTestApp, type TestApp } from './harness.ts';
import { create, expectError, expectStatus, getOne, listUrl, type Rec } from './seed-helpers.ts';

/**
 * Plugins end to end on a copy of the API fixture: the shipped `iban` and `weight` field types (definition →
 * column → API → `_meta` → OpenAPI) and a project-local plugin with hooks, custom actions and a generator.
 */
const pluginFile = `
import { definePlugin } from '${join(repoRoot, 'generators', 'model', 'plugin.ts')}';
import { doNotEditHeader } from '${join(repoRoot, 'generators', 'generated-file.ts')}';

export default definePlugin({
  name: 'partner-tools',
  hooks: {
    partner: {
      beforeCreate: (partner) => {
        if (typeof partner.name === 'string') partner.name = partner.name.trim();
      },
      validate: (partner) => (partner.name === 'Blocked GmbH' ? { name: 'is on the sanctions list' } : undefined),
    },
  },
  actions: {
    partner: {
      verify: {
        label: { en: 'Verify', de: 'Prüfen' },
        confirm: { en: 'Verified by phone?', de: 'Telefonisch geprüft?' },
        icon: 'verified',
        roles: ['admin', 'accountant'],
        available: (partner) => partner.verified_on === null,
        run: async (partner, context) => {
          await context.update('partner', Number(partner.id), { verified_on: context.today() });
        },
      },
      copy: {
        label: 'Copy',
        run: async (partner, context) => {
          await context.create('partner', { name: String(partner.name) + ' (copy)', kind: partner.kind });
        },
      },
      refuse: {
        label: 'Refuse',
        run: async (partner, context) => {
          await context.update('partner', Number(partner.id), { notes: 'should never be written' });
          context.reject('Not today', { notes: 'refused' });
        },
      },
    },
  },
  generators: {
    'partner-fields': {
      summary: 'the partner fields as CSV',
      generate: (model) => {
        const partner = model.entities.find((e) => e.name === 'partner');
        const rows = (partner?.fields ?? []).map((f) => f.name + ';' + f.type);
        return [{ path: 'config/generated/partner-fields.csv', content: doNotEditHeader('partner-fields', '//') + '\\n' + rows.join('\\n') + '\\n' }];
      },
    },
  },
});
`;

const VALID = 'DE89370400440532013000';

async function pluginProject(): Promise<string> {
  const dir = await copyApiProject();
  await mkdir(join(dir, 'plugins'), { recursive: true });
  await writeFile(join(dir, 'plugins', 'partner-tools.ts'), pluginFile);
  const app = join(dir, 'config', 'app.yaml');
  await writeFile(app, (await readFile(app, 'utf8')).replace('name: Hanseatische Agrarhandel\n', 'name: Hanseatische Agrarhandel\nplugins: [iban, weight, ./plugins/partner-tools.ts]\n'));
  const partner = join(dir, 'entities', 'masterdata', 'partner.yaml');
  await writeFile(
    partner,
    (await readFile(partner, 'utf8')).replace(
      '  notes:\n',
      '  iban:\n    type: iban\n  payroll_iban:\n    type: iban\n    countries: [DE, AT]\n  verified_on:\n    type: date\n    readonly: true\n  notes:\n',
    ),
  );
  const contract = join(dir, 'entities', 'contracts', 'contract.yaml');
  const text = (await readFile(contract, 'utf8')).replace(/  quantity:\n    type: decimal\n/, '  quantity:\n    type: weight\n');
  await writeFile(contract, text.replace('  deliveries:\n', '  weighings:\n    type: children\n    entity: weighing\n    via: contract\n  weighed:\n    type: computed\n    sum: weighings.net\n  deliveries:\n'));
  await writeFile(
    join(dir, 'entities', 'contracts', 'weighing.yaml'),
    'entity: weighing\nfields:\n  contract: { type: reference, to: contract, required: true, onDelete: cascade }\n  net: { type: weight, unit: kg, scale: 0, min: 0, required: true }\n',
  );
  const roles = join(dir, 'config', 'roles.yaml');
  await writeFile(roles, (await readFile(roles, 'utf8')).replace('  auditor:\n', '  auditor:\n    grants:\n      partner: [read]\n'));
  return dir;
}

describeEachEngine('plugins', (engine) => {
  let t: TestApp;
  let dir: string;
  let commodity: number;
  let partner: Rec;

  beforeAll(async () => {
    dir = await pluginProject();
    t = await startTestApp(engine, { dir });
    commodity = (await create(t, 'commodities', { name: 'Wheat', unit: 't' })).id;
    partner = await create(t, 'partners', { name: 'Müller Agrar', kind: 'supplier' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('iban: stored compact from what people paste, refused with the reason when the check digits or length are wrong', async () => {
    const saved = await create(t, 'partners', { name: 'Bank test', iban: ' de89 3704 0044 0532 0130 00' });
    expect(saved.iban).toBe(VALID);
    expect((await getOne(t, 'partners', saved.id)).iban).toBe(VALID);
    const typo = expectError(await t.request('POST', '/api/partners', { name: 'Typo', iban: 'DE89370400440532013001' }), 400, { fields: ['iban'] });
    expect(typo.errors?.iban).toMatch(/check digits/);
    const short = expectError(await t.request('POST', '/api/partners', { name: 'Short', iban: 'DE8937040044053201300' }), 400, { fields: ['iban'] });
    expect(short.errors?.iban).toMatch(/22 characters/);
    const foreign = expectError(await t.request('POST', '/api/partners', { name: 'Foreign', payroll_iban: 'NL91ABNA0417164300' }), 400, { fields: ['payroll_iban'] });
    expect(foreign.errors?.payroll_iban).toMatch(/only DE, AT/);
    expect((await create(t, 'partners', { name: 'Dutch', iban: 'NL91ABNA0417164300' })).iban).toBe('NL91ABNA0417164300');
    const found = await t.request<Rec[]>('GET', listUrl('partners', { filter: { iban: VALID } }));
    expect(found.body.map((p) => p.id)).toEqual([saved.id]);
  });

  it('weight: either unit on input, exact conversion to the field unit, digits and limits checked after conversion', async () => {
    const body = (quantity: unknown) => ({ side: 'purchase', partner: partner.id, commodity, quantity, currency: 'EUR' });
    expect((await create(t, 'contracts', body('24500 kg'))).quantity).toBe('24.500');
    expect((await create(t, 'contracts', body('24.5 t'))).quantity).toBe('24.500');
    expect((await create(t, 'contracts', body(24.5))).quantity).toBe('24.500');
    expect((await create(t, 'contracts', body('1 kg'))).quantity).toBe('0.001');
    const grams = expectError(await t.request('POST', '/api/contracts', body('0.5 kg')), 400, { fields: ['quantity'] });
    expect(grams.errors?.quantity).toMatch(/at most 3 decimal places \(in t\)/);
    expectError(await t.request('POST', '/api/contracts', body('-5 kg')), 400, { fields: ['quantity'] });
    expectError(await t.request('POST', '/api/contracts', body('12 lb')), 400, { fields: ['quantity'] });
    const heavy = await t.request<Rec[]>('GET', listUrl('contracts', { filter: { quantity_gte: '24' } }));
    expect(heavy.body.every((c) => Number(c.quantity) >= 24)).toBe(true);
    expect(heavy.body.length).toBeGreaterThanOrEqual(3);
  });

  it('weight: a sum of weights is a weight in their unit (kg here), computed in SQL', async () => {
    const contract = await create(t, 'contracts', { side: 'sale', partner: partner.id, commodity, quantity: '50', currency: 'EUR', weighings: [{ net: '24.5 t' }, { net: '12000' }] });
    expect(contract.weighings.map((w: Rec) => w.net)).toEqual(['24500', '12000']);
    expect(contract.weighed).toBe('36500');
    const meta = (await t.request<any>('GET', '/api/_meta')).body;
    const weighed = meta.entities.find((e: any) => e.name === 'contract').fields.find((f: any) => f.name === 'weighed');
    expect(weighed.options).toMatchObject({ returns: 'decimal', scale: 0, unit: 'kg' });
  });

  it('_meta and OpenAPI describe plugin types like built-in ones', async () => {
    const meta = (await t.request<any>('GET', '/api/_meta')).body;
    const fields = meta.entities.find((e: any) => e.name === 'partner').fields;
    expect(fields.find((f: any) => f.name === 'payroll_iban')).toMatchObject({ type: 'iban', options: { countries: ['DE', 'AT'] }, filters: ['eq', 'neq', 'in', 'like', 'gt', 'gte', 'lt', 'lte'] });
    const quantity = meta.entities.find((e: any) => e.name === 'contract').fields.find((f: any) => f.name === 'quantity');
    expect(quantity).toMatchObject({ type: 'weight', options: { unit: 't', scale: 3, precision: 14 } });
    const document = (await t.request<any>('GET', '/api/openapi.json')).body;
    const input = JSON.stringify(document.components.schemas);
    expect(input).toContain('x-iban');
    expect(input).toContain('Quantity. In t, or a string with its unit');
  });

  it('plugin hooks run in the write: a before-hook changes the record, validate refuses with 400 and field errors, nothing is written', async () => {
    expect((await create(t, 'partners', { name: '  Spaced Name  ' })).name).toBe('Spaced Name');
    const before = await t.request<Rec[]>('GET', listUrl('partners', { range: [0, 0] }));
    const refused = expectError(await t.request('POST', '/api/partners', { name: 'Blocked GmbH' }), 400, { code: 'KONTOR_HTTP_VALIDATION', fields: ['name'] });
    expect(refused.errors?.name).toBe('is on the sanctions list');
    const after = await t.request<Rec[]>('GET', listUrl('partners', { range: [0, 0] }));
    expect(after.headers['content-range']).toBe(before.headers['content-range']);
  });

  it('custom actions: route, grant and roles, availability, audit with _action, refusal rolls back, Location of a copy', async () => {
    const target = await create(t, 'partners', { name: 'To verify' });
    const actions = await t.request<any>('GET', `/api/partners/${target.id}/actions`);
    expect(actions.body.custom).toEqual(['verify', 'copy', 'refuse']);
    const meta = (await t.request<any>('GET', '/api/_meta')).body.entities.find((e: any) => e.name === 'partner');
    expect(meta.customActions.map((a: any) => a.name)).toEqual(['verify', 'copy', 'refuse']);
    expect(meta.customActions[0]).toEqual({ name: 'verify', label: { en: 'Verify', de: 'Prüfen' }, description: null, confirm: { en: 'Verified by phone?', de: 'Telefonisch geprüft?' }, icon: 'verified' });

    const verified = await t.request<Rec>('POST', `/api/partners/${target.id}/actions/verify`, { version: target.version });
    expectStatus(verified, 200);
    expect(verified.body.verified_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectError(await t.request('POST', `/api/partners/${target.id}/actions/verify`), 409, { code: 'KONTOR_HTTP_ACTION_NOT_AVAILABLE' });
    expect((await t.request<any>('GET', `/api/partners/${target.id}/actions`)).body.custom).toEqual(['copy', 'refuse']);

    const trail = await t.request<any[]>('GET', listUrl('audit', { filter: { entity: 'partner', record_id: target.id } }));
    expectStatus(trail, 200);
    const update = trail.body.find((entry) => entry.action === 'update');
    expect(update.changes).toMatchObject({ _action: 'verify', verified_on: [null, verified.body.verified_on] });
    expect(trail.body.some((entry) => entry.action === 'action' && entry.changes._action === 'verify')).toBe(true);

    const refused = expectError(await t.request('POST', `/api/partners/${target.id}/actions/refuse`), 422, { code: 'KONTOR_HTTP_RULE_VIOLATION' });
    expect(refused.message).toBe('Not today');
    expect((await getOne(t, 'partners', target.id)).notes).toBeNull();

    const copied = await t.request<Rec>('POST', `/api/partners/${target.id}/actions/copy`);
    expectStatus(copied, 200);
    const location = String(copied.headers.location);
    expect(location).toMatch(/^\/api\/partners\/\d+$/);
    expect((await t.request<Rec>('GET', location)).body.name).toBe('To verify (copy)');

    const auditor = await t.loginAs(`auditor-${engine}`, ['auditor']);
    expect((await t.request<any>('GET', `/api/partners/${target.id}/actions`, undefined, { token: auditor.token })).body.custom).toEqual([]);
    const denied = expectError(await t.request('POST', `/api/partners/${target.id}/actions/copy`, undefined, { token: auditor.token }), 403);
    expect(denied.message).toMatch(/none of your roles grants "copy" on partner/);
    expectError(await t.request('POST', `/api/partners/${target.id}/actions/nothing`), 404);
  });

  it('a plugin generator runs through `kontor generate <name>` and `--check`', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await generateCommand(['partner-fields', '--dir', dir])).toBe(0);
      const csv = await readFile(join(dir, 'config', 'generated', 'partner-fields.csv'), 'utf8');
      expect(csv).toMatch(/^\/\/ Generated by `npx kontor generate partner-fields`/);
      expect(csv).toContain('iban;iban\n');
      expect(await generateCommand(['partner-fields', '--dir', dir, '--check'])).toBe(0);
      await writeFile(join(dir, 'config', 'generated', 'partner-fields.csv'), 'edited by hand\n');
      expect(await generateCommand(['partner-fields', '--dir', dir, '--check'])).toBe(1);
      expect(await generateCommand(['nonsense', '--dir', dir])).toBe(2);
      expect(error.mock.calls.flat().join('\n')).toMatch(/partner-fields +the partner fields as CSV \(plugin partner-tools\)/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
