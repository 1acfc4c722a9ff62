import type { ConfigErrorCode } from './config-error-codes.ts';

/** Where in a source file something is: keys and array indexes from the document root. */
export type SourcePath = ReadonlyArray<string | number>;

/** One problem with the definitions, positioned in the file that a person must edit to fix it. */
export interface ConfigIssue {
  /** Path relative to the project directory, with forward slashes. */
  file: string;
  line: number;
  column: number;
  code: ConfigErrorCode;
  message: string;
  /** A close match for a misspelled name, shown as (did you mean "x"?). */
  suggestion?: string;
}

/** The one-line form that `kontor validate` prints and editors can jump to. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const hint = issue.suggestion === undefined ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${issue.file}:${issue.line}:${issue.column} ${issue.code} ${issue.message}${hint}`;
}

/** Orders issues by file, then position, so output reads top to bottom like the files. */
export function compareConfigIssues(a: ConfigIssue, b: ConfigIssue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}
