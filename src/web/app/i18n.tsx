/**
 * The language of the page: Bahasa Indonesia by default, English one click away. The
 * choice lives in the `prima_lang` cookie (the server reads it for its own messages) and in
 * `<html lang>`; every text comes from the shared catalogue (src/shared/i18n).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, t as translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.js';
import { setApiLocale } from '../api/client.js';

export const LANG_COOKIE = 'prima_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

export function readLangCookie(): Locale | null {
  const m = /(?:^|;\s*)prima_lang=(id|en)(?:;|$)/.exec(document.cookie);
  return m ? (m[1] as Locale) : null;
}

function applyLocale(l: Locale, persist: boolean): void {
  if (persist) document.cookie = `${LANG_COOKIE}=${l}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
  document.documentElement.lang = l;
  setApiLocale(l);
}

export type T = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  locale: Locale;
  t: T;
  /** Switches the language and remembers the choice in the cookie. */
  setLocale(l: Locale): void;
  /** Adopts the signed-in user's language unless the visitor chose one explicitly. */
  adoptUserLocale(l: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => {
    const l = readLangCookie() ?? DEFAULT_LOCALE;
    applyLocale(l, false);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    applyLocale(l, true);
    setState(l);
  }, []);
  const adoptUserLocale = useCallback((l: Locale) => {
    if (readLangCookie()) return;
    applyLocale(l, false);
    setState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, adoptUserLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale, adoptUserLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
