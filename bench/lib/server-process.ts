import { fork, type ChildProcess } from 'node:child_process';
import type { FromChild, ToChild } from '../servers/child.ts';

export interface ServerStats {
  rss: number;
  sampledPeakRss: number;
  maxRss: number;
  heapUsed: number;
  /** CPU time the server process has used so far (user + system). */
  cpuMicros: number;
}

/** A benchmark server in its own child process (its own event loop and heap), listening on a free port. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly port: number,
    readonly startupMs: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static start(name: string, script: string, args: string[], execArgv: string[], timeoutMs = 60_000): Promise<ServerProcess> {
    const child = fork(script, args, { execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(child);
    child.once('exit', () => live.delete(child));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      child.once('exit', (code, signal) => fail(new Error(`${name} exited during start-up (code ${code}, signal ${signal})`)));
      child.once('error', fail);
      child.on('message', function onMessage(message: FromChild) {
        if (message.type === 'failed') fail(new Error(`${name} failed to start:\n${message.message}`));
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.once('exit', () => live.delete(child));
        child.off('message', onMessage);
        resolve(new ServerProcess(name, child, message.port, message.startupMs));
      });
    });
  }

  /** Current and peak RSS; `resetPeak` starts a new sampling window (per scenario). */
  stats(resetPeak = false): Promise<ServerStats> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not answer a stats request`)), 10_000);
      const onMessage = (message: FromChild) => {
        if (message.type !== 'stats') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.send({ type: 'stats', resetPeak });
    });
  }

  /** Asks the server to close and exit (so a CPU profile gets written); kills it when it does not. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private send(message: ToChild): void {
    if (this.child.connected) this.child.send(message);
  }
}

const live = new Set<ChildProcess>();

/** Last resort on exit or a signal: no server outlives the benchmark. */
export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
