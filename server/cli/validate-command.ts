import { resolve } from 'node:path';
import { commandArgs } from './command-args.ts';
import { formatConfigIssue } from '../../generators/core/config-issue.ts';
import { compileProject } from '../../generators/model/compile-project.ts';
import { summarizeModel } from '../../generators/model/summarize-model.ts';

const help = `Usage: kontor validate [--dir <project dir>] [--json]

Checks every definition in entities/ and config/ and prints each problem as
  file:line:column CODE message (did you mean "..."?)
Exit code 0 when the definitions are valid, 1 when they are not, 2 on bad usage.

  --dir <dir>   the project to check (default: the current directory)
  --json        print the result as JSON ({ ok, issues } or { ok, summary })`;

export async function validateCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('validate', args, { dir: { type: 'string' }, json: { type: 'boolean' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; json?: boolean };
  const result = await compileProject(resolve(values.dir ?? '.'));
  if (values.json) {
    const body = result.ok ? { ok: true, summary: summarizeModel(result.model) } : { ok: false, issues: result.issues };
    console.log(JSON.stringify(body, null, 2));
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    for (const issue of result.issues) console.log(formatConfigIssue(issue));
    const files = new Set(result.issues.map((i) => i.file)).size;
    console.log(`\n${result.issues.length} ${result.issues.length === 1 ? 'error' : 'errors'} in ${files} ${files === 1 ? 'file' : 'files'}`);
    return 1;
  }
  const { entities, departments, fields } = summarizeModel(result.model);
  console.log(`OK: ${entities} entities in ${departments} departments, ${fields} fields`);
  return 0;
}
