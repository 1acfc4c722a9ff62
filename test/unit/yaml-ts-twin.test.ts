import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppModel } from '../../generators/model/app-model.ts';
import { compileProject } from '../../generators/model/compile-project.ts';
import { copyDemoProject, repoRoot } from './project-copy.ts';

async function compiled(dir: string): Promise<AppModel> {
  const result = await compileProject(dir);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line} ${i.message}`).join('\n'));
  return result.model;
}

/** The model minus where each entity came from, which is the one thing twins may differ in. */
function withoutSources(model: AppModel): unknown {
  return { ...model, entities: model.entities.map(({ source: _source, ...entity }) => entity) };
}

describe('YAML and TypeScript definitions', () => {
  it('normalize to the identical model (delivery.ts and its YAML twin)', async () => {
    const fromTs = await compiled(repoRoot);
    const dir = await copyDemoProject();
    try {
      await rm(join(dir, 'entities/contracts/delivery.ts'));
      await copyFile(join(repoRoot, 'test/fixtures/twin/delivery.yaml'), join(dir, 'entities/contracts/delivery.yaml'));
      const fromYaml = await compiled(dir);
      expect(fromTs.entities.find((e) => e.name === 'delivery')?.source).toBe('entities/contracts/delivery.ts');
      expect(fromYaml.entities.find((e) => e.name === 'delivery')?.source).toBe('entities/contracts/delivery.yaml');
      expect(withoutSources(fromYaml)).toEqual(withoutSources(fromTs));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
