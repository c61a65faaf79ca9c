import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { loadForReps, ONE_REP_MAX_FORMULAS } from '../src/training/oneRepMax';
import { PLATE_INCREMENTS, percentTable, roundToIncrement } from '../src/training/percentTable';

describe('roundToIncrement', () => {
  it('matches hand rounding', () => {
    expect(roundToIncrement(103.7, 2.5)).toBe(102.5); // 41.48 steps → 41
    expect(roundToIncrement(103.8, 2.5)).toBe(105); // 41.52 → 42
    expect(roundToIncrement(103.8, 2.5, 'down')).toBe(102.5);
    expect(roundToIncrement(102.6, 2.5, 'up')).toBe(105);
    expect(roundToIncrement(102.5, 2.5, 'up')).toBe(102.5);
    expect(roundToIncrement(187, PLATE_INCREMENTS.lb)).toBe(185); // 37.4 → 37
  });
  it('lands on a multiple within half a step, never NaN', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.constantFrom(2.5, 5, 1.25, 0.5),
        (w, s) => {
          const r = roundToIncrement(w, s);
          return Math.abs(r - w) <= s / 2 + 1e-9 && Math.abs(r / s - Math.round(r / s)) < 1e-9;
        },
      ),
    );
  });
  it('rejects a non-positive increment', () => {
    expect(() => roundToIncrement(100, 0)).toThrowError(NexFitraError);
  });
  it('increments are ≥ 0.01: a tiny one used to overflow 153 / 5e-323 to Infinity', () => {
    // 153 / 0.01 = 15300 steps exactly, so the smallest increment returns the load unchanged.
    expect(roundToIncrement(153, 0.01)).toBe(153);
    for (const step of [0.009, 5e-323, Number.MIN_VALUE]) {
      expect(() => roundToIncrement(153, step)).toThrowError(
        expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'roundToIncrement', path: ['increment'] }),
      );
    }
    expect(() => percentTable(2000, { increment: Number.MIN_VALUE })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'percentTable', path: ['options', 'increment'] }),
    );
  });
});

describe('percentTable', () => {
  it('gives Epley loads for 1–12 reps (hand calculation)', () => {
    const t = percentTable(100);
    expect(t).toHaveLength(12);
    expect(t[0]).toEqual({ reps: 1, percent: 100, load: 100 });
    // 5 reps: 100 / (1 + 5/30) = 600/7 = 85.714…
    expect(t[4]!.percent).toBeCloseTo(85.7142857, 6);
    // 12 reps: 100 / 1.4 = 71.428…
    expect(t[11]!.load).toBeCloseTo(71.4285714, 6);
  });
  it('rounds to plates when asked', () => {
    // 140 kg 1RM, 5 reps Epley: 140 · 6/7 = 120 exactly; 8 reps: 140 / (1 + 8/30) = 110.526 → 110
    const t = percentTable(140, { increment: 2.5 });
    expect(t[4]!.load).toBe(120);
    expect(t[7]!.load).toBe(110);
  });
  it('stops at the formula cap (Brzycki 10 rows) and agrees with loadForReps', () => {
    expect(percentTable(100, { formula: 'brzycki' })).toHaveLength(10);
    for (const formula of ONE_REP_MAX_FORMULAS) {
      for (const row of percentTable(123, { formula })) {
        expect(row.load).toBeCloseTo(loadForReps(123, row.reps, formula), 9);
      }
    }
  });
  it('rejects bad options naming the field', () => {
    try {
      percentTable(100, { increment: -2.5 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'percentTable', path: ['options', 'increment'] });
    }
    expect(() => percentTable(100, { formula: 'x' as 'epley' })).toThrowError(/options.formula/);
  });
});
