import { resolve } from 'node:path';
import { formatConfigIssue } from '../../generators/core/config-issue.ts';
import { FieldRegistry } from '../../generators/fields/registry.ts';
import { compileProject } from '../../generators/model/compile-project.ts';
import { parseDatabaseUrl } from '../db/database-url.ts';
import { enableAudit } from '../audit/enable-audit.ts';
import { openDatabase } from '../db/open-database.ts';
import { createOperationContext, type OperationContext } from '../operations/operation-context.ts';

/**
 * The project's model and database for a command that works without the server (user, token, explain):
 * the schema is brought up to date first, so these work whether or not the server has ever run.
 * Null (errors printed) when the definitions are invalid.
 */
export async function openProject(dir: string | undefined): Promise<OperationContext | null> {
  const root = resolve(dir ?? '.');
  const registry = new FieldRegistry();
  const compiled = await compileProject(root, { registry });
  if (!compiled.ok) {
    for (const issue of compiled.issues) console.error(formatConfigIssue(issue));
    console.error('\nThe definitions are invalid; fix them first (`kontor validate`).');
    return null;
  }
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? compiled.model.app.database.url, root);
  const db = await openDatabase(compiled.model, registry, target);
  const context = createOperationContext(compiled.model, registry, compiled.code, db);
  await enableAudit(context);
  return context;
}
