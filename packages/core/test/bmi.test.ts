import { describe, expect, it } from 'vitest';
import { bmi, bmiClass, NexFitraError } from '../src/index';

describe('bmi', () => {
  it('matches a hand calculation: 70 kg / 1.75² m = 22.857…', () => {
    // Hand calculation: 1.75² = 3.0625; 70 / 3.0625 = 22.857142857…
    expect(bmi({ weightKg: 70, heightCm: 175 })).toBeCloseTo(22.857142857, 8);
  });
  it('classifies on WHO TRS 894 boundaries, lower bound inclusive', () => {
    expect(bmiClass(18.49)).toBe('underweight');
    expect(bmiClass(18.5)).toBe('normal');
    expect(bmiClass(25)).toBe('pre-obese');
    expect(bmiClass(30)).toBe('obese-class-1');
    expect(bmiClass(40)).toBe('obese-class-3');
  });
  it('rejects bad input with a typed error naming the field', () => {
    expect(() => bmi({ weightKg: Number.NaN, heightCm: 175 })).toThrowError(NexFitraError);
    try {
      bmi({ weightKg: 70, heightCm: 20 });
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'bmi', path: ['heightCm'], value: 20 });
    }
    expect(() => bmi({ weightKg: '70' as unknown as number, heightCm: 175 })).toThrowError(/weightKg/);
  });
});
