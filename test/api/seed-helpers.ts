import { expect } from 'vitest';
import type { TestApp, TestResponse } from './harness.ts';

/** A record as the API returns it. */
export type Rec = Record<string, any> & { id: number; version: number };

/** The body of every error answer (issue 3, point 4). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: Record<string, string>;
}

/** Fails with the response body in the message, which is what one needs to see when a status is wrong. */
export function expectStatus(response: TestResponse, status: number): void {
  expect(response.status, `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`).toBe(status);
}

/** Checks an error answer: status, body shape, code, the fields named in `errors`, and no internals leaked. */
export function expectError(response: TestResponse, status: number, options: { code?: string; fields?: string[] } = {}): ErrorBody {
  expectStatus(response, status);
  const body = response.body as ErrorBody;
  expect(body).toMatchObject({ statusCode: status, code: expect.stringMatching(/^KONTOR_HTTP_/), message: expect.any(String) });
  // `missing` (the grant a 403 lacks) belongs to 403 answers only.
  const allowed = ['statusCode', 'code', 'message', 'errors', ...(status === 403 ? ['missing'] : [])];
  expect(Object.keys(body).every((k) => allowed.includes(k)), `unexpected keys in ${JSON.stringify(body)}`).toBe(true);
  if (options.code) expect(body.code).toBe(options.code);
  for (const field of options.fields ?? []) {
    expect(body.errors, `errors should name "${field}": ${JSON.stringify(body)}`).toHaveProperty([field]);
  }
  expectNoInternals(response);
  return body;
}

/** Never a stack trace, a file path or a raw SQL statement in an answer. */
export function expectNoInternals(response: TestResponse): void {
  const text = JSON.stringify(response.body ?? '');
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/node_modules|\/work\/|"stack"/);
  expect(text).not.toMatch(/\b(insert into|select .* from|update .* set)\b/i);
  expect(response.status).toBeLessThan(500);
}

/** A list URL as ra-data-simple-rest builds it: JSON in `sort`, `range` and `filter`, URL-encoded. */
export function listUrl(resource: string, query: { sort?: unknown; range?: unknown; filter?: unknown } = {}): string {
  const params = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
  return `/api/${resource}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

export async function create(t: TestApp, resource: string, body: Record<string, unknown>): Promise<Rec> {
  const response = await t.request<Rec>('POST', `/api/${resource}`, body);
  expectStatus(response, 201);
  return response.body;
}

export async function getOne(t: TestApp, resource: string, id: number): Promise<Rec> {
  const response = await t.request<Rec>('GET', `/api/${resource}/${id}`);
  expectStatus(response, 200);
  return response.body;
}

export async function update(t: TestApp, resource: string, id: number, body: Record<string, unknown>): Promise<Rec> {
  const response = await t.request<Rec>('PUT', `/api/${resource}/${id}`, body);
  expectStatus(response, 200);
  return response.body;
}

/** GET a list; returns the records, the Content-Range header and the ids in order. */
export async function list(t: TestApp, resource: string, query: Parameters<typeof listUrl>[1] = {}): Promise<{ records: Rec[]; ids: number[]; range: string }> {
  const response = await t.request<Rec[]>('GET', listUrl(resource, query));
  expectStatus(response, 200);
  return { records: response.body, ids: response.body.map((r) => r.id), range: String(response.headers['content-range']) };
}

/** A body of a POST for a sample with only the required field. */
export const sampleName = (n: number) => `Probe ${String(n).padStart(3, '0')}`;

/** Letters that fold differently in ASCII-only LIKE: the case-insensitive search must handle them. */
export const MUELLER = 'Müller';

export interface ListSeed {
  commodities: Rec[];
  partners: Rec[];
  samples: Rec[];
  contracts: Rec[];
}

const SAMPLE_COUNT = 30;
const words = ['Weizen', 'Gerste', 'Raps', 'Mais', 'Hafer'];

/** Decimal string with `scale` places from an integer number of the smallest units, without floats. */
export function fromUnits(units: number, scale: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/**
 * The sample values for index i, chosen so that the interesting orders differ: decimals whose text order is not
 * their numeric order, negative weights, nulls every few rows, umlauts in some names.
 */
export function sampleBody(i: number, commodities: Rec[], partners: Rec[]): Record<string, unknown> {
  const pad = String(i + 1).padStart(2, '0');
  const name = i % 7 === 3 ? `${MUELLER} ${pad}` : i % 7 === 5 ? `MÜLLER Übersee ${pad}` : `${words[i % words.length]} ${pad}`;
  return {
    name,
    description: i % 4 === 0 ? null : `Beschreibung ${pad}\nZeile 2`,
    count: (i * 37) % 101,
    moisture: i % 6 === 0 ? null : fromUnits(i * 150, 2), // 1.50, 3.00, ..., 43.50
    weight: fromUnits((i - 15) * 100125, 3), // -1501.875 ... 1401.750
    fee: fromUnits((i % 5) * 12345 - 20000, 2),
    organic: i % 2 === 0,
    taken_on: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    analysed_at: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1, 8, 0, 0) + i * 3_600_000 * 7).toISOString(),
    grade: i % 8 === 7 ? null : ['a', 'b', 'c'][i % 3],
    contact: `lab${pad}@example.org`,
    report_url: `https://lab.example.org/r/${pad}`,
    raw: { index: i },
    tags: i % 3 === 0 ? ['x'] : ['y', 'z'],
    commodity: i % 4 === 3 ? null : commodities[i % commodities.length]?.id,
    partners: i % 3 === 0 ? [partners[0]?.id] : i % 3 === 1 ? [partners[0]?.id, partners[1]?.id] : [],
  };
}

