import { resolve } from 'node:path';
import { exportAudit } from '../audit/audit-export.ts';
import { verifyChain } from '../audit/verify-chain.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor audit <verify|export> [options]

  kontor audit verify
      Walks the whole audit trail: every entry's hash over its content, every link to the entry before,
      sequence numbers without gaps. Prints "N entries verified, chain intact" (exit 0), or the first
      broken entry and why (exit 1).
  kontor audit export --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--format jsonl|csv] [--out <dir>]
      Writes the entries of the period (both days included, UTC) with their hashes, and a manifest with
      the chain's head, the period's first and last hash and the file's SHA-256, for tax auditors.
      Default format jsonl, default folder audit-export/.

Options for all: --dir <project dir>. Works on the database of DATABASE_URL, else config/app.yaml.`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function auditCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('audit', args, { dir: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, help, true);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; from?: string; to?: string; format?: string; out?: string };
  const [action, ...rest] = parsed.positionals;
  if ((action !== 'verify' && action !== 'export') || rest.length > 0) {
    const problem = !action ? 'say verify or export' : action !== 'verify' && action !== 'export' ? `unknown action "${action}"` : `unexpected arguments: ${rest.join(' ')}`;
    console.error(`kontor audit: ${problem}\n\n${help}`);
    return 2;
  }
  if (action === 'export') {
    const problem = !values.from || !values.to ? '--from and --to are required' : !DAY.test(values.from) || !DAY.test(values.to) || Number.isNaN(Date.parse(values.from)) || Number.isNaN(Date.parse(values.to)) ? '--from and --to are days: YYYY-MM-DD' : values.from > values.to ? '--from is after --to' : values.format && !['jsonl', 'csv'].includes(values.format) ? '--format is jsonl or csv' : null;
    if (problem) {
      console.error(`kontor audit export: ${problem}\n\n${help}`);
      return 2;
    }
  }
  const context = await openProject(values.dir);
  if (!context) return 1;
  try {
    if (action === 'verify') {
      const started = performance.now();
      const verdict = await verifyChain(context.db.reader);
      const seconds = (performance.now() - started) / 1000;
      if (verdict.ok) {
        console.log(`${verdict.entries} entries verified, chain intact`);
        console.error(`head ${verdict.head}; ${Math.round(verdict.entries / Math.max(seconds, 0.001)).toLocaleString('en')} entries/s`);
        return 0;
      }
      console.log(`Entry ${verdict.seq} is broken: ${verdict.problem}`);
      console.log(`${verdict.entries} entries before it verified`);
      return 1;
    }
    const result = await exportAudit(context.db.reader, { from: values.from as string, to: values.to as string, format: (values.format ?? 'jsonl') as 'jsonl' | 'csv', dir: resolve(values.out ?? 'audit-export') });
    console.log(`Wrote ${result.entries} entries to ${result.file}\nManifest ${result.manifest}`);
    return 0;
  } finally {
    await context.db.close();
  }
}
