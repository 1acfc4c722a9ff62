import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { kontorEnglish, kontorGerman } from './kontorMessages.ts';
import { raGerman } from './ra-german.ts';

const MESSAGES: Record<string, TranslationMessages> = {
  en: mergeTranslations(englishMessages, kontorEnglish),
  de: mergeTranslations(raGerman, kontorGerman),
};
const NAMES: Record<string, string> = { en: 'English', de: 'Deutsch' };

/**
 * German and English for react-admin's texts and Kontor's own; the labels of entities and fields come from
 * the definitions (`{ en, de }`) and are picked per language where they are shown.
 */
export function createI18nProvider(defaultLocale: string, available: string[]) {
  const locales = available.filter((locale) => MESSAGES[locale]);
  const initial = MESSAGES[defaultLocale] ? defaultLocale : 'en';
  return polyglotI18nProvider((locale) => MESSAGES[locale] ?? MESSAGES[initial]!, initial, locales.map((locale) => ({ locale, name: NAMES[locale] ?? locale })), { allowMissing: true });
}
