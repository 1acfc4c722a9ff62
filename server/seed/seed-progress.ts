import { SingleBar } from 'cli-progress';

/** Where a seed reports how far it is. */
export interface SeedProgress {
  /** `total` null: not known in advance (a counter instead of a bar). */
  start(label: string, total: number | null): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: SeedProgress = { start() {}, update() {}, stop() {} };

/**
 * A progress bar on stderr (cli-progress) when stderr is a terminal; otherwise, for logs and CI, one line
 * at every tenth of the total (or every 100,000 rows when the total is unknown).
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  let bar: SingleBar | null = null;
  let label = '';
  let total: number | null = null;
  let reported = 0;
  return {
    start(name, expected) {
      bar?.stop();
      label = name;
      total = expected;
      reported = 0;
      if (!stream.isTTY) return;
      const format = expected === null ? `${name} {value} records | {duration_formatted}` : `${name} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`;
      bar = new SingleBar({ format, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50, fps: 5 });
      bar.start(expected ?? 0, 0);
    },
    update(done) {
      if (bar) {
        if (total !== null && done > total) bar.setTotal(done);
        bar.update(done);
        return;
      }
      const step = total === null ? 100_000 : Math.max(1, Math.ceil(total / 10));
      if (Math.floor(done / step) > Math.floor(reported / step)) {
        stream.write(`${label} ${done.toLocaleString('en')}${total === null ? '' : ` of ${total.toLocaleString('en')} rows (${Math.floor((done / total) * 100)} %)`}\n`);
      }
      reported = done;
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
