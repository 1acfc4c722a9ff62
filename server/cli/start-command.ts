import { resolve } from 'node:path';
import { commandArgs } from './command-args.ts';
import { InvalidDefinitionsError } from '../app.ts';
import { DestructiveSchemaChangeError } from '../db/sync-schema.ts';
import { startServer } from '../main.ts';

const help = `Usage: kontor start [--dir <project dir>] [--port <port>] [--host <host>]

Starts the server on the project's definitions. The database is DATABASE_URL, else config/app.yaml
(default sqlite:data/kontor.db, created on first start). PORT and HOST override config/app.yaml.`;

export async function startCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('start', args, { dir: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; port?: string; host?: string };
  try {
    await startServer({
      dir: resolve(values.dir ?? '.'),
      ...(values.port ? { port: Number(values.port) } : {}),
      ...(values.host ? { host: values.host } : {}),
    });
    return 0;
  } catch (error) {
    if (error instanceof InvalidDefinitionsError || error instanceof DestructiveSchemaChangeError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
