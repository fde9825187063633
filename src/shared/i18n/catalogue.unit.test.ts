import { describe, expect, it } from 'vitest';
import { allKeys, pickLocale, t } from './index.js';

describe('message catalogue', () => {
  it('has the same keys in Indonesian and English, none empty', () => {
    const idKeys = allKeys('id').sort();
    expect(allKeys('en').sort()).toEqual(idKeys);
    for (const key of idKeys) {
      expect(t('id', key as any).trim(), key).not.toBe('');
      expect(t('en', key as any).trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of allKeys('id')) expect(names(t('en', key as any)), key).toEqual(names(t('id', key as any)));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('id', 'error.RATE_LIMITED', { seconds: 30 })).toBe('Terlalu banyak permintaan. Coba lagi dalam 30 detik.');
    expect(t('en', 'error.DUPLICATE')).toContain('{field}');
  });

  it('picks Indonesian by default, an explicit choice first, then Accept-Language', () => {
    expect(pickLocale(undefined, undefined)).toBe('id');
    expect(pickLocale(undefined, 'fr-FR,en;q=0.8')).toBe('en');
    expect(pickLocale('id', 'en-US')).toBe('id');
    expect(pickLocale('xx', 'de')).toBe('id');
  });
});
