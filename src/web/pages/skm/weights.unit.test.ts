import { describe, expect, it } from 'vitest';
import { equalWeights, isOne, parseWeight, showFraction, sumWeights } from './weights.js';

describe('questionnaire weights', () => {
  it('reads fractions and decimals (with a comma too) exactly', () => {
    expect(parseWeight('1/9')).toEqual({ num: 1n, den: 9n });
    expect(parseWeight(' 2 / 18 ')).toEqual({ num: 1n, den: 9n });
    expect(parseWeight('0.25')).toEqual({ num: 1n, den: 4n });
    expect(parseWeight('0,125')).toEqual({ num: 1n, den: 8n });
    expect(parseWeight('1')).toEqual({ num: 1n, den: 1n });
    for (const bad of ['', 'abc', '1/0', '-0.1', '1e-3']) expect(parseWeight(bad), bad).toBeNull();
  });

  it('nine weights of 1/9 sum to exactly 1; 0.111 nine times does not', () => {
    expect(isOne(sumWeights(equalWeights(9))!)).toBe(true);
    const rounded = sumWeights(Array(9).fill('0.111'))!;
    expect(isOne(rounded)).toBe(false);
    expect(showFraction(rounded)).toBe('999/1000');
  });

  it('mixes fractions and decimals and says which sum is wrong', () => {
    expect(isOne(sumWeights(['0.5', '1/4', '0.25'])!)).toBe(true);
    expect(showFraction(sumWeights(['1/9', '1/9'])!)).toBe('2/9');
    expect(sumWeights(['1/9', 'x'])).toBeNull();
    expect(equalWeights(1)).toEqual(['1']);
  });
});
