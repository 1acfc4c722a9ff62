import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.ts';

/**
 * On SQLite, writes bypass knex (server/db/sqlite-direct-writes.ts): these pin the transaction semantics that
 * the unit of work and the audit trail rely on.
 */
describe('direct SQLite writes [sqlite]', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const partner = await t.request('POST', '/api/partners', { name: 'Kunde' });
    const commodity = await t.request('POST', '/api/commodities', { name: 'Gerste' });
    ids = { partner: partner.body.id, commodity: commodity.body.id };
  });
  afterAll(async () => t.close());
  let ids: { partner: number; commodity: number };
  const contract = (tickets: string[]) => ({
    side: 'sale',
    partner: ids.partner,
    commodity: ids.commodity,
    quantity: '10',
    deliveries: tickets.map((ticket_no) => ({ ticket_no, net_weight: '1' })),
  });

  it('a write that fails in the middle leaves nothing behind, and the next write works', async () => {
    const before = (await t.request('GET', '/api/contracts')).body.length;
    const failed = await t.request('POST', '/api/contracts', contract(['T-1', 'T-1']));
    expect(failed.status).toBe(409);
    expect((await t.request('GET', '/api/contracts')).body).toHaveLength(before);
    expect((await t.request('GET', '/api/deliveries?filter={"ticket_no":"T-1"}')).body).toEqual([]);
    const ok = await t.request('POST', '/api/contracts', contract(['T-1']));
    expect(ok.status).toBe(201);
  });

  it('concurrent creates are serialized: every one lands, autonumbers are distinct and gapless', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => t.request('POST', '/api/contracts', contract([`C-${i}`]))));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = responses.map((r) => Number(String(r.body.number).split('-').pop()));
    expect(new Set(numbers).size).toBe(30);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(29);
  });

  it('a nested transaction is a savepoint: its rollback keeps the outer work', async () => {
    const em = t.app.kontor.db.fork();
    await em.transactional(async (outer) => {
      outer.create('commodity', { name: 'Außen', unit: 't' } as never);
      await outer.flush();
      await expect(
        outer.transactional(async (inner) => {
          inner.create('commodity', { name: 'Innen', unit: 't' } as never);
          await inner.flush();
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    const names = (await t.request('GET', '/api/commodities')).body.map((c: { name: string }) => c.name);
    expect(names).toContain('Außen');
    expect(names).not.toContain('Innen');
  });
});
