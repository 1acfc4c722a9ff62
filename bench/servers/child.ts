import type { FastifyInstance } from 'fastify';

/** Messages between the benchmark (parent) and a server child process, over the fork IPC channel. */
export type ToChild = { type: 'stats'; resetPeak: boolean } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; port: number; startupMs: number }
  | { type: 'stats'; rss: number; sampledPeakRss: number; maxRss: number; heapUsed: number; cpuMicros: number }
  | { type: 'failed'; message: string };

const send = (message: FromChild) => process.send?.(message);

/**
 * Runs one benchmark server in this child: builds the app, listens on a free loopback port, reports the port,
 * samples RSS while it runs and answers the parent's stats requests. The child ends when the parent says
 * stop or goes away (so a crashed benchmark never leaves a server behind).
 */
export async function serveChild(build: () => Promise<FastifyInstance>): Promise<void> {
  if (!process.send) throw new Error('run this file through bench/rest-bench.ts (it needs the IPC channel of a forked process)');
  const started = performance.now();
  let peak = process.memoryUsage.rss();
  let peakSinceReset = peak;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    if (rss > peakSinceReset) peakSinceReset = rss;
  };
  setInterval(sample, 100).unref();

  let app: FastifyInstance;
  try {
    app = await build();
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    process.exit(1);
  }
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the server has no TCP address');

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await app.close();
    } finally {
      // A clean exit (not a signal) so that `--cpu-prof` writes its profile.
      process.exit(code);
    }
  };
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('message', (message: ToChild) => {
    if (message.type === 'stop') void stop(0);
    else if (message.type === 'stats') {
      sample();
      const cpu = process.cpuUsage();
      const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
      send({ type: 'stats', rss: process.memoryUsage.rss(), sampledPeakRss: peakSinceReset, maxRss, heapUsed: process.memoryUsage().heapUsed, cpuMicros: cpu.user + cpu.system });
      if (message.resetPeak) peakSinceReset = process.memoryUsage.rss();
    }
  });
  send({ type: 'ready', port: address.port, startupMs: Math.round(performance.now() - started) });
}
