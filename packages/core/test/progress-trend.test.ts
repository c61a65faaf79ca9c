import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProgressLog, ewmaTrend, trendWeight } from '../src/progress/index';
import { simulatedLog, weightEntries } from './progress.fixtures';

const days = (w: readonly (number | null)[]) => checkProgressLog(weightEntries(w)).days;
/** Slope switched off: the local-linear-trend filter becomes the local-level filter, easy by hand. */
const LOCAL_LEVEL = { observationSdKg: 1, levelSdKg: 1, slopeSdKgPerDay: 0, initialSlopeSdKgPerDay: 0 };

describe('ewmaTrend (Hacker’s Diet)', () => {
  it('matches a hand calculation for three weigh-ins', () => {
    // By hand, α = 0.1: 80; 80 + 0.1·(81 − 80) = 80.1; 80.1 + 0.1·(79 − 80.1) = 79.99.
    const t = ewmaTrend(days([80, 81, 79])).map((p) => p.trendKg);
    expect(t[0]).toBe(80);
    expect(t[1]).toBeCloseTo(80.1, 12);
    expect(t[2]).toBeCloseTo(79.99, 12);
  });
  it('property: every trend value lies within the range of the weigh-ins so far', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 40, max: 150, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (w) => {
          const t = ewmaTrend(days(w));
          t.forEach((p, i) => {
            const seen = w.slice(0, i + 1);
            expect(p.trendKg).toBeGreaterThanOrEqual(Math.min(...seen) - 1e-9);
            expect(p.trendKg).toBeLessThanOrEqual(Math.max(...seen) + 1e-9);
          });
        },
      ),
    );
  });
});

describe('trendWeight (Kalman)', () => {
  it('reduces to the local-level filter and matches its hand calculation for three points', () => {
    // By hand, R = q = 1, P0 = R: day 1 P = 2, K = 2/3, level 70 + 2/3·2 = 71.3333, P = 2/3;
    // day 2 P = 5/3, K = 5/8, level 71.3333 + 5/8·(71 − 71.3333) = 71.125, P = 5/8.
    const t = trendWeight(days([70, 72, 71]), LOCAL_LEVEL).points;
    expect(t.map((p) => p.trendKg)).toEqual([70, expect.closeTo(71 + 1 / 3, 10), expect.closeTo(71.125, 10)]);
    expect(t[2]!.trendSdKg).toBeCloseTo(Math.sqrt(5 / 8), 10);
  });
  it('predicts through a missing day (hand calculation)', () => {
    // Day 1 has no weigh-in: P = 2 and the level stays 70; day 2: P = 3, K = 3/4, level 70 + 0.75·2.
    const t = trendWeight(days([70, null, 72]), LOCAL_LEVEL).points;
    expect(t).toHaveLength(3);
    expect(t[1]).toMatchObject({ trendKg: 70, outlier: false });
    expect(t[1]!.trendSdKg).toBeCloseTo(Math.SQRT2, 10);
    expect(t[2]!.trendKg).toBeCloseTo(71.5, 10);
  });
  it('recovers a simulated 0.5 kg/week loss with its uncertainty', () => {
    // Independent expectation: the simulation's own truth (linear loss, N(0, 0.6 kg) scatter).
    const { truth, entries } = simulatedLog({
      days: 120,
      startKg: 90,
      rateKgPerWeek: -0.5,
      noiseSd: 0.6,
      intakeKcal: 2000,
      seed: 7,
    });
    const t = trendWeight(checkProgressLog(entries).days);
    const last = t.points[t.points.length - 1]!;
    expect(Math.abs(last.rateKgPerWeek + 0.5)).toBeLessThan(2 * last.rateSdKgPerWeek + 0.05);
    expect(last.rateSdKgPerWeek).toBeLessThan(0.25);
    const rmse = Math.sqrt(
      t.points.slice(30).reduce((s, p, i) => s + (p.trendKg - truth[i + 30]!) ** 2, 0) / 90,
    );
    expect(rmse).toBeLessThan(0.3); // well under the 0.6 kg scatter of a single weigh-in
    expect(t.outliers).toEqual([]);
  });
  it('reports an outlier and does not let it move the trend; three in a row are a real shift', () => {
    const w = [80, 80.2, 79.9, 80.1, 80, 99.5, 80, 80.1];
    const t = trendWeight(days(w));
    expect(t.outliers).toEqual([
      expect.objectContaining({ date: '2026-01-06', observedKg: 99.5, action: 'ignored' }),
    ]);
    expect(t.points[5]!.outlier).toBe(true);
    expect(Math.abs(t.points[5]!.trendKg - 80)).toBeLessThan(0.3);
    expect(t.weighInsUsed).toBe(7);
    const shifted = trendWeight(days([80, 80, 80, 80, 90, 90, 90, 90]));
    expect(shifted.outliers.map((o) => o.action)).toEqual(['ignored', 'ignored', 'level-shift']);
    expect(shifted.points[7]!.trendKg).toBeGreaterThan(89);
  });
  it('property: the trend stays within the data range widened by a quarter of it', () => {
    // The filtered level is a weighted mean of the weigh-ins whose weights can be slightly
    // negative (the slope extrapolates), so it can overshoot a step a little: measured bound.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 60, max: 70, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (w) => {
          const t = trendWeight(days(w), { outlierZ: 100 });
          const lo = Math.min(...w);
          const hi = Math.max(...w);
          const margin = 0.25 * (hi - lo) + 1e-9;
          for (const p of t.points) {
            expect(p.trendKg).toBeGreaterThanOrEqual(lo - margin);
            expect(p.trendKg).toBeLessThanOrEqual(hi + margin);
          }
        },
      ),
    );
  });
  it('rejects bad input with a NexFitraError naming the field', () => {
    expect(() => trendWeight('x' as never)).toThrow(/days/);
    expect(() => trendWeight(days([80, 81]), { observationSdKg: -1 })).toThrow(/options.observationSdKg/);
  });
});
