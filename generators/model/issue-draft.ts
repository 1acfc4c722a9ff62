import type { ConfigErrorCode } from '../core/config-error-codes.ts';
import type { SourcePath } from '../core/config-issue.ts';
import type { SourcePosition } from './source-file.ts';

/**
 * An issue before it is placed: checks say where (a path in the file, or a position the parser knew) and the
 * compiler turns that into file:line:column once, through the file's own locator.
 */
export interface ConfigIssueDraft {
  code: ConfigErrorCode;
  message: string;
  path?: SourcePath;
  key?: boolean;
  position?: SourcePosition;
  suggestion?: string | undefined;
}
