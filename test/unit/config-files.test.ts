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
      { name: 'finance', label: { en: 'Finance', de: 'Finance' }, icon: 'euro', order: 1 },
      { name: 'sales', label: { en: 'Sales', de: 'Sales' }, icon: 'folder', order: 10 },
      // Where the built-in user entity lives unless departments.yaml declares `system` itself.
      { name: 'system', label: { en: 'System', de: 'System' }, icon: 'settings', order: 1000 },
    ]);
    expect(result.model.roles).toEqual([{ name: 'clerk', label: { en: 'Clerk', de: 'Clerk' }, description: null, grants: [] }]);
    expect(result.model.app).toEqual({
      name: 'Test',
      database: { url: 'sqlite:data/kontor.db' },
      server: { host: '127.0.0.1', port: 3000, bodyLimit: 1048576 },
      locale: { default: 'de', available: ['de', 'en'] },
      auth: { sessionTtlSeconds: 43200, apiTokenTtlSeconds: 7776000, login: { maxFailures: 5, windowSeconds: 900, lockoutSeconds: 900 } },
    });
  });
});
