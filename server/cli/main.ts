import { auditCommand } from './audit-command.ts';
import { diffCommand } from './diff-command.ts';
import { explainCommand } from './explain-command.ts';
import { generateCommand } from './generate-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { seedCommand } from './seed-command.ts';
import { startCommand } from './start-command.ts';
import { tokenCommand } from './token-command.ts';
import { traceCommand } from './trace-command.ts';
import { userCommand } from './user-command.ts';
import { validateCommand } from './validate-command.ts';

/** A CLI command: gets its arguments, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; run: Command }> = {
  audit: { summary: 'verify the audit trail\'s hash chain, or export a period for tax auditors', run: auditCommand },
  diff: { summary: 'show what the definitions change against the database (new entities and fields, destructive changes); changes nothing', run: diffCommand },
  explain: { summary: 'show which roles and grants allow or deny a user an entity, action or field', run: explainCommand },
  generate: { summary: 'write files generated from the definitions: types, docs (data dictionary), openapi, migration', run: generateCommand },
  migrate: { summary: 'write the definitions\' changes to the database as a migration and apply it', run: migrateCommand },
  seed: { summary: 'fill the database with the project\'s demo data (--size small|large)', run: seedCommand },
  start: { summary: 'start the server (REST API, OpenAPI docs) on the project\'s definitions', run: startCommand },
  token: { summary: 'create a long-lived API token for a machine client', run: tokenCommand },
  trace: { summary: 'trace a stock lot: suppliers and parent lots, child lots and customers (EU 178/2002)', run: traceCommand },
  user: { summary: 'add users, change passwords, disable, list (works before the server has run)', run: userCommand },
  validate: { summary: 'check entities/ and config/; print every error with file:line:column', run: validateCommand },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return ['Usage: kontor <command> [options]', '', 'Commands:', ...lines, '', 'Run `kontor <command> --help` for its options.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kontor: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // Expected failures print their own message; this is for the unexpected, without a wall of stack.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`kontor ${name}: ${message.split('\n').slice(0, 6).join('\n')}`);
    if (process.env.KONTOR_DEBUG === '1') console.error(error);
    else console.error('(set KONTOR_DEBUG=1 for the full error)');
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `start` keeps running until a signal; every other command ends here.
if (code !== 0 || process.argv[2] !== 'start') process.exit(code);
