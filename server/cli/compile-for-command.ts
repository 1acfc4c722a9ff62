import { formatConfigIssue } from '../../generators/core/config-issue.ts';
import { compileProject, type CompileResult } from '../../generators/model/compile-project.ts';

/**
 * The project's model for a command, or null after printing every issue at file:line:column and what to do
 * (`before migrating`, `first (\`kontor validate\`)`): commands refuse invalid definitions the same way.
 */
export async function compileForCommand(dir: string, fixThem: string): Promise<Extract<CompileResult, { ok: true }> | null> {
  const compiled = await compileProject(dir);
  if (compiled.ok) return compiled;
  for (const issue of compiled.issues) console.error(formatConfigIssue(issue));
  console.error(`\nThe definitions are invalid; fix them ${fixThem}.`);
  return null;
}
