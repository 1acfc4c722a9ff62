/** A text in both languages the back office is used in. */
export interface LocalizedText {
  en: string;
  de: string;
}

/** What a definition may write: one text for both languages, or each language (one may be missing). */
export type LocalizedTextDefinition = string | { en?: string; de?: string };

export const localizedTextSchema = {
  description: 'a text, or { en: ..., de: ... }',
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      properties: { en: { type: 'string', minLength: 1 }, de: { type: 'string', minLength: 1 } },
      additionalProperties: false,
      minProperties: 1,
    },
  ],
} as const;

/** `credit_limit` → `Credit limit`: the label a name gets when the definition gives none. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function localize(definition: LocalizedTextDefinition | undefined, fallback: string): LocalizedText {
  if (definition === undefined) return { en: fallback, de: fallback };
  if (typeof definition === 'string') return { en: definition, de: definition };
  const en = definition.en ?? definition.de ?? fallback;
  return { en, de: definition.de ?? en };
}

export function localizeOptional(definition: LocalizedTextDefinition | undefined): LocalizedText | null {
  return definition === undefined ? null : localize(definition, '');
}
