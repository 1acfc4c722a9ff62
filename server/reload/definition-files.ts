import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { glob } from 'tinyglobby';

/** The folders whose files make up the definitions: what live reload watches and the model hash covers. */
export const DEFINITION_FOLDERS = ['entities', 'config'] as const;

/**
 * Whether a path (relative to the project, forward slashes) belongs to the definitions: not what Kontor
 * writes itself (config/generated/), not an editor's temporary file (vim's `.x.swp` and `4913`, emacs's
 * `#x#` and `.#x`, backups `x~`, JetBrains' `x___jb_tmp___`), not another hidden file.
 */
export function isDefinitionPath(path: string): boolean {
  const parts = path.split('/');
  if (!DEFINITION_FOLDERS.includes(parts[0] as (typeof DEFINITION_FOLDERS)[number])) return false;
  if (parts[0] === 'config' && parts[1] === 'generated') return false;
  if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const name = basename(path);
  return !(name.endsWith('~') || /^#.*#$/.test(name) || name === '4913' || /\.(swp|swx|swo|tmp|bak|orig)$/.test(name) || name.includes('___jb_'));
}

/** The definition files of a project, relative and sorted. */
export async function definitionFiles(dir: string): Promise<string[]> {
  const files = await glob(DEFINITION_FOLDERS.map((folder) => `${folder}/**/*`), { cwd: dir, dot: false, onlyFiles: true });
  return files.filter(isDefinitionPath).sort();
}

/**
 * SHA-256 over every definition file, sorted by path: its path and its content. Names the definitions a
 * model was built from (`Kontor-Model` header, `_meta.modelHash`, the audit trail's `model_change`).
 */
export async function hashDefinitions(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await definitionFiles(dir)) {
    // A file removed between listing and reading counts as absent: the next change event rehashes.
    const content = await readFile(join(dir, file)).catch(() => null);
    if (content === null) continue;
    hash.update(file).update('\0').update(content).update('\0');
  }
  return hash.digest('hex');
}
