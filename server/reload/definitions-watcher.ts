import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { DEFINITION_FOLDERS, isDefinitionPath } from './definition-files.ts';

export interface DefinitionsWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: an editor's save is several events. */
  debounceMs?: number;
  onError?: (error: Error) => void;
}

/** The folder and its subfolders (relative to the project), skipping those no definition lives in. */
function foldersBelow(dir: string, folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(dir, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  const below = entries.filter((e) => e.isDirectory() && isDefinitionPath(`${folder}/${e.name}`)).flatMap((e) => foldersBelow(dir, `${folder}/${e.name}`));
  return [folder, ...below];
}

/**
 * Watches entities/ and config/ of a project and calls `onChange` with the changed definition files once
 * the events have settled. One watch per folder, not `fs.watch(..., { recursive: true })`: on Linux, Node 20
 * implements that by watching each file, and loses a file that an editor saves by renaming a new one over it
 * (vim, `sed -i`, JetBrains' safe write). Folders created later are watched from their first event on. What
 * `isDefinitionPath` rejects (config/generated/, editor temporary files) never triggers `onChange`.
 */
export function watchDefinitions(dir: string, onChange: (files: string[]) => void, options: WatchOptions = {}): DefinitionsWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const pending = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A folder may have come or gone (a new department): watch what is there now.
      sync();
      const files = [...pending].sort();
      pending.clear();
      if (files.length > 0) onChange(files);
    }, debounceMs);
  };

  const watchFolder = (folder: string) => {
    try {
      const watcher = watch(join(dir, folder), { persistent: false }, (event, name) => {
        const path = name ? `${folder}/${String(name)}` : folder;
        if (!isDefinitionPath(path)) return;
        pending.add(path);
        if (event === 'rename') sync();
        settle();
      });
      watcher.on('error', (error: NodeJS.ErrnoException) => {
        // The folder was removed: its parent's watch reports that, and sync() forgets it.
        if (error.code !== 'EPERM' && error.code !== 'ENOENT') options.onError?.(error);
        watcher.close();
        watchers.delete(folder);
      });
      watchers.set(folder, watcher);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(error as Error);
    }
  };

  const sync = () => {
    if (closed) return;
    const present = new Set(DEFINITION_FOLDERS.flatMap((folder) => foldersBelow(dir, folder)));
    for (const [folder, watcher] of watchers) {
      if (present.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
    }
    for (const folder of present) if (!watchers.has(folder)) watchFolder(folder);
  };

  sync();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
