import { createHash } from 'node:crypto';
import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import { AUDIT_COLUMNS, entryHash, GENESIS_HASH, type StoredAuditEntry } from './audit-chain.ts';

export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; entries: number; seq: number; problem: string };

const BATCH = 10_000;

/** A stored row with numbers as numbers (PostgreSQL returns bigint-ish values as text). */
export function normalizeRow(row: Record<string, unknown>): StoredAuditEntry {
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    seq: Number(row.seq),
    at: String(row.at),
    actor_id: number(row.actor_id),
    actor: String(row.actor),
    action: String(row.action),
    entity: text(row.entity),
    record_id: number(row.record_id),
    changes: String(row.changes),
    reason: text(row.reason),
    request_id: text(row.request_id),
    ip: text(row.ip),
    retain_until: text(row.retain_until),
    hash: String(row.hash),
    prev_hash: String(row.prev_hash),
  };
}

/**
 * Walks the whole chain in order: sequence numbers without gaps from 1, each entry's `prev_hash` equal to
 * the hash before it, each hash equal to the hash of its content. Stops at the first entry that breaks one
 * of these and says which and why. Reads in batches by key, so memory stays flat however long the chain.
 */
export async function verifyChain(reader: SqlReader, options: { onProgress?: (entries: number) => void } = {}): Promise<ChainVerdict> {
  const sql = `SELECT ${AUDIT_COLUMNS.map(quote).join(', ')} FROM ${quote(AUDIT_TABLE)} WHERE ${quote('seq')} > ? ORDER BY ${quote('seq')} LIMIT ${BATCH}`;
  let expected = 1;
  let previous = GENESIS_HASH;
  for (;;) {
    const rows = await reader.all(sql, [expected - 1]);
    for (const raw of rows) {
      // The common case first, without building an entry object: the hot loop of a 100,000+/s check.
      const seq = Number(raw.seq);
      if (seq === expected && raw.prev_hash === previous && quickHash(raw) === raw.hash) {
        previous = raw.hash as string;
        expected++;
        continue;
      }
      const entry = normalizeRow(raw);
      const verdict = checkEntry(entry, expected, previous);
      if (verdict) return { ok: false, entries: expected - 1, seq: entry.seq, problem: verdict };
      previous = entry.hash;
      expected++;
    }
    options.onProgress?.(expected - 1);
    if (rows.length < BATCH) return { ok: true, entries: expected - 1, head: previous };
  }
}

const orNull = (value: unknown) => (value === undefined ? null : value);
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** entryHash of a raw row, with the same normalization as normalizeRow. */
function quickHash(row: Record<string, unknown>): string {
  const content = [Number(row.seq), row.at, numberOrNull(row.actor_id), row.actor, row.action, orNull(row.entity), numberOrNull(row.record_id), row.changes, orNull(row.reason), orNull(row.request_id), orNull(row.ip), orNull(row.retain_until), row.prev_hash];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function checkEntry(entry: StoredAuditEntry, expected: number, previous: string): string | null {
  if (entry.seq !== expected) {
    return entry.seq > expected
      ? `entries ${expected}${entry.seq - 1 > expected ? `-${entry.seq - 1}` : ''} are missing (the sequence jumps from ${expected - 1} to ${entry.seq})`
      : `sequence number ${entry.seq} appears where ${expected} belongs`;
  }
  if (entry.prev_hash !== previous) return `its prev_hash does not match the hash of entry ${expected - 1} (an entry before it was changed, removed or inserted)`;
  if (entryHash(entry) !== entry.hash) return 'its hash does not match its content (the entry was changed after it was written)';
  return null;
}
