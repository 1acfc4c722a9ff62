/**
 * What the audit trail costs and how fast it verifies (`npm run bench:audit`, about a minute):
 * 1. creates and updates through Kontor's operations (the unit of work every API write uses) on
 *    bench/project's `bench_item`, once audited (the default) and once with `audit: false`, alternating
 *    rounds on separate SQLite files; prints ops/s and the ratio audited ÷ unaudited;
 * 2. `audit verify` over a chain of BENCH_AUDIT_ENTRIES entries (default 200,000): entries/s.
 * In-process, without HTTP, so the ratio shows the audit's own cost and not the network's.
 * BENCH_AUDIT_DATABASE=postgres://... runs both on PostgreSQL instead (a database that may be emptied).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { compileProject } from '../generators/model/compile-project.ts';
import { appendAuditEntries, type NewAuditEntry } from '../server/audit/audit-chain.ts';
import { systemAuditContext } from '../server/operations/request-context.ts';
import { enableAudit } from '../server/audit/enable-audit.ts';
import { verifyChain } from '../server/audit/verify-chain.ts';
import { parseDatabaseUrl } from '../server/db/database-url.ts';
import { openDatabase } from '../server/db/open-database.ts';
import { createOperationContext, type OperationContext } from '../server/operations/operation-context.ts';
import { createRecord, updateRecord } from '../server/operations/write-records.ts';
import { systemActor } from '../server/permissions/actor.ts';

const OPS = Number(process.env.BENCH_AUDIT_OPS ?? 2000);
const ROUNDS = Number(process.env.BENCH_AUDIT_ROUNDS ?? 3);
const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const postgres = process.env.BENCH_AUDIT_DATABASE;

const tmp = await mkdtemp(join(tmpdir(), 'kontor-audit-bench-'));
const actor = systemActor('bench');

async function open(project: string, name: string): Promise<OperationContext> {
  const compiled = await compileProject(project);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const { registry } = compiled;
  const url = postgres ?? `sqlite:${join(tmp, `${name}.db`)}`;
  const db = await openDatabase(compiled.model, registry, parseDatabaseUrl(url, project));
  const context = createOperationContext(compiled.model, registry, compiled.code, db);
  await enableAudit(context);
  return context;
}

/** ops/s of `OPS` creates, then `OPS` updates of the records just created. */
async function measure(context: OperationContext, round: number): Promise<{ create: number; update: number }> {
  const ids: number[] = [];
  let started = performance.now();
  for (let i = 0; i < OPS; i++) {
    const record = await createRecord(context, actor, 'bench_item', { name: `Weizen A Hamburg Los ${round}-${i}`, status: 'open', quantity: i, price: '12.50', due_on: '2026-12-01', urgent: false });
    ids.push(record.id as number);
  }
  const create = OPS / ((performance.now() - started) / 1000);
  started = performance.now();
  for (const [i, id] of ids.entries()) await updateRecord(context, actor, 'bench_item', id, { quantity: i + 1, status: 'in_progress' });
  const update = OPS / ((performance.now() - started) / 1000);
  return { create, update };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const fmt = (n: number) => Math.round(n).toLocaleString('en').padStart(8);

try {
  const audited = join(tmp, 'audited');
  const unaudited = join(tmp, 'unaudited');
  for (const dir of [audited, unaudited]) await cp(join(import.meta.dirname, 'project'), dir, { recursive: true });
  const file = join(unaudited, 'entities', 'bench', 'bench_item.yaml');
  await writeFile(file, `${await readFile(file, 'utf8')}\naudit: false\n`);
  console.log(`Audit cost: ${OPS} creates then ${OPS} updates through the operations layer, ${ROUNDS} alternating rounds, ${postgres ? 'PostgreSQL' : 'SQLite'}`);
  const results = { audited: [] as Array<{ create: number; update: number }>, unaudited: [] as Array<{ create: number; update: number }> };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, dir] of [['unaudited', unaudited], ['audited', audited]] as const) {
      const context = await open(dir, name);
      results[name].push(await measure(context, round));
      await context.db.close();
    }
  }
  for (const kind of ['create', 'update'] as const) {
    const on = median(results.audited.map((r) => r[kind]));
    const off = median(results.unaudited.map((r) => r[kind]));
    console.log(`  ${kind.padEnd(7)} audited ${fmt(on)} ops/s   unaudited ${fmt(off)} ops/s   ratio ${(on / off).toFixed(2)}`);
  }

  const context = await open(audited, 'chain');
  const em = context.db.fork() as unknown as EntityManager;
  const batch: NewAuditEntry[] = Array.from({ length: 1000 }, (_, i) => ({ action: 'update', entity: 'bench_item', recordId: i + 1, changes: { quantity: [i, i + 1], status: ['open', 'in_progress'] }, retentionYears: 10 }));
  const existing = (await verifyChain(context.db.reader)).entries;
  for (let written = existing; written < ENTRIES; written += batch.length) {
    await em.transactional(async (trx) => appendAuditEntries(trx as unknown as EntityManager, context.dialect, batch, systemAuditContext('bench')));
  }
  const started = performance.now();
  const verdict = await verifyChain(context.db.reader);
  const seconds = (performance.now() - started) / 1000;
  if (!verdict.ok) throw new Error(`the chain did not verify: ${verdict.problem}`);
  console.log(`Verify: ${verdict.entries.toLocaleString('en')} entries in ${seconds.toFixed(2)} s = ${fmt(verdict.entries / seconds)} entries/s (target ≥ 100,000)`);
  await context.db.close();
} finally {
  await rm(tmp, { recursive: true, force: true });
}