/**
 * The list-query data set: 5 commodities, 4 partners, 30 samples and 4 contracts with deliveries, created in
 * a fixed order so ids and autonumbers are predictable on both engines.
 */
export async function seedListData(t: TestApp): Promise<ListSeed> {
  const commodities: Rec[] = [];
  for (const [i, name] of ['Weizen', 'Gerste', 'Raps', 'Körnermais', 'Hafer'].entries()) {
    commodities.push(await create(t, 'commodities', { name, hs_code: `100${i + 1}`, shelf_life_days: 100 * (i + 1) }));
  }
  const partners: Rec[] = [];
  const partnerDefs = [
    { name: 'Müller Agrar GmbH', vat_id: 'DE100000001', kind: 'supplier', active: true },
    { name: 'Zander Handel KG', vat_id: 'DE100000002', kind: 'customer', active: false },
    { name: 'Agrarhandel Östergaard', vat_id: 'DK10000003', kind: 'both', active: true },
    { name: 'Bauer Schulze', vat_id: null, kind: 'supplier', active: true },
  ];
  for (const def of partnerDefs) partners.push(await create(t, 'partners', def));
  const samples: Rec[] = [];
  for (let i = 0; i < SAMPLE_COUNT; i += 1) samples.push(await create(t, 'samples', sampleBody(i, commodities, partners)));
  const contracts: Rec[] = [];
  const contractDefs = [
    { partner: 0, quantity: '500', deliveries: ['10.5', '20.25'] },
    { partner: 1, quantity: '100', deliveries: ['99.999'] },
    { partner: 2, quantity: '50', deliveries: [] },
    { partner: 0, quantity: '800', deliveries: ['1', '2', '3.5'] },
  ];
  let ticket = 0;
  for (const [i, def] of contractDefs.entries()) {
    contracts.push(
      await create(t, 'contracts', {
        side: i % 2 === 0 ? 'purchase' : 'sale',
        partner: partners[def.partner]?.id,
        commodity: commodities[i]?.id,
        quantity: def.quantity,
        deliveries: def.deliveries.map((w) => ({ ticket_no: `T-${++ticket}`, net_weight: w, date: '2026-05-01' })),
      }),
    );
  }
  return { commodities, partners, samples, contracts };
}
