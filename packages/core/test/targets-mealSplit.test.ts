import { describe, expect, it } from 'vitest';
import { apportion, DEFAULT_MEAL_SHARES, mealSplit } from '../src/targets/mealSplit';

describe('apportion (largest remainder)', () => {
  it('10 in three equal parts is 4, 3, 3 (ties go to the earlier part)', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
  it('7 by 0.3/0.4/0.3: quotas 2.1, 2.8, 2.1 → the one leftover goes to the 0.8 remainder', () => {
    expect(apportion(7, [0.3, 0.4, 0.3])).toEqual([2, 3, 2]);
  });
});

describe('mealSplit', () => {
  it('default shares sum to 1 for every meal count', () => {
    for (const plan of Object.values(DEFAULT_MEAL_SHARES)) {
      expect(plan.reduce((a, m) => a + m.share, 0)).toBeCloseTo(1, 12);
    }
  });
  it('3 meals (0.3/0.4/0.3) of 150 g protein: 45, 60, 45 (@example)', () => {
    const meals = mealSplit({ energyKcal: 2000, proteinG: 150, fatG: 67, carbsG: 200 }, { meals: 3 });
    expect(meals.map((m) => m.proteinG)).toEqual([45, 60, 45]);
    expect(meals.map((m) => m.mealType)).toEqual(['breakfast', 'lunch', 'dinner']);
    // 67 × 0.3 = 20.1, × 0.4 = 26.8 → floors 20 + 26 + 20 = 66, the leftover to lunch (0.8).
    expect(meals.map((m) => m.fatG)).toEqual([20, 27, 20]);
  });
  it('4 meals of 2,000 kcal: 500, 700, 200, 600', () => {
    const meals = mealSplit({ energyKcal: 2000, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 30 }, { meals: 4 });
    expect(meals.map((m) => m.energyKcal)).toEqual([500, 700, 200, 600]);
    expect(meals.reduce((a, m) => a + (m.fiberG ?? 0), 0)).toBe(30);
  });
  it('accepts custom shares and rejects bad ones', () => {
    const m = mealSplit(
      { energyKcal: 1000, proteinG: 100, fatG: 30, carbsG: 100 },
      { shares: [0.5, 0.25, 0.25] },
    );
    expect(m.map((x) => x.energyKcal)).toEqual([500, 250, 250]);
    expect(m[0]?.mealType).toBeUndefined();
    const day = { energyKcal: 1000, proteinG: 100, fatG: 30, carbsG: 100 };
    expect(() => mealSplit(day, { shares: [0.5, 0.4] })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT', path: ['options', 'shares'] }),
    );
    expect(() => mealSplit(day, { meals: 7 })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['options', 'meals'] }),
    );
    expect(() => mealSplit({ ...day, proteinG: 100.5 })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['day', 'proteinG'] }),
    );
  });
});

describe('bounds that keep apportion finite and terminating', () => {
  it('rejects weights that are not in (0, 1e12] ([1, 1e308] gave [0, Infinity], [1e308, 1e308] NaN)', () => {
    expect(() => apportion(10, [1, 1e308])).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'apportion', path: ['weights', 1] }),
    );
    expect(() => apportion(10, [1e308, 1e308])).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'apportion', path: ['weights', 0] }),
    );
    // The largest and smallest weights still split by hand: 10 × 1e12 / 2e12 = 5 each.
    expect(apportion(10, [1e12, 1e12])).toEqual([5, 5]);
    // 1e-300 beside 1: its quota 10 × 1e-300 ≈ 0, so all 10 go to the other part.
    expect(apportion(10, [1e-300, 1])).toEqual([0, 10]);
  });
  it('rejects totals above 1e7 at once (above 2^53 the remainder loop never ended)', () => {
    for (const total of [1e7 + 1, 2 ** 53 + 2, 4.694417335676189e117]) {
      expect(() => apportion(total, [1, 1, 1])).toThrowError(
        expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'apportion', path: ['total'] }),
      );
    }
    // 1e7 / 3 = 3,333,333.33…: one remainder unit, to the first part (ties go earlier).
    expect(apportion(1e7, [1, 1, 1])).toEqual([3333334, 3333333, 3333333]);
    expect(() =>
      mealSplit({ energyKcal: 4.694417335676189e117, proteinG: 1, fatG: 1, carbsG: 1 }, { meals: 3 }),
    ).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'mealSplit', path: ['day', 'energyKcal'] }),
    );
  });
});
