import Database from 'better-sqlite3';

/** The statuses of bench_item and how often each occurs (a back office has more done than cancelled work). */
export const STATUSES = [
  ['open', 0.4],
  ['in_progress', 0.2],
  ['done', 0.35],
  ['cancelled', 0.05],
] as const;

const COMMODITIES = ['Weizen', 'Gerste', 'Raps', 'Mais', 'Hafer', 'Roggen', 'Soja', 'Sonnenblumen', 'Dinkel', 'Triticale', 'Erbsen', 'Ackerbohnen'];
const QUALITIES = ['A', 'B', 'E', 'Futter', 'Brau', 'Bio', 'Premium', 'Standard'];
const ORIGINS = ['Hamburg', 'Bremen', 'Kiel', 'Rostock', 'Lübeck', 'Magdeburg', 'Hannover', 'Stade', 'Husum', 'Wismar'];

/** The columns Kontor creates for bench_item (checked against the real table before inserting). */
export const BENCH_COLUMNS = ['id', 'version', 'created_at', 'updated_at', 'name', 'status', 'quantity', 'price', 'due_on', 'urgent'] as const;

/** A small, seeded PRNG (mulberry32): the same rows on every run and machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function itemName(random: () => number, n: number): string {
  return `${pick(random, COMMODITIES)} ${pick(random, QUALITIES)} ${pick(random, ORIGINS)} Los ${String(n).padStart(6, '0')}`;
}

function status(random: () => number): string {
  let r = random();
  for (const [value, share] of STATUSES) {
    if (r < share) return value;
    r -= share;
  }
  return 'open';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Fills the bench_item table of a database Kontor has created with `rows` rows, in one transaction, in
 * Kontor's SQLite storage: decimals as scaled INTEGER (12.34 at scale 2 → 1234), dates and datetimes as ISO
 * TEXT, booleans as 0/1. Then checkpoints the WAL so the file can be copied alone.
 */
export function seedBenchItems(path: string, rows: number): void {
  const db = new Database(path);
  try {
    const columns = (db.pragma('table_info(bench_item)') as Array<{ name: string }>).map((c) => c.name);
    if (columns.join(',') !== BENCH_COLUMNS.join(',')) {
      throw new Error(`bench_item in ${path} has columns ${columns.join(', ')}; the seeder writes ${BENCH_COLUMNS.join(', ')}. Update bench/lib/seed.ts.`);
    }
    const insert = db.prepare(
      'INSERT INTO bench_item (id, version, created_at, updated_at, name, status, quantity, price, due_on, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const random = prng(20260101);
    const start = Date.UTC(2024, 0, 1);
    const span = Date.UTC(2026, 0, 1) - start;
    db.transaction(() => {
      for (let id = 1; id <= rows; id++) {
        // Created in id order over two years, some edited later.
        const created = start + Math.floor((span * (id - 1)) / rows);
        const edited = random() < 0.3 ? created + Math.floor(random() * 30 * 86_400_000) : created;
        const due = random() < 0.9 ? new Date(created + Math.floor(random() * 120) * 86_400_000) : null;
        insert.run(
          id,
          edited === created ? 1 : 2,
          new Date(created).toISOString(),
          new Date(edited).toISOString(),
          itemName(random, id),
          status(random),
          Math.floor(random() * 10_000),
          random() < 0.95 ? 100 + Math.floor(random() * 9_999_900) : null, // 1.00 .. 99,999.99
          due ? `${due.getUTCFullYear()}-${pad(due.getUTCMonth() + 1)}-${pad(due.getUTCDate())}` : null,
          random() < 0.1 ? 1 : 0,
        );
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
