import { describe, expect, it } from 'vitest';
import { TRACKING_ALPHABET, generateTrackingCode, isTrackingCode, normalizeTrackingCode, withFreshTrackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('uses 32 unambiguous characters: no 0, O, 1 or I', () => {
    expect(TRACKING_ALPHABET).toHaveLength(32);
    expect(new Set(TRACKING_ALPHABET).size).toBe(32);
    for (const c of '0O1I') expect(TRACKING_ALPHABET).not.toContain(c);
  });

  it('makes codes PRM-XXXX-XXXX from the alphabet, different each time', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = generateTrackingCode();
      expect(c).toMatch(/^PRM-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(isTrackingCode(c)).toBe(true);
      for (const ch of c.slice(4).replace('-', '')) expect(TRACKING_ALPHABET).toContain(ch);
      codes.add(c);
    }
    expect(codes.size).toBe(2000);
  });

  it('maps every byte value onto the alphabet without bias (byte & 31)', () => {
    const first = new Set<string>();
    for (let b = 0; b < 256; b++) first.add(generateTrackingCode(() => Buffer.alloc(8, b))[4]);
    expect(first.size).toBe(32);
    expect(generateTrackingCode(() => Buffer.from([0, 1, 2, 3, 28, 29, 30, 31]))).toBe('PRM-ABCD-6789');
    expect(generateTrackingCode(() => Buffer.from([32, 33, 34, 35, 60, 61, 62, 63]))).toBe('PRM-ABCD-6789');
  });

  it('reads what a citizen typed, and refuses what cannot be a code', () => {
    expect(normalizeTrackingCode('prm-abcd-6789')).toBe('PRM-ABCD-6789');
    expect(normalizeTrackingCode(' PRM ABCD 6789 ')).toBe('PRM-ABCD-6789');
    expect(normalizeTrackingCode('ABCD6789')).toBe('PRM-ABCD-6789');
    expect(normalizeTrackingCode('PRM-ABCD-0789')).toBeNull(); // 0 never occurs
    expect(normalizeTrackingCode('PRM-IBCD-6789')).toBeNull(); // I never occurs
    expect(normalizeTrackingCode('PRM-ABCD-678')).toBeNull();
    expect(normalizeTrackingCode("' OR 1=1 --")).toBeNull();
    expect(normalizeTrackingCode('x'.repeat(100))).toBeNull();
  });

  it('retries with a fresh code on a collision and gives up after a bound', async () => {
    const tried: string[] = [];
    const codes = ['PRM-AAAA-AAAA', 'PRM-BBBB-BBBB'];
    const got = await withFreshTrackingCode(async (c) => (tried.push(c), c === 'PRM-BBBB-BBBB' ? { c } : undefined), 5, () => codes.shift()!);
    expect(got).toEqual({ c: 'PRM-BBBB-BBBB' });
    expect(tried).toEqual(['PRM-AAAA-AAAA', 'PRM-BBBB-BBBB']);
    let n = 0;
    await expect(withFreshTrackingCode(async () => (n++, undefined), 3)).rejects.toThrow(/tracking code/);
    expect(n).toBe(3);
  });
});
