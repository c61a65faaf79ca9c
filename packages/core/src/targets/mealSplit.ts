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
 * Largest total {@link apportion} and {@link mealSplit} accept: 10,000,000 (kcal or g a day is
 * four orders of magnitude below it). It keeps totals far inside the safe integers (2^53), where
 * `total − 1` is exact; above 2^53 it is not, and a remainder count would never reach zero.
 */
export const MAX_APPORTION_TOTAL = 1e7;
/** Largest weight {@link apportion} accepts, so `total × weight` and the sum stay finite. */
export const MAX_APPORTION_WEIGHT = 1e12;

/**
 * Splits a non-negative integer `total` into parts proportional to `weights` that sum to `total`
 * exactly (largest-remainder method; ties go to the earlier part).
 * @param total an integer in [0, 1e7] ({@link MAX_APPORTION_TOTAL})
 * @param weights 1 or more finite weights in (0, 1e12] ({@link MAX_APPORTION_WEIGHT})
 * @throws {NexFitraError} naming `total` or `weights.i`
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const fn = 'apportion';
  checkNumber(fn, 'total', total, { min: 0, max: MAX_APPORTION_TOTAL, integer: true });
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['weights'],
      value: weights,
      allowed: `a non-empty array of numbers in (0, ${MAX_APPORTION_WEIGHT}]`,
    });
  }
  weights.forEach((w, i) => {
    checkNumber(fn, ['weights', i], w, { min: 0, minExclusive: true, max: MAX_APPORTION_WEIGHT });
  });
  return split(total, weights);
}

/** Largest remainder on checked input: total a safe integer ≤ 1e7, weights in (0, 1e12]. */
function split(total: number, weights: readonly number[]): number[] {
  // Scale by the largest weight: every w / max is in (0, 1], so the sum is in (0, n] and each
  // quota total × (w / max) / sum is finite (tiny weights may underflow to a quota of 0).
  const max = Math.max(...weights);
  const scaled = weights.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  // Snap quotas within 1e-9 of a whole number, so 150 × 0.3 is 45, not 44.999… floored to 44.
  const quotas = scaled.map((w) => {
    const q = (total * w) / sum;
    return Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : q;
  });
  const parts = quotas.map(Math.floor);
  // The quotas sum to `total`, each floor loses < 1, so `left` is a whole number in [0, n).
  // The loop hands out at most one unit per part and is bounded by the number of parts, so it
  // ends whatever `left` is (it used to run `while left > 0`, which never ended above 2^53, where
  // left − 1 === left).
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; k < order.length && left > 0; k++, left--) {
    const i = order[k]!.i;
    parts[i] = parts[i]! + 1;
  }
  return parts;
}

/** Day totals to split; all integers in [0, 1e7] (round before splitting). */
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
 * @throws {NexFitraError} for totals that are not integers in [0, 1e7], a meal count outside 2–6, or
 *   shares that are not positive or do not sum to 1
 * @example mealSplit({ energyKcal: 2000, proteinG: 150, fatG: 67, carbsG: 200 }, { meals: 3 }).map((m) => m.proteinG) // [45, 60, 45]
 */
export function mealSplit(day: DayTotals, options: MealSplitOptions = {}): MealTargets[] {
  const fn = 'mealSplit';
  checkObject(fn, 'day', day);
  checkObject(fn, 'options', options);
  const whole = { min: 0, max: MAX_APPORTION_TOTAL, integer: true } as const;
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
  const kcal = split(energyKcal, w);
  const protein = split(proteinG, w);
  const fat = split(fatG, w);
  const carbs = split(carbsG, w);
  const fiber = fiberG === undefined ? undefined : split(fiberG, w);
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
