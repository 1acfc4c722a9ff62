import { itemName, pick, prng, STATUSES } from './seed.ts';

/** One request as autocannon sends it. */
export interface BenchRequest {
  path: string;
  /** JSON text of the body (POST). */
  body?: string;
}

export interface Scenario {
  name: string;
  /** What it measures, for the report. */
  description: string;
  method: 'GET' | 'POST';
  /** Kontor/baseline req/s that Kontor must reach (issue 3, item 9). */
  target: number;
  /** A generator of requests; every connection of a run draws from one (ids, terms and bodies vary). */
  requests(rows: number): () => BenchRequest;
  /** A fixed request whose answer must be the same from both servers before anything is measured. */
  sample: BenchRequest;
}

const RESOURCE = '/api/bench_items';

/** The list URL as ra-data-simple-rest builds it: JSON in each query parameter, URL-encoded. */
export function listPath(sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown>): string {
  const query = [`sort=${encodeURIComponent(JSON.stringify(sort))}`, `range=${encodeURIComponent(JSON.stringify(range))}`, `filter=${encodeURIComponent(JSON.stringify(filter))}`];
  return `${RESOURCE}?${query.join('&')}`;
}

const LIKE_TERMS = ['raps', 'gerste', 'weizen', 'mais', 'hafer', 'roggen'];

function createBody(random: () => number, n: number): string {
  return JSON.stringify({
    name: itemName(random, 1_000_000 + n),
    status: pick(random, STATUSES)[0],
    quantity: Math.floor(random() * 10_000),
    price: `${1 + Math.floor(random() * 99_999)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
    due_on: `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    urgent: random() < 0.1,
  });
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'list',
    description: 'GET list: 25 rows, status = open (40% of rows), sorted by quantity, total by COUNT (SQLite sorts the 40k matches: database-bound)',
    method: 'GET',
    target: 0.75,
    requests: () => {
      const path = listPath(['quantity', 'ASC'], [0, 24], { status: 'open' });
      return () => ({ path });
    },
    sample: { path: listPath(['quantity', 'ASC'], [0, 24], { status: 'open' }) },
  },
  {
    name: 'list-recent',
    description: 'GET list: 25 rows, status = cancelled (5%), newest first (react-admin\'s default sort), total by COUNT (index-served)',
    method: 'GET',
    target: 0.75,
    requests: () => {
      const path = listPath(['id', 'DESC'], [0, 24], { status: 'cancelled' });
      return () => ({ path });
    },
    sample: { path: listPath(['id', 'DESC'], [0, 24], { status: 'cancelled' }) },
  },
  {
    name: 'like',
    description: 'GET list: 25 rows, name_like one of 6 terms (contains, case-insensitive), newest first, total by COUNT (full scan)',
    method: 'GET',
    target: 0.75,
    requests: () => {
      const paths = LIKE_TERMS.map((term) => listPath(['id', 'DESC'], [0, 24], { name_like: term }));
      let n = 0;
      return () => ({ path: paths[n++ % paths.length] as string });
    },
    sample: { path: listPath(['id', 'DESC'], [25, 49], { name_like: 'Raps' }) },
  },
  {
    name: 'getOne',
    description: 'GET one record by a random id across the whole table',
    method: 'GET',
    target: 0.75,
    requests: (rows) => {
      const random = prng(4711);
      return () => ({ path: `${RESOURCE}/${1 + Math.floor(random() * rows)}` });
    },
    sample: { path: `${RESOURCE}/4711` },
  },
  {
    name: 'create',
    description: 'POST a new record (all six fields), answered with the stored record (201)',
    method: 'POST',
    target: 0.5,
    requests: () => {
      const random = prng(815);
      let n = 0;
      return () => ({ path: RESOURCE, body: createBody(random, n++) });
    },
    sample: { path: RESOURCE, body: JSON.stringify({ name: 'Parity check Raps', status: 'done', quantity: 12, price: '1234.5', due_on: '2026-02-28', urgent: true }) },
  },
];
