import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { AUDIT_TABLE } from '../../generators/core/naming.ts';
import type { Dialect } from '../../generators/fields/column-codecs.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { AuditContext } from '../operations/request-context.ts';
import { canonicalJson } from './canonical-json.ts';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key that serializes appends across processes ("KONTOR" in ASCII, roughly). */
const APPEND_LOCK = 4_915_000_001;

export interface NewAuditEntry {
  action: string;
  entity: string | null;
  recordId: number | null;
  changes: unknown;
  /** Years to keep the entry (the entity's `audit.retention`); null for events that are not about a record. */
  retentionYears: number | null;
}

/** An entry as stored and exported: every column, `changes` as the canonical JSON text that was hashed. */
export interface StoredAuditEntry {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string | null;
  record_id: number | null;
  changes: string;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  retain_until: string | null;
  hash: string;
  prev_hash: string;
}

export const AUDIT_COLUMNS = ['seq', 'at', 'actor_id', 'actor', 'action', 'entity', 'record_id', 'changes', 'reason', 'request_id', 'ip', 'retain_until', 'hash', 'prev_hash'] as const;

/** SHA-256 over the canonical JSON of every column but `hash`, `prev_hash` included: the chain link. */
export function entryHash(entry: Omit<StoredAuditEntry, 'hash'>): string {
  const content = [entry.seq, entry.at, entry.actor_id, entry.actor, entry.action, entry.entity, entry.record_id, entry.changes, entry.reason, entry.request_id, entry.ip, entry.retain_until, entry.prev_hash];
  // An array of scalars (changes is already canonical text): plain JSON.stringify is canonical here.
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Appends entries inside the caller's transaction (so they commit or roll back with the change they
 * describe). Appends are serialized: on PostgreSQL by a transaction-scoped advisory lock, on SQLite by its
 * single writer (the transaction began with BEGIN IMMEDIATE); so every process continues one chain.
 */
export async function appendAuditEntries(em: EntityManager, dialect: Dialect, entries: readonly NewAuditEntry[], context: AuditContext): Promise<void> {
  if (entries.length === 0) return;
  const connection = em.getConnection();
  const trx = em.getTransactionContext();
  if (dialect === 'postgresql') await connection.execute(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`, [], 'all', trx);
  const [last] = (await connection.execute(`SELECT ${quote('seq')} AS ${quote('seq')}, ${quote('hash')} AS ${quote('hash')} FROM ${quote(AUDIT_TABLE)} ORDER BY ${quote('seq')} DESC LIMIT 1`, [], 'all', trx)) as Array<{ seq: number | string; hash: string }>;
  let seq = last ? Number(last.seq) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows: StoredAuditEntry[] = entries.map((entry) => {
    const row: Omit<StoredAuditEntry, 'hash'> = {
      seq: ++seq,
      at: at.toISOString(),
      actor_id: context.actorId,
      actor: context.actor,
      action: entry.action,
      entity: entry.entity,
      record_id: entry.recordId,
      changes: canonicalJson(entry.changes ?? {}),
      reason: context.reason,
      request_id: context.requestId,
      ip: context.ip,
      retain_until: entry.retentionYears === null ? null : retainUntil(at, entry.retentionYears),
      prev_hash: prev,
    };
    prev = entryHash(row);
    return { ...row, hash: prev };
  });
  const placeholders = `(${AUDIT_COLUMNS.map(() => '?').join(', ')})`;
  await connection.execute(
    `INSERT INTO ${quote(AUDIT_TABLE)} (${AUDIT_COLUMNS.map(quote).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flatMap((row) => AUDIT_COLUMNS.map((column) => row[column])),
    'run',
    trx,
  );
}

/** GoBD retention: kept until the end of the year `years` after the entry's year (§147(4) AO counts whole years). */
function retainUntil(at: Date, years: number): string {
  return `${at.getUTCFullYear() + years}-12-31`;
}
