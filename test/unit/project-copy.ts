import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glob } from 'tinyglobby';

export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * Copies the repository's config/ and entities/ to a temporary project that a test may change. TypeScript
 * definitions import the compiler's helpers (`defineEntity`) by a relative path, rewritten to an absolute one
 * so that they still load from the copy; imports within entities/ stay relative.
 */
export async function copyDemoProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kontor-project-'));
  await cp(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
  await cp(join(repoRoot, 'entities'), join(dir, 'entities'), { recursive: true });
  const generators = join(repoRoot, 'generators');
  for (const file of await glob('entities/**/*.ts', { cwd: dir })) {
    const path = join(dir, file);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/(['"])(?:\.\.\/)+generators\//g, `$1${generators}/`));
  }
  return dir;
}
