import { watchDefinitions } from './definitions-watcher.ts';
import { reloadDefinitions, type ReloadOptions } from './reload-definitions.ts';

export interface LiveReload {
  /** A new app on the definitions now on disk, even if unchanged (`npm run dev` after an admin build). */
  renew(): void;
  /** Stops watching; resolves when a reload under way has finished (so no app is swapped in afterwards). */
  close(): Promise<void>;
}

/**
 * `kontor start` without `--no-watch`: every settled change to entities/ or config/ reloads the model, one
 * reload at a time; changes saved during a reload make one more round after it.
 */
export function startLiveReload(options: Omit<ReloadOptions, 'files'> & { debounceMs?: number }): LiveReload {
  let running: Promise<void> | null = null;
  let queued: { files: string[]; force: boolean } | null = null;
  let stopped = false;

  const run = async () => {
    while (queued && !stopped) {
      const { files, force } = queued;
      queued = null;
      let again = false;
      try {
        again = (await reloadDefinitions({ ...options, files, force })).kind === 'raced';
      } catch (error) {
        options.switcher.app.log.error({ err: error }, `Definitions not reloaded: ${(error as Error).message}; still serving the previous model`);
      }
      if (again) queue(files, force);
    }
  };

  // One reload at a time: what comes in meanwhile is merged into the next round.
  const queue = (files: string[], force: boolean) => {
    queued = { files: [...new Set([...(queued?.files ?? []), ...files])], force: force || (queued?.force ?? false) };
  };
  const trigger = (files: string[], force: boolean) => {
    if (stopped) return;
    queue(files, force);
    running ??= run().finally(() => (running = null));
  };

  const watcher = watchDefinitions(
    options.dir,
    (files) => trigger(files, false),
    { debounceMs: options.debounceMs, onError: (error) => options.switcher.app.log.error({ err: error }, 'watching the definitions failed') },
  );

  return {
    renew: () => trigger([], true),
    async close() {
      stopped = true;
      watcher.close();
      await running;
    },
  };
}
