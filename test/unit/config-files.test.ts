import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProject } from '../../generators/model/compile-project.ts';

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function project(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'kontor-config-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('config files', () => {
  it('take a bare department or role name (`sales:`) with every default filled', async () => {
    const result = await compileProject(
      await project({
        'config/app.yaml': 'name: Test\n',
        'config/departments.yaml': 'departments:\n  sales:\n  finance: { order: 1, icon: euro }\n',
        'config/roles.yaml': 'roles:\n  clerk:\n',
        'entities/sales/customer.yaml': 'entity: customer\nfields:\n  name: string\n',
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.model.departments).toEqual([
      { name: 'finance', label: { en: 'Finance', de: 'Finance' }, icon: 'euro', order: 1, dashboard: [] },
      { name: 'sales', label: { en: 'Sales', de: 'Sales' }, icon: 'folder', order: 10, dashboard: [] },
      // Where the built-in user entity lives unless departments.yaml declares `system` itself.
      { name: 'system', label: { en: 'System', de: 'System' }, icon: 'settings', order: 1000, dashboard: [] },
    ]);
    expect(result.model.roles).toEqual([{ name: 'clerk', label: { en: 'Clerk', de: 'Clerk' }, description: null, grants: [] }]);
    expect(result.model.app).toEqual({
      name: 'Test',
      database: { url: 'sqlite:data/kontor.db' },
      server: { host: '127.0.0.1', port: 3000, bodyLimit: 1048576 },
      plugins: [],
      locale: { default: 'de', available: ['de', 'en'] },
      auth: { sessionTtlSeconds: 43200, apiTokenTtlSeconds: 7776000, login: { maxFailures: 5, windowSeconds: 900, lockoutSeconds: 900 } },
    });
  });

  it('give each department its dashboard items: any department\'s entity, filters as written, relative days kept', async () => {
    const result = await compileProject(
      await project({
        'config/app.yaml': 'name: Test\n',
        'config/departments.yaml': [
          'departments:',
          '  sales:',
          '    dashboard:',
          '      - entity: invoice',
          '        label: { en: Overdue invoices, de: Überfällige Rechnungen }',
          '        filter: { status: [sent, reminded], due_lt: today, due_gte: today-90d, paid_at: null }',
          '        tone: error',
          '      - { entity: customer, label: Customers, filter: { updated_at_gte: today-7d, name_like: agrar, id: [1, 2] } }',
          '  finance:',
          '    dashboard:',
          '      - { entity: user, label: { de: Aktive Konten }, filter: { active: true } }',
          '',
        ].join('\n'),
        'config/roles.yaml': 'roles:\n  clerk:\n',
        'entities/sales/customer.yaml': 'entity: customer\nfields:\n  name: string\n',
        'entities/finance/invoice.yaml': [
          'entity: invoice',
          'fields:',
          '  due: date',
          '  paid_at: datetime',
          '  status: { type: enum, values: [draft, sent, reminded, paid] }',
          '',
        ].join('\n'),
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const dashboard = (name: string) => result.model.departments.find((d) => d.name === name)?.dashboard;
    expect(dashboard('sales')).toEqual([
      {
        entity: 'invoice',
        label: { en: 'Overdue invoices', de: 'Überfällige Rechnungen' },
        filter: { status: ['sent', 'reminded'], due_lt: 'today', due_gte: 'today-90d', paid_at: null },
        tone: 'error',
      },
      { entity: 'customer', label: { en: 'Customers', de: 'Customers' }, filter: { updated_at_gte: 'today-7d', name_like: 'agrar', id: [1, 2] }, tone: null },
    ]);
    expect(dashboard('finance')).toEqual([{ entity: 'user', label: { en: 'Aktive Konten', de: 'Aktive Konten' }, filter: { active: true }, tone: null }]);
    expect(dashboard('system')).toEqual([]);
  });
});
