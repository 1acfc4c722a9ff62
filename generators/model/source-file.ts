import type { SourcePath } from '../core/config-issue.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

/** A definition or config file, read and parsed, that can say where any of its nodes is. */
export interface SourceFile {
  /** Relative to the project directory, forward slashes: what error lines show. */
  readonly path: string;
  readonly data: unknown;
  /** Where the node at `path` starts; with `key`, where its key starts. Falls back to the nearest ancestor. */
  locate(path: SourcePath, key?: boolean): SourcePosition;
}
