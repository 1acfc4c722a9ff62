import { afterEach, describe, expect, it } from 'vitest';
import { listLink } from '../../admin/src/dashboard/listLink.ts';
import { resolveDay, resolveFilter } from '../../admin/src/dashboard/resolveFilter.ts';

/**
 * The admin's side of dashboard filters: departments.yaml writes days relative to today (`today+14d`), the
 * browser turns them into the local day before it counts records and links to the list.
 */
const at = (year: number, month: number, day: number, hour = 9, minute = 0) => new Date(year, month - 1, day, hour, minute);

describe('$user in a dashboard filter', () => {
  it('becomes the id of the user looking, also in a list; other values stay', () => {
    const now = at(2026, 3, 10);
    expect(resolveFilter({ assignee: '$user', done: false, due_date_lt: 'today' }, now, 7)).toEqual({ assignee: 7, done: false, due_date_lt: '2026-03-10' });
    expect(resolveFilter({ owner: ['$user', 3] }, now, 7)).toEqual({ owner: [7, 3] });
  });
});

describe('resolveDay', () => {
  it('turns today, today+Nd and today-Nd into the local calendar day', () => {
    const now = at(2026, 3, 10);
    expect(resolveDay('today', now)).toBe('2026-03-10');
    expect(resolveDay('today+7d', now)).toBe('2026-03-17');
    expect(resolveDay('today-30d', now)).toBe('2026-02-08');
    expect(resolveDay('today+0d', now)).toBe('2026-03-10');
  });

  it('counts across month and year ends, leap days included', () => {
    expect(resolveDay('today+1d', at(2026, 12, 31))).toBe('2027-01-01');
    expect(resolveDay('today-1d', at(2026, 1, 1))).toBe('2025-12-31');
    expect(resolveDay('today+1d', at(2028, 2, 28))).toBe('2028-02-29');
    expect(resolveDay('today+1d', at(2026, 2, 28))).toBe('2026-03-01');
    expect(resolveDay('today+365d', at(2026, 3, 10))).toBe('2027-03-10');
  });

  it('keeps the day late in the evening and early in the morning (no UTC shift)', () => {
    expect(resolveDay('today', at(2026, 3, 10, 23, 59))).toBe('2026-03-10');
    expect(resolveDay('today', at(2026, 3, 10, 0, 1))).toBe('2026-03-10');
    expect(resolveDay('today+14d', at(2026, 3, 20, 23, 30))).toBe('2026-04-03');
  });

  it('leaves everything else alone', () => {
    for (const text of ['Today', 'today+1w', 'today + 7d', 'today+7', 'tomorrow', '2026-03-10', 'today+99999d', '']) {
      expect(resolveDay(text, at(2026, 3, 10)), text).toBeNull();
    }
  });
});

describe('resolveDay in other time zones', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('uses the day where the browser is, not the day in UTC', () => {
    // 23:30 UTC on 31 January is already 1 February in Berlin, still 31 January in New York.
    const instant = new Date('2026-01-31T23:30:00Z');
    process.env.TZ = 'Europe/Berlin';
    expect(resolveDay('today', instant)).toBe('2026-02-01');
    process.env.TZ = 'America/New_York';
    expect(resolveDay('today', instant)).toBe('2026-01-31');
  });

  it('is not thrown off by a daylight-saving change', () => {
    process.env.TZ = 'Europe/Berlin';
    // The clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(resolveDay('today+1d', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-30');
    expect(resolveDay('today+1d', new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-26');
    expect(resolveDay('today-1d', new Date('2026-03-30T00:30:00+02:00'))).toBe('2026-03-29');
  });
});

describe('resolveFilter', () => {
  const now = at(2026, 3, 10);

  it('resolves relative days in values and lists and keeps every other value as written', () => {
    const filter = { status: 'active', delivery_to_gte: 'today', delivery_to_lte: 'today+14d', date: ['today-1d', 'today', '2026-01-01'], user: null, active: false, quantity_gte: 100, name_like: 'today is' };
    expect(resolveFilter(filter, now)).toEqual({
      status: 'active',
      delivery_to_gte: '2026-03-10',
      delivery_to_lte: '2026-03-24',
      date: ['2026-03-09', '2026-03-10', '2026-01-01'],
      user: null,
      active: false,
      quantity_gte: 100,
      name_like: 'today is',
    });
  });

  it('does not change the filter it was given (the _meta document is shared)', () => {
    const filter = Object.freeze({ due_lt: 'today', status: Object.freeze(['sent', 'today']) });
    const resolved = resolveFilter(filter, now);
    expect(filter).toEqual({ due_lt: 'today', status: ['sent', 'today'] });
    expect(resolved).toEqual({ due_lt: '2026-03-10', status: ['sent', '2026-03-10'] });
  });

  it('takes the current day by default', () => {
    const before = new Date();
    const { day } = resolveFilter({ day: 'today' }) as { day: string };
    const after = new Date();
    expect([resolveDay('today', before), resolveDay('today', after)]).toContain(day);
  });

  it('gives an empty filter back empty', () => {
    expect(resolveFilter({}, now)).toEqual({});
  });
});

describe('listLink', () => {
  it('is the list route with the filter as JSON in the address, as react-admin reads it', () => {
    const link = listLink('contracts', { status: 'active', delivery_to_lte: '2026-03-24' });
    expect(link.pathname).toBe('/contracts');
    const filter = new URLSearchParams(link.search).get('filter');
    expect(JSON.parse(filter ?? 'null')).toEqual({ status: 'active', delivery_to_lte: '2026-03-24' });
    expect(link.search).not.toMatch(/[ {}"]/);
  });

  it('keeps texts with spaces, umlauts and null intact', () => {
    const link = listLink('partners', { name_like: 'Müller & Söhne', vat_id: null });
    expect(JSON.parse(decodeURIComponent(link.search.replace(/^\?filter=/, '')))).toEqual({ name_like: 'Müller & Söhne', vat_id: null });
  });

  it('has no query without a filter', () => {
    expect(listLink('leave_requests', {})).toEqual({ pathname: '/leave_requests', search: '' });
  });
});
