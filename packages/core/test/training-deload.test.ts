import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { deloadWeek, deloadWeeks, isDeloadWeek } from '../src/training/deload';

describe('deloadWeek', () => {
  const week = [
    { name: 'squat', sets: 5, reps: 5, load: 140 },
    { name: 'curl', sets: 3, reps: 12, load: 15 },
    { name: 'plank', sets: 1, reps: 1, load: 0 },
  ];
  it('cuts sets by 40 % by default and keeps load and other fields', () => {
    // 5 · 0.6 = 3; 3 · 0.6 = 1.8 → 2; 1 · 0.6 = 0.6 → 1 (never below one set)
    expect(deloadWeek(week)).toEqual([
      { name: 'squat', sets: 3, reps: 5, load: 140 },
      { name: 'curl', sets: 2, reps: 12, load: 15 },
      { name: 'plank', sets: 1, reps: 1, load: 0 },
    ]);
  });
  it('applies a load cut and rounds it', () => {
    // 50 % of 5 sets = 2.5 → 3; 140 · 0.9 = 126 → 125 at 2.5 kg plates
    const [squat] = deloadWeek(week, { volumeReduction: 0.5, loadReduction: 0.1, roundTo: 2.5 });
    expect(squat).toMatchObject({ sets: 3, load: 125 });
  });
  it('rejects reductions outside the consensus-derived bounds', () => {
    expect(() => deloadWeek(week, { volumeReduction: 0.8 })).toThrowError(/options.volumeReduction/);
    try {
      deloadWeek([{ sets: 0, reps: 5, load: 100 }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NexFitraError);
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', path: ['week', 0, 'sets'] });
    }
  });
});

describe('deloadWeek roundTo ≥ 0.01', () => {
  it('rejects a tiny step (140 × 0.9 / 5e-324 used to overflow to Infinity)', () => {
    const week = [{ sets: 5, reps: 5, load: 140 }];
    // 140 × 0.9 = 126, a multiple of 0.01, so the smallest step leaves it unchanged.
    expect(deloadWeek(week, { loadReduction: 0.1, roundTo: 0.01 })[0]?.load).toBeCloseTo(126, 9);
    expect(() => deloadWeek(week, { loadReduction: 0.1, roundTo: Number.MIN_VALUE })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'deloadWeek', path: ['options', 'roundTo'] }),
    );
  });
});

describe('deloadWeeks / isDeloadWeek', () => {
  it('places a deload every N weeks', () => {
    expect(deloadWeeks({ weeks: 12, every: 4 })).toEqual([4, 8, 12]);
    expect(deloadWeeks({ weeks: 10, every: 5 })).toEqual([5, 10]);
    expect(deloadWeeks({ weeks: 3, every: 4 })).toEqual([]);
    expect(isDeloadWeek(8, 4)).toBe(true);
    expect(isDeloadWeek(7, 4)).toBe(false);
  });
  it('agrees with isDeloadWeek week by week', () => {
    for (let every = 4; every <= 8; every++) {
      const set = new Set(deloadWeeks({ weeks: 52, every }));
      for (let w = 1; w <= 52; w++) expect(set.has(w)).toBe(isDeloadWeek(w, every));
    }
  });
  it('rejects a frequency outside 4–8 weeks', () => {
    expect(() => deloadWeeks({ weeks: 12, every: 3 })).toThrowError(/every/);
    expect(() => deloadWeeks({ weeks: 0, every: 4 })).toThrowError(/weeks/);
  });
});
