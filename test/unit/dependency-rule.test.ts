import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './project-copy.ts';

/**
 * DESIGN.md's dependency rule, checked rather than remembered: data ← generators ← server, admin talks to the
 * server over HTTP only, and no two folders import each other in a circle.
 */
const allowed: Record<string, readonly string[]> = {
  'generators/core': [],
  'generators/fields': ['generators/core'],
  'generators/model': ['generators/core', 'generators/fields'],
  entities: ['generators/model', 'generators/fields', 'generators/core'],
};

function area(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'generators' || parts[0] === 'server' || parts[0] === 'admin') return parts.slice(0, 2).join('/');
  return parts[0] ?? file;
}

const importPattern = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

async function edges(): Promise<Array<{ from: string; to: string; file: string }>> {
  const files = await glob(['generators/**/*.ts', 'server/**/*.ts', 'entities/**/*.ts', 'admin/src/**/*.{ts,tsx}'], { cwd: repoRoot, ignore: ['**/node_modules/**'] });
  const result: Array<{ from: string; to: string; file: string }> = [];
  for (const file of files) {
    const text = await readFile(join(repoRoot, file), 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier) continue;
      const target = relative(repoRoot, resolve(repoRoot, dirname(file), specifier)).split('\\').join('/');
      result.push({ from: area(file), to: area(target), file });
    }
  }
  return result;
}

describe('dependency rule', async () => {
  const all = await edges();
  const between = all.filter((e) => e.from !== e.to);

  it('sees the imports it checks', () => {
    expect(between).toContainEqual(expect.objectContaining({ from: 'generators/model', to: 'generators/fields' }));
  });

  it('generators never import server/ or admin/', () => {
    expect(between.filter((e) => e.from.startsWith('generators') && !e.to.startsWith('generators'))).toEqual([]);
  });

  it('generators folders import only what is below them', () => {
    const wrong = between.filter((e) => e.from in allowed && !(allowed[e.from] ?? []).includes(e.to));
    expect(wrong).toEqual([]);
  });

  it('server never imports admin/, admin never imports server/ or generators/ code', () => {
    expect(between.filter((e) => e.from.startsWith('server') && e.to.startsWith('admin'))).toEqual([]);
    // Not even types: admin/ writes the `_meta` contract out (admin/src/meta/types.ts) and
    // test/unit/admin-meta-types.test.ts checks it against the server's.
    expect(between.filter((e) => e.from.startsWith('admin') && !e.to.startsWith('admin'))).toEqual([]);
  });

  it('has no cycles between folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of between) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
