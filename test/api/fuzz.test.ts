import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';

/**
 * Bad input never gets a 500: arbitrary JSON in every field of a body, and arbitrary text in every list
 * parameter, answer 2xx or a 4xx with the error body, on both engines.
 */
const fields = ['name', 'description', 'count', 'moisture', 'weight', 'fee', 'organic', 'taken_on', 'analysed_at', 'grade', 'contact', 'report_url', 'raw', 'tags', 'commodity', 'partners', 'moisture_label', 'code', 'id', 'version'];
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', '2026-02-30', '9999-12-31T23:59:59Z', 'ÄÖÜß€', '\u0000', 'x'.repeat(300)),
  fc.double(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
);
const body = fc.dictionary(fc.constantFrom(...fields), anyJson, { maxKeys: 6 });
const queryText = fc.oneof(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 2 }).map((j) => j.slice(0, 200)));

function expectHandled(status: number, responseBody: unknown, what: string): void {
  expect(status, `${what} → ${status} ${JSON.stringify(responseBody)}`).toBeLessThan(500);
  if (status >= 400) expect(responseBody, what).toMatchObject({ statusCode: status, code: expect.stringMatching(/^KONTOR_HTTP_/), message: expect.any(String) });
}

describeEachEngine('fuzzed input', (engine) => {
  let t: TestApp;
  let sampleId: number;
  beforeAll(async () => {
    t = await startTestApp(engine);
    sampleId = (await t.request('POST', '/api/samples', { name: 'Fuzz' })).body.id;
  });
  afterAll(async () => t.close());

  it('POST and PUT bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (payload, update) => {
        const response = update ? await t.request('PUT', `/api/samples/${sampleId}`, payload) : await t.request('POST', '/api/samples', payload);
        expectHandled(response.status, response.body, `${update ? 'PUT' : 'POST'} ${JSON.stringify(payload)}`);
      }),
      { numRuns: 120, seed: 20261128 },
    );
  });

  it('sort, range and filter of a list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ sort: queryText, range: queryText, filter: queryText }, { requiredKeys: [] }), async (query) => {
        const search = new URLSearchParams(query as Record<string, string>).toString();
        const response = await t.request('GET', `/api/samples?${search}`);
        expectHandled(response.status, response.body, `GET ?${search}`);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });

  it('filters with valid keys and arbitrary values', async () => {
    const key = fc.constantFrom(...fields.flatMap((f) => [f, `${f}_gte`, `${f}_lt`, `${f}_neq`, `${f}_like`]), 'q');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, anyJson, { maxKeys: 3 }), async (filter) => {
        const response = await t.request('GET', `/api/samples?filter=${encodeURIComponent(JSON.stringify(filter))}`);
        expectHandled(response.status, response.body, `filter ${JSON.stringify(filter)}`);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
