import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { MealTypeT } from '../schemas/vocab';

/**
 * Splits daily targets across 2–6 meals. Every nutrient is split with the same shares (so each
 * meal keeps the day's macro ratio) and apportioned in whole units by the largest-remainder
 * (Hamilton) method, so the meals add up to the day's totals exactly.
 *
 * The default shares are a convention, not a finding: there is no evidence that a particular
 * energy split changes outcomes. They keep main meals larger than snacks and, from 4 meals up,
 * give every meal some protein, in line with spreading protein over 3–6 meals (Schoenfeld BJ,
 * Aragon AA. How much protein can the body use in a single meal for muscle-building? J Int Soc
 * Sports Nutr 2018;15:10).
 *
 * | meals | shares (in order)                                                   |
 * | ----- | ------------------------------------------------------------------- |
 * | 2     | lunch 0.50, dinner 0.50                                             |
 * | 3     | breakfast 0.30, lunch 0.40, dinner 0.30                             |
 * | 4     | breakfast 0.25, lunch 0.35, snack 0.10, dinner 0.30                 |
 * | 5     | breakfast 0.25, snack 0.10, lunch 0.30, snack 0.10, dinner 0.25     |
 * | 6     | breakfast 0.20, snack 0.10, lunch 0.25, snack 0.10, dinner 0.25, snack 0.10 |
 */
export const DEFAULT_MEAL_SHARES = {
  2: [
    { mealType: 'lunch', share: 0.5 },
    { mealType: 'dinner', share: 0.5 },
  ],
  3: [
    { mealType: 'breakfast', share: 0.3 },
    { mealType: 'lunch', share: 0.4 },
    { mealType: 'dinner', share: 0.3 },
  ],
  4: [
    { mealType: 'breakfast', share: 0.25 },
    { mealType: 'lunch', share: 0.35 },
    { mealType: 'snack', share: 0.1 },
    { mealType: 'dinner', share: 0.3 },
  ],
  5: [
    { mealType: 'breakfast', share: 0.25 },
    { mealType: 'snack', share: 0.1 },
    { mealType: 'lunch', share: 0.3 },
    { mealType: 'snack', share: 0.1 },
    { mealType: 'dinner', share: 0.25 },
  ],
  6: [
    { mealType: 'breakfast', share: 0.2 },
    { mealType: 'snack', share: 0.1 },
    { mealType: 'lunch', share: 0.25 },
    { mealType: 'snack', share: 0.1 },
    { mealType: 'dinner', share: 0.25 },
    { mealType: 'snack', share: 0.1 },
  ],
} as const satisfies Record<2 | 3 | 4 | 5 | 6, readonly { mealType: MealTypeT; share: number }[]>;

export const MIN_MEALS = 2;
export const MAX_MEALS = 6;

/**
 * Splits a non-negative integer `total` into parts proportional to `weights` that sum to `total`
 * exactly (largest-remainder method; ties go to the earlier part).
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const fn = 'apportion';
  checkNumber(fn, 'total', total, { min: 0, integer: true });
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['weights'],
      value: weights,
      allowed: 'a non-empty array of positive numbers',
    });
  }
  weights.forEach((w, i) => {
    checkNumber(fn, ['weights', i], w, { min: 0, minExclusive: true });
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  // Snap quotas within 1e-9 of a whole number, so 150 × 0.3 is 45, not 44.999… floored to 44.
  const quotas = weights.map((w) => {
    const q = (total * w) / sum;
    return Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : q;
  });
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    parts[i] = parts[i]! + 1;
  }
  return parts;
}

/** Day totals to split; all non-negative integers (round before splitting). */
export interface DayTotals {
  readonly energyKcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG?: number;
}

export interface MealTargets {
  readonly index: number;
  /** From the default table; absent when custom shares are given. */
  readonly mealType?: MealTypeT;
  readonly share: number;
  readonly energyKcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG?: number;
}

export interface MealSplitOptions {
  /** Number of meals, 2–6 (default 3). Ignored when `shares` is given. */
  readonly meals?: number;
  /** Custom shares, 2–6 positive numbers summing to 1 (± 1e-6). */
  readonly shares?: readonly number[];
}

/**
 * Per-meal targets whose sums equal the day totals exactly, field by field.
 * @throws {NexFitraError} for non-integer or negative totals, a meal count outside 2–6, or
 *   shares that are not positive or do not sum to 1
 * @example mealSplit({ energyKcal: 2000, proteinG: 150, fatG: 67, carbsG: 200 }, { meals: 3 }).map((m) => m.proteinG) // [45, 60, 45]
 */
export function mealSplit(day: DayTotals, options: MealSplitOptions = {}): MealTargets[] {
  const fn = 'mealSplit';
  checkObject(fn, 'day', day);
  checkObject(fn, 'options', options);
  const whole = { min: 0, integer: true } as const;
  const energyKcal = checkNumber(fn, ['day', 'energyKcal'], day.energyKcal, { ...whole, unit: 'kcal' });
  const proteinG = checkNumber(fn, ['day', 'proteinG'], day.proteinG, { ...whole, unit: 'g' });
  const fatG = checkNumber(fn, ['day', 'fatG'], day.fatG, { ...whole, unit: 'g' });
  const carbsG = checkNumber(fn, ['day', 'carbsG'], day.carbsG, { ...whole, unit: 'g' });
  const fiberG =
    day.fiberG === undefined
      ? undefined
      : checkNumber(fn, ['day', 'fiberG'], day.fiberG, { ...whole, unit: 'g' });

  let plan: readonly { mealType?: MealTypeT; share: number }[];
  if (options.shares !== undefined) {
    const s = options.shares;
    if (!Array.isArray(s) || s.length < MIN_MEALS || s.length > MAX_MEALS) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['options', 'shares'],
        value: s,
        allowed: `an array of ${MIN_MEALS}–${MAX_MEALS} positive shares summing to 1`,
      });
    }
    s.forEach((v, i) => {
      checkNumber(fn, ['options', 'shares', i], v, { min: 0, max: 1, minExclusive: true });
    });
    const sum = s.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['options', 'shares'],
        value: s,
        allowed: `shares summing to 1 (these sum to ${sum})`,
      });
    }
    plan = s.map((share) => ({ share }));
  } else {
    const meals =
      options.meals === undefined
        ? 3
        : checkNumber(fn, ['options', 'meals'], options.meals, {
            min: MIN_MEALS,
            max: MAX_MEALS,
            integer: true,
          });
    plan = DEFAULT_MEAL_SHARES[meals as 2 | 3 | 4 | 5 | 6];
  }

  const w = plan.map((p) => p.share);
  const kcal = apportion(energyKcal, w);
  const protein = apportion(proteinG, w);
  const fat = apportion(fatG, w);
  const carbs = apportion(carbsG, w);
  const fiber = fiberG === undefined ? undefined : apportion(fiberG, w);
  return plan.map((p, i) => ({
    index: i,
    ...(p.mealType !== undefined ? { mealType: p.mealType } : {}),
    share: p.share,
    energyKcal: kcal[i]!,
    proteinG: protein[i]!,
    fatG: fat[i]!,
    carbsG: carbs[i]!,
    ...(fiber !== undefined ? { fiberG: fiber[i]! } : {}),
  }));
}
