import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../format.js';
import en from './en.json' with { type: 'json' };
import fa from './fa.json' with { type: 'json' };

/**
 * Every string a person reads, in Persian and English (DESIGN §3: Persian right-to-left by
 * default, English switchable). fa.json and en.json hold the same keys (i18n.test.ts checks);
 * messages of the HQ's refusals come with the refusal itself, in both languages.
 */
export const resources = { fa: { translation: fa }, en: { translation: en } } as const;

export const LANGS: readonly Lang[] = ['fa', 'en'];

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** An i18next instance ready at once: the resources ship inside the bundle. */
export function createI18n(lang: Lang): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    resources,
    initAsync: false,
    returnNull: false,
    // React escapes what it renders; escaping here too would show '&amp;'.
    interpolation: { escapeValue: false },
  });
  return instance;
}
