import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { estimateOneRepMax } from '../src/training/oneRepMax';
import {
  loadForRpe,
  oneRepMaxFromRpe,
  RPE_CHART,
  RPE_VALUES,
  rirToRpe,
  rpePercentOfOneRepMax,
  rpeToRir,
} from '../src/training/rpe';

describe('rpeToRir / rirToRpe', () => {
  it('follows RIR = 10 − RPE (Zourdos et al. 2016)', () => {
    expect(rpeToRir(10)).toBe(0);
    expect(rpeToRir(9)).toBe(1);
    expect(rpeToRir(8)).toBe(2);
    expect(rpeToRir(6)).toBe(4);
    expect(rpeToRir(8.5)).toBe(1.5);
    expect(rirToRpe(1.5)).toBe(8.5);
    expect(rirToRpe(0)).toBe(10);
  });
  it('round-trips over every half step', () => {
    for (const rpe of RPE_VALUES) expect(rirToRpe(rpeToRir(rpe))).toBe(rpe);
  });
  it('rejects values off the scale or off the half steps', () => {
    expect(() => rpeToRir(5.5)).toThrowError(NexFitraError);
    expect(() => rpeToRir(8.25)).toThrowError(/multiple of 0.5/);
    expect(() => rirToRpe(5)).toThrowError(/rir/);
    try {
      rpeToRir(11);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'rpeToRir', path: ['rpe'], value: 11 });
    }
  });
});

describe('RPE %1RM chart (Epley on reps + RIR)', () => {
  it('matches hand calculations', () => {
    // 1 rep @ RPE 10: one rep to failure → 100 %
    expect(rpePercentOfOneRepMax(1, 10)).toBe(100);
    // 5 @ 8: 7 reps to failure → 100 / (1 + 7/30) = 3000/37 = 81.081… (RTS chart as quoted: 81.1)
    expect(rpePercentOfOneRepMax(5, 8)).toBeCloseTo(81.0810811, 6);
    // 12 @ 6: 16 reps to failure → 100 / (1 + 16/30) = 3000/46 = 65.217…
    expect(rpePercentOfOneRepMax(12, 6)).toBeCloseTo(65.2173913, 6);
    // 200 · 30/37 = 162.162…
    expect(loadForRpe(200, 5, 8)).toBeCloseTo(162.1621622, 6);
    // 150 · (1 + 4/30) = 170
    expect(oneRepMaxFromRpe(150, 3, 9)).toBeCloseTo(170, 9);
  });
  it('equals the Epley load for reps + RIR wherever that is inside the estimator cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...RPE_VALUES), (reps, rpe) => {
        const toFailure = reps + 10 - rpe;
        fc.pre(Number.isInteger(toFailure) && toFailure <= 12);
        return (
          Math.abs(rpePercentOfOneRepMax(reps, rpe) - 10000 / estimateOneRepMax(100, toFailure, 'epley')) <
          1e-9
        );
      }),
    );
  });
  it('is 12 × 9, falls with reps and rises with RPE, and round-trips loads', () => {
    expect(RPE_CHART).toHaveLength(12);
    for (const row of RPE_CHART) {
      expect(row.percent).toHaveLength(RPE_VALUES.length);
      for (let i = 1; i < row.percent.length; i++)
        expect(row.percent[i]!).toBeGreaterThan(row.percent[i - 1]!);
    }
    for (let r = 1; r < 12; r++)
      expect(RPE_CHART[r]!.percent[4]!).toBeLessThan(RPE_CHART[r - 1]!.percent[4]!);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...RPE_VALUES),
        (m, reps, rpe) => Math.abs(oneRepMaxFromRpe(loadForRpe(m, reps, rpe), reps, rpe) - m) < 1e-9 * m,
      ),
    );
  });
  it('rejects reps outside 1–12', () => {
    expect(() => rpePercentOfOneRepMax(13, 8)).toThrowError(/reps/);
    expect(() => loadForRpe(-1, 5, 8)).toThrowError(/oneRepMax/);
  });
});
