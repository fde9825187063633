/**
 * The message catalogue: Bahasa Indonesia first, English second. Used by the server
 * (error messages, e-mails) and the web client alike. Each module keeps its messages in
 * its own file here (keys prefixed with the module name) and is listed in `modules`.
 */
import { coreMessages } from './core.js';
import { webMessages } from './web.js';
import { organisationMessages } from './organisation.js';
import { authMessages } from './auth.js';
import { auditMessages } from './audit.js';
import { calendarMessages } from './calendar.js';
import { calendarWebMessages } from './calendar-web.js';
import { complaintsMessages } from './complaints.js';
import { complaintsWebMessages } from './complaints-web.js';
import { notificationsMessages } from './notifications.js';
import { attachmentsMessages } from './attachments.js';
import { open311Messages } from './open311.js';
import { complaintsStaffMessages } from './complaints-staff.js';
import { skmSurveyMessages } from './skm-survey.js';
import { skmWebMessages } from './skm-web.js';
import { standardsMessages } from './standards.js';
import { standardsWebMessages } from './standards-web.js';
import { complianceMessages } from './compliance.js';
import { skmMessages } from './skm.js';
import { routingMessages } from './routing.js';

const modules = [coreMessages, webMessages, organisationMessages, authMessages, auditMessages, calendarMessages, calendarWebMessages,
  complaintsMessages, complaintsWebMessages, notificationsMessages, attachmentsMessages, open311Messages, complaintsStaffMessages, skmSurveyMessages, skmWebMessages, standardsMessages, standardsWebMessages, complianceMessages, skmMessages, routingMessages] as const;

type Merge<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllIds = Merge<(typeof modules)[number]['id']>;

export type MessageKey = keyof AllIds & string;
export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';

const catalogues: Record<Locale, Record<string, string>> = {
  id: Object.assign({}, ...modules.map((m) => m.id)),
  en: Object.assign({}, ...modules.map((m) => m.en)),
};

export type MessageParams = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[locale]?.[key] ?? catalogues.id[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in catalogues.id;
}

/** Every key, for the catalogue's own consistency test. */
export function allKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}

/** Picks the locale from an explicit choice, else Accept-Language; Indonesian by default. */
export function pickLocale(explicit?: string | null, acceptLanguage?: string | null): Locale {
  if (explicit === 'id' || explicit === 'en') return explicit;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.trim().slice(0, 2).toLowerCase();
      if (tag === 'id' || tag === 'en') return tag;
    }
  }
  return DEFAULT_LOCALE;
}
