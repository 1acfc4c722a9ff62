import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { raGerman } from '../../admin/src/i18n/ra-german.ts';

/**
 * Keeps admin/src/i18n/ra-german.ts in step with react-admin's English
 * messages: same key paths (no missing, no extra), non-empty strings, the same
 * polyglot placeholders and the same ` |||| ` plural forms.
 */

const PLURAL_SEPARATOR = ' |||| ';

/** Every leaf of a message tree as [dotted key path, value]. */
function leaves(tree: unknown, prefix = ''): Array<[string, unknown]> {
  if (tree === null || typeof tree !== 'object') return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

const placeholders = (text: string): string[] => [...new Set(text.match(/%\{[^}]+\}/g) ?? [])].sort();
/** German nouns keep their capital letter, so the sort tooltip uses %{field} where English lower-cases it. */
const expectedPlaceholders = (key: string, en: string): string[] =>
  placeholders(en).map((p) => (key === 'ra.sort.sort_by' && p === '%{field_lower_first}' ? '%{field}' : p)).sort();

const english = new Map(leaves(englishMessages));
const german = new Map(leaves(raGerman));
const englishKeys = [...english.keys()];

describe('German react-admin messages (admin/src/i18n/ra-german.ts)', () => {
  it('reads a non-trivial English message tree', () => {
    expect(englishKeys.length).toBeGreaterThan(150);
  });

  it('has every key path of the English messages', () => {
    expect(englishKeys.filter((key) => !german.has(key))).toEqual([]);
  });

  it('has no key paths the English messages lack', () => {
    expect([...german.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('keeps branches and leaves where English has them', () => {
    // A leaf in one tree must not be a branch in the other (caught above as a
    // key mismatch), and every leaf must be a string.
    for (const [key, value] of german) expect(typeof value, key).toBe('string');
    for (const [key, value] of english) expect(typeof value, key).toBe('string');
  });

  it.each(englishKeys)('%s is a non-empty string', (key) => {
    const en = english.get(key) as string;
    const de = german.get(key);
    expect(typeof de).toBe('string');
    expect((de as string).length).toBeGreaterThan(0);
    // Only ra.boolean.null is blank (a single space) in English; nothing else may be.
    if (en.trim() !== '') expect((de as string).trim()).not.toBe('');
  });

  it.each(englishKeys)('%s keeps the placeholders and plural forms', (key) => {
    const en = english.get(key) as string;
    const de = String(german.get(key));
    expect(placeholders(de)).toEqual(expectedPlaceholders(key, en));

    const enForms = en.split(PLURAL_SEPARATOR);
    const deForms = de.split(PLURAL_SEPARATOR);
    if (enForms.length > 1) expect(de).toContain(PLURAL_SEPARATOR);
    // Same number of forms, and per form the same placeholders (German, like
    // English, has exactly two: singular |||| plural).
    expect(deForms.length).toBe(enForms.length);
    enForms.forEach((form, index) => expect(placeholders(deForms[index] ?? '')).toEqual(expectedPlaceholders(key, form)));
  });
});
