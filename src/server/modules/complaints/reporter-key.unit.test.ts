import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveReporterKey, keyMatchesAny, normalizeReporterKey } from './reporter-key.js';

const secret = Buffer.alloc(32, 7);
const T = '11111111-1111-4111-8111-111111111111';
const R1 = '22222222-2222-4222-8222-222222222222';
const R2 = '33333333-3333-4333-8333-333333333333';

describe('reporter key', () => {
  it('is 5 groups of 4 characters without look-alikes, the same for the same reporter', () => {
    const k = deriveReporterKey(secret, T, R1);
    expect(k).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    expect(deriveReporterKey(secret, T, R1)).toBe(k);
    expect(deriveReporterKey(secret, T, R2)).not.toBe(k);
    // Another tenant or another secret gives another key for the same row id.
    expect(deriveReporterKey(secret, R2, R1)).not.toBe(k);
    expect(deriveReporterKey(crypto.randomBytes(32), T, R1)).not.toBe(k);
  });

  it('forgives case, spaces and dashes, and refuses what cannot be a key', () => {
    const k = deriveReporterKey(secret, T, R1);
    expect(normalizeReporterKey(k.toLowerCase().replace(/-/g, ' '))).toBe(k);
    expect(normalizeReporterKey(k.replace(/-/g, ''))).toBe(k);
    expect(normalizeReporterKey('')).toBeNull();
    expect(normalizeReporterKey('O000-1111-IIII-0000-OOOO')).toBeNull();
    expect(normalizeReporterKey(k.slice(0, -1))).toBeNull();
    expect(normalizeReporterKey(null)).toBeNull();
    expect(normalizeReporterKey('x'.repeat(100))).toBeNull();
  });

  it("matches one of the report's reporters, and nothing else", () => {
    const k2 = deriveReporterKey(secret, T, R2);
    expect(keyMatchesAny(secret, T, [R1, R2], k2)).toBe(true);
    expect(keyMatchesAny(secret, T, [R1], k2)).toBe(false);
    expect(keyMatchesAny(secret, T, [], k2)).toBe(false);
    expect(keyMatchesAny(secret, T, [R1, R2], null)).toBe(false);
    expect(keyMatchesAny(secret, T, [R1, R2], 'PRM-ABCD-EFGH')).toBe(false);
  });
});
