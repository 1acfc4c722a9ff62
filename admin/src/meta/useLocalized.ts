import { useLocaleState } from 'react-admin';
import type { LocalizedText } from './types.ts';

/** Picks the current language's text of a label from the definitions (falling back to English, then any). */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const [locale] = useLocaleState();
  return (text) => localized(text, locale);
}

export function localized(text: LocalizedText | null | undefined, locale: string): string {
  if (!text) return '';
  const texts = text as unknown as Record<string, string | undefined>;
  return texts[locale] ?? texts.en ?? Object.values(texts).find((value) => value !== undefined) ?? '';
}

/** The BCP 47 locale that numbers and dates are formatted with. */
export function intlLocale(locale: string): string {
  return locale === 'de' ? 'de-DE' : locale === 'en' ? 'en-GB' : locale;
}
