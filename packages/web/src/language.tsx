import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './format.js';
import { createI18n, directionOf } from './i18n/index.js';

/** The reader's choice of language, remembered in this browser; Persian until they choose. */
const STORAGE_KEY = 'sandogh.lang';

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fa';
  } catch {
    // Storage may be off (a private window, a policy): Persian, the default.
    return 'fa';
  }
}

export const i18n = createI18n(storedLang());

/** The page's own language and direction follow the UI's, so screen readers and layout do. */
export function applyLang(lang: Lang): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = directionOf(lang);
  document.title = i18n.t('app.title', { lng: lang });
}

export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { i18n: current } = useTranslation();
  const lang: Lang = current.language === 'en' ? 'en' : 'fa';
  const setLang = useCallback(
    (next: Lang) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but still switched for this visit.
      }
      void current.changeLanguage(next).then(() => {
        applyLang(next);
      });
    },
    [current],
  );
  return { lang, setLang };
}
