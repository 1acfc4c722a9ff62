import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (seconds each alone on 2 cores: 70 to 25). Vitest starts the files it
 * remembers as slow first, so that none of them is left running alone at the end; a fresh clone (CI, after
 * `npm ci`) has no such timings and would go by file size, which puts seed.test.ts and permission-matrix
 * last. Files missing here keep vitest's order after these.
 */
const SLOWEST = [
  'test/e2e/records-and-audit.test.ts',
  'test/api/permission-matrix.test.ts',
  'test/api/seed.test.ts',
  'test/api/audit-chain-concurrency.test.ts',
  'test/e2e/workflows.test.ts',
  'test/api/auth.test.ts',
  'test/e2e/session-and-access.test.ts',
  'test/unit/broken-definitions.test.ts',
  'test/api/generate.test.ts',
  'test/api/cli-auth.test.ts',
  'test/api/trace.test.ts',
];

/** Vitest's order (failed first, then slowest first) when it has timings of every file; else SLOWEST first. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const path = (spec: TestSpecification) => relative(this.ctx.config.root, spec.moduleId);
    if (sorted.every((spec) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${path(spec)}`))) return sorted;
    const rank = (spec: TestSpecification) => {
      const index = SLOWEST.indexOf(path(spec));
      return index === -1 ? SLOWEST.length : index;
    };
    return sorted.map((spec, index) => ({ spec, index })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index).map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'generators/**/*.test.ts', 'server/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, which then
    // waits on PostgreSQL, Chromium and child processes with a core idle. The files are independent (a
    // database, a temporary folder and a free port each), so one worker per core.
    maxWorkers: Math.max(2, availableParallelism()),
    // A fresh process per file re-imports the server (Fastify, MikroORM, ajv, the generators) and warms it up
    // again: about 3 s of CPU per file. No file relies on module state of its own being fresh (each builds its
    // apps, databases and browsers in its hooks), so the workers keep their module cache between files.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
});
