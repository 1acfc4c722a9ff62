import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
  },
});
