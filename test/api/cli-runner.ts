import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './harness.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `kontor <args>` as a user runs it: a process of its own, on the given database. */
export function runKontor(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fails with the command's output in the message, which is what one needs to see when an exit code is wrong. */
export function expectExit(run: CliRun, code: number): void {
  expect(run.code, `exit ${String(run.code)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
}
