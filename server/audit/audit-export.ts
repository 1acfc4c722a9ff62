import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import { AUDIT_COLUMNS, type StoredAuditEntry } from './audit-chain.ts';
import { normalizeRow, verifyChain } from './verify-chain.ts';

export interface ExportOptions {
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from: string;
  to: string;
  format: 'jsonl' | 'csv';
  dir: string;
}

export interface ExportResult {
  file: string;
  manifest: string;
  entries: number;
}

const BATCH = 10_000;

/**
 * Writes the entries of a period with their hashes, and a manifest with what an outside checker needs:
 * the hash rule, the first entry's prev_hash and the last hash of the period, the chain's current head, the
 * file's own SHA-256, and whether the whole chain verified at export time.
 */
export async function exportAudit(reader: SqlReader, options: ExportOptions): Promise<ExportResult> {
  await mkdir(options.dir, { recursive: true });
  const base = `kontor-audit_${options.from}_${options.to}`;
  const file = join(options.dir, `${base}.${options.format}`);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const digest = createHash('sha256');
  const write = (text: string) => {
    digest.update(text);
    out.write(text);
  };
  if (options.format === 'csv') write(`${AUDIT_COLUMNS.join(',')}\r\n`);
  const end = new Date(Date.parse(`${options.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const sql = `SELECT ${AUDIT_COLUMNS.map(quote).join(', ')} FROM ${quote(AUDIT_TABLE)} WHERE ${quote('at')} >= ? AND ${quote('at')} < ? AND ${quote('seq')} > ? ORDER BY ${quote('seq')} LIMIT ${BATCH}`;
  let first: StoredAuditEntry | null = null;
  let last: StoredAuditEntry | null = null;
  let count = 0;
  for (let after = 0; ; ) {
    const rows = (await reader.all(sql, [`${options.from}T00:00:00.000Z`, end, after])).map(normalizeRow);
    for (const entry of rows) {
      first ??= entry;
      last = entry;
      count++;
      write(options.format === 'jsonl' ? `${JSON.stringify(entry)}\n` : `${AUDIT_COLUMNS.map((c) => csvField(entry[c])).join(',')}\r\n`);
    }
    if (rows.length < BATCH) break;
    after = (rows[rows.length - 1] as StoredAuditEntry).seq;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const verdict = await verifyChain(reader);
  const manifest = join(options.dir, `${base}.manifest.json`);
  await writeFile(
    manifest,
    `${JSON.stringify(
      {
        generated_at: new Date().toISOString(),
        period: { from: options.from, to: options.to },
        file: { name: `${base}.${options.format}`, format: options.format, sha256: digest.digest('hex'), entries: count },
        first: first && { seq: first.seq, prev_hash: first.prev_hash },
        last: last && { seq: last.seq, hash: last.hash },
        chain: verdict.ok ? { intact: true, entries: verdict.entries, head: verdict.head } : { intact: false, verified_entries: verdict.entries, broken_at: verdict.seq, problem: verdict.problem },
        hash_rule:
          'hash = SHA-256 (hex) of the JSON array [seq, at, actor_id, actor, action, entity, record_id, changes, reason, request_id, ip, retain_until, prev_hash], ' +
          'written without spaces and in UTF-8 without escaping non-ASCII characters (changes is the stored text); each entry\'s prev_hash is the hash of the entry before it; the first entry\'s prev_hash is 64 zeros.',
      },
      null,
      2,
    )}\n`,
  );
  return { file, manifest, entries: count };
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
