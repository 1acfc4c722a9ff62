import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startTestApp, type TestApp } from './harness.ts';

describeEachEngine('the API harness', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it('serves health, readiness and an empty list', async () => {
    expect((await t.request('GET', '/api/health')).body).toEqual({ status: 'ok' });
    expect((await t.request('GET', '/api/ready')).body).toEqual({ status: 'ready' });
    const list = await t.request('GET', '/api/samples');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
    expect(list.headers['content-range']).toBe('samples */0');
  });
});
