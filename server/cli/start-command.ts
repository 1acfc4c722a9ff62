import { resolve } from 'node:path';
import { commandArgs } from './command-args.ts';
import { InvalidDefinitionsError } from '../app.ts';
import { DestructiveSchemaChangeError } from '../db/sync-schema.ts';
import { startServer } from '../main.ts';

const help = `Usage: kontor start [--dir <project dir>] [--port <port>] [--host <host>] [--no-watch]

Starts the server on the project's definitions. The database is DATABASE_URL, else config/app.yaml
(default sqlite:data/kontor.db, created on first start). PORT and HOST override config/app.yaml.
Saved changes to entities/ and config/ reload the model without a restart when they only add to the
database (what needs \`kontor migrate\` is logged and not applied); --no-watch or KONTOR_WATCH=0 turns
this off.`;

export async function startCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('start', args, { dir: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'no-watch': { type: 'boolean' } }, help);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; port?: string; host?: string; 'no-watch'?: boolean };
  try {
    await startServer({
      dir: resolve(values.dir ?? '.'),
      ...(values.port ? { port: Number(values.port) } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values['no-watch'] ? { watch: false } : {}),
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
