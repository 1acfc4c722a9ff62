import type { DataProvider, RaRecord } from 'react-admin';
import { targetOf } from '../fields/reference.tsx';
import type { EntityMeta, FieldMeta, UserMeta } from '../meta/types.ts';
import { localized } from '../meta/useLocalized.ts';
import type { Problem, TitleLookup } from './convertRow.ts';

/** Titles asked for in one request (`{ name: [...] }`, the `in` filter). */
const TITLES_PER_REQUEST = 100;
/** Lookups of single titles running at the same time. */
const PARALLEL = 4;

type Found = number | Problem;

const same = (a: unknown, b: string) => String(a ?? '').trim().toLocaleLowerCase() === b.toLocaleLowerCase();

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

function answer(records: readonly RaRecord[], title: string, target: EntityMeta, locale: string): Found | undefined {
  if (records.length === 1) return Number(records[0]!.id);
  if (records.length > 1) return { key: 'kontor.import.ambiguous', args: { value: title, count: records.length, target: localized(target.plural, locale) } };
  return undefined;
}

/**
 * Finds the records that reference cells name by title, with the target's list: first exactly by its title
 * field, many titles per request; what that does not find, by the target's search (`q`) one title at a time,
 * accepting a record whose title matches but for case. A title two records share is ambiguous (use the id).
 */
async function resolveField(dataProvider: DataProvider, target: EntityMeta, titles: readonly string[], locale: string, signal: AbortSignal): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  const title = target.title;
  if (!title) return new Map(titles.map((text) => [text, { key: 'kontor.import.id_only' }]));
  const titleField = target.title ? target.fields.find((f) => f.name === target.title) : undefined;
  const list = (filter: Record<string, unknown>, perPage: number) =>
    dataProvider.getList(target.resource, { filter, pagination: { page: 1, perPage }, sort: { field: 'id', order: 'ASC' }, signal }).then(
      (result) => result.data,
      (error: unknown) => {
        if (signal.aborted) throw error;
        return [] as RaRecord[]; // a title the list cannot be asked about is simply not found
      },
    );
  if (titleField?.filters.includes('in')) {
    for (let start = 0; start < titles.length; start += TITLES_PER_REQUEST) {
      const chunk = titles.slice(start, start + TITLES_PER_REQUEST);
      const records = await list({ [title]: chunk }, Math.min(5000, chunk.length * 10));
      for (const text of chunk) {
        const result = answer(records.filter((r) => String(r[title] ?? '') === text), text, target, locale);
        if (result !== undefined) found.set(text, result);
      }
    }
  } else if (titleField?.filters.includes('eq')) {
    await inParallel(titles, async (text) => {
      const result = answer(await list({ [title]: text }, 10), text, target, locale);
      if (result !== undefined) found.set(text, result);
    });
  }
  const rest = titles.filter((text) => !found.has(text));
  if (target.search.length > 0) {
    await inParallel(rest, async (text) => {
      const records = (await list({ q: text }, 50)).filter((r) => same(r[title], text));
      const result = answer(records, text, target, locale);
      if (result !== undefined) found.set(text, result);
    });
  }
  for (const text of titles) {
    if (!found.has(text)) found.set(text, { key: 'kontor.import.not_found', args: { value: text, target: localized(target.plural, locale) } });
  }
  return found;
}

/** Looks up every title of `titles` (field name → distinct texts) and answers the conversion's lookups from that. */
export async function resolveTitles(dataProvider: DataProvider, meta: UserMeta, fields: ReadonlyMap<string, FieldMeta>, titles: ReadonlyMap<string, ReadonlySet<string>>, locale: string, signal: AbortSignal): Promise<TitleLookup> {
  const byField = new Map<string, Map<string, Found>>();
  for (const [name, texts] of titles) {
    const field = fields.get(name);
    const target = field ? targetOf(field, meta) : undefined;
    if (!field || !target) continue;
    byField.set(name, await resolveField(dataProvider, target, [...texts], locale, signal));
  }
  return (field, title) => byField.get(field.name)?.get(title) ?? { key: 'kontor.import.id_only' };
}
