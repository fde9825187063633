/**
 * The survey page's language: Bahasa Indonesia first, English one tap away. Only the
 * 'skmSurvey.' messages are imported (not the whole catalogue), keeping the bundle small.
 * The choice is the same `prima_lang` cookie the main web client and the server read.
 */
import { skmSurveyMessages } from '../../shared/i18n/skm-survey.js';

export type SurveyLocale = 'id' | 'en';
export type SurveyKey = keyof typeof skmSurveyMessages.id;

const ONE_YEAR_S = 365 * 24 * 3600;

let locale: SurveyLocale = readLangCookie() ?? 'id';

function readLangCookie(): SurveyLocale | null {
  const m = /(?:^|;\s*)prima_lang=(id|en)(?:;|$)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return m ? (m[1] as SurveyLocale) : null;
}

export function getLocale(): SurveyLocale {
  return locale;
}

export function setLocale(l: SurveyLocale): void {
  locale = l;
  document.cookie = `prima_lang=${l}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
  document.documentElement.lang = l;
}

export function t(key: SurveyKey, params?: Record<string, string | number>): string {
  const template: string = skmSurveyMessages[locale][key] ?? skmSurveyMessages.id[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
