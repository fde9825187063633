/**
 * Open311 texts (keys prefixed 'open311.') live in the shared catalogue,
 * src/shared/i18n/open311.ts; `msg` renders one in the caller's language.
 */
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { open311Messages } from '../../../shared/i18n/open311.js';

export { open311Messages };

export type Open311MessageKey = keyof (typeof open311Messages)['id'] & MessageKey;

export function msg(locale: Locale, key: Open311MessageKey, params: Record<string, string | number> = {}): string {
  return t(locale, key, params);
}
