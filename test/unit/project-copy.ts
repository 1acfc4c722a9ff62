import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** Copies the repository's config/ and entities/ to a temporary project that a test may change. */
export async function copyDemoProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kontor-project-'));
  await cp(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
  await cp(join(repoRoot, 'entities'), join(dir, 'entities'), { recursive: true });
  return dir;
}
