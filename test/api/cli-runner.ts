import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { format } from 'node:util';
import { expect, vi } from 'vitest';
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

type Command = (args: string[]) => Promise<number>;

/** The commands of server/cli/main.ts by name, loaded on first use (main.ts itself runs and exits on import). */
const commands: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('../../server/cli/audit-command.ts')).auditCommand,
  diff: async () => (await import('../../server/cli/diff-command.ts')).diffCommand,
  explain: async () => (await import('../../server/cli/explain-command.ts')).explainCommand,
  generate: async () => (await import('../../server/cli/generate-command.ts')).generateCommand,
  migrate: async () => (await import('../../server/cli/migrate-command.ts')).migrateCommand,
  seed: async () => (await import('../../server/cli/seed-command.ts')).seedCommand,
  token: async () => (await import('../../server/cli/token-command.ts')).tokenCommand,
  trace: async () => (await import('../../server/cli/trace-command.ts')).traceCommand,
  user: async () => (await import('../../server/cli/user-command.ts')).userCommand,
  validate: async () => (await import('../../server/cli/validate-command.ts')).validateCommand,
};

/** In-process runs share process.env and the console: one at a time, also when a test starts several at once. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * `kontor <args>` inside the test process: the command's own function with DATABASE_URL set, its console
 * output and stderr writes captured, and main.ts's handling of an unexpected error (exit 1, the message's first
 * lines). A child process costs seconds of CPU (tsx, the whole server); use this where the test is about what
 * the command does, not about the process boundary, and keep a real `runKontor` per command family.
 */
export function runKontorInProcess(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  const run = queue.then(() => runInProcess(databaseUrl, args));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(databaseUrl: string, [name, ...args]: string[]): Promise<CliRun> {
  const load = name === undefined ? undefined : commands[name];
  if (!load) throw new Error(`runKontorInProcess: no command "${String(name)}" (start and help need a process of their own)`);
  const command = await load();
  let stdout = '';
  let stderr = '';
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (stdout += `${format(...parts)}\n`)),
    vi.spyOn(console, 'info').mockImplementation((...parts: unknown[]) => void (stdout += `${format(...parts)}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (stderr += `${format(...parts)}\n`)),
    vi.spyOn(console, 'warn').mockImplementation((...parts: unknown[]) => void (stderr += `${format(...parts)}\n`)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)),
  ];
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const code = await command(args);
    return { code, stdout, stderr };
  } catch (error) {
    // As main.ts: an unexpected failure is exit 1 with the first lines of the message.
    const message = error instanceof Error ? error.message : String(error);
    stderr += `kontor ${name}: ${message.split('\n').slice(0, 6).join('\n')}\n(set KONTOR_DEBUG=1 for the full error)\n`;
    return { code: 1, stdout, stderr };
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    for (const spy of spies) spy.mockRestore();
  }
}

/** Fails with the command's output in the message, which is what one needs to see when an exit code is wrong. */
export function expectExit(run: CliRun, code: number): void {
  expect(run.code, `exit ${String(run.code)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
}
