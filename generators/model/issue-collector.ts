import { compareConfigIssues, type ConfigIssue } from '../core/config-issue.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { SourceFile } from './source-file.ts';

/** Gathers drafts from every check and places each in its file once, at the end. */
export class IssueCollector {
  readonly #issues: ConfigIssue[] = [];

  add(source: SourceFile | string, drafts: Iterable<ConfigIssueDraft>): void {
    for (const draft of drafts) {
      const position =
        draft.position ?? (typeof source === 'string' ? { line: 1, column: 1 } : source.locate(draft.path ?? [], draft.key ?? false));
      this.#issues.push({
        file: typeof source === 'string' ? source : source.path,
        line: position.line,
        column: position.column,
        code: draft.code,
        message: draft.message,
        ...(draft.suggestion === undefined ? {} : { suggestion: draft.suggestion }),
      });
    }
  }

  get count(): number {
    return this.#issues.length;
  }

  /** How many issues one file has (a check that builds on a file skips it while the file has problems). */
  countIn(file: string): number {
    return this.#issues.filter((issue) => issue.file === file).length;
  }

  sorted(): ConfigIssue[] {
    return [...this.#issues].sort(compareConfigIssues);
  }
}
