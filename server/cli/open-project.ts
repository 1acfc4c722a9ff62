import { resolve } from 'node:path';
import { parseDatabaseUrl } from '../db/database-url.ts';
import { enableAudit } from '../audit/enable-audit.ts';
import { openDatabase } from '../db/open-database.ts';
import { compileForCommand } from './compile-for-command.ts';
import { createOperationContext, type OperationContext } from '../operations/operation-context.ts';

/**
 * The project's model and database for a command that works without the server (user, token, explain):
 * the schema is brought up to date first, so these work whether or not the server has ever run.
 * Null (errors printed) when the definitions are invalid.
 */
export async function openProject(dir: string | undefined): Promise<OperationContext | null> {
  const root = resolve(dir ?? '.');
  const compiled = await compileForCommand(root, 'first (`kontor validate`)');
  if (!compiled) return null;
  const { registry } = compiled;
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? compiled.model.app.database.url, root);
  const db = await openDatabase(compiled.model, registry, target);
  const context = createOperationContext(compiled.model, registry, compiled.code, db);
  await enableAudit(context);
  return context;
}
