/**
 * @internal Validates a {@link PortionProblem} and turns it into the solver's working form:
 * everything per step (the integer unit), defaults filled in. Throws `NexFitraError`
 * naming the field; never clamps.
 */
import { NexFitraError } from '@nexfitra/core';
import { DEFAULT_PORTION_TIME_LIMIT_MS, type PortionMethod, type PortionProblem } from './types';

const FN = 'solvePortions';
/** Nutrient order used everywhere inside the solver. */
export const NUTRIENTS = ['kcal', 'proteinG', 'fatG', 'carbsG', 'fiberG'] as const;
export const TARGETS = ['kcal', 'proteinG', 'fatG', 'carbsG'] as const;
export type TargetKey = (typeof TARGETS)[number];

export interface NormItem {
  readonly id: string;
  /** kcal, protein, fat, carbs, fiber (g) and sodium (mg) contributed by one step. */
  readonly perStep: readonly [number, number, number, number, number, number];
  readonly stepG: number;
  /** Smallest and largest step count when served. */
  readonly lo: number;
  readonly hi: number;
  /** May be 0 although `lo` > 0. */
  readonly optional: boolean;
  readonly typical: number;
}

export interface NormMeal {
  readonly id: string;
  readonly items: readonly number[];
  readonly target: number;
  readonly tolerance: number;
}

export interface NormProblem {
  readonly items: readonly NormItem[];
  /** kcal, protein, fat, carbs targets and their band half-widths. */
  readonly target: readonly [number, number, number, number];
  readonly tolerance: readonly [number, number, number, number];
  readonly fiberMin: number;
  /** Energy floor (0 = none), at or below the energy band's lower edge. */
  readonly kcalMin: number;
  /** Daily sodium cap, mg (Infinity = none). */
  readonly sodiumMax: number;
  readonly meals: readonly NormMeal[];
  /** kcal, protein, fat, carbs weights, then fiber, meal, portion. */
  readonly weight: readonly [number, number, number, number];
  readonly fiberWeight: number;
  readonly mealWeight: number;
  readonly portionWeight: number;
  readonly method: PortionMethod;
  /** Milliseconds the MIP searches may take in all. */
  readonly timeLimitMs: number;
}

type Path = readonly (string | number)[];
interface Range {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
}

function fail(
  code: 'INVALID_TYPE' | 'OUT_OF_RANGE' | 'INCONSISTENT',
  path: Path,
  value: unknown,
  allowed: string,
): never {
  throw new NexFitraError({ code, fn: FN, path, value, allowed });
}

const rangeText = (r: Range, unit: string) =>
  `a finite number in ${r.minExclusive ? '(' : '['}${r.min}, ${r.max}]${unit ? ` ${unit}` : ''}`;

/** `value` when a finite number inside `r` (the message is only written for a bad one: a day's repair normalises dozens of problems). */
function num(path: Path, value: unknown, r: Range, unit = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail('INVALID_TYPE', path, value, rangeText(r, unit));
  if ((r.minExclusive ? value <= r.min : value < r.min) || value > r.max)
    fail('OUT_OF_RANGE', path, value, rangeText(r, unit));
  return value;
}

function optNum(path: Path, value: unknown, r: Range, fallback: number, unit = ''): number {
  return value === undefined ? fallback : num(path, value, r, unit);
}

function obj(path: Path, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('INVALID_TYPE', path, value, 'an object');
  return value as Record<string, unknown>;
}

function optObj(path: Path, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : obj(path, value);
}

function list(path: Path, value: unknown, max: number): readonly unknown[] {
  if (!Array.isArray(value)) fail('INVALID_TYPE', path, value, `an array of 1 to ${max} entries`);
  if (value.length < 1 || value.length > max)
    fail('OUT_OF_RANGE', path, value, `an array of 1 to ${max} entries`);
  return value;
}

function id(path: Path, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    fail('INVALID_TYPE', path, value, 'a non-empty string of at most 200 characters');
  }
  return value;
}

/** Largest number of items one solve accepts: a day is ~8–16; a week in one solve is not the design. */
export const MAX_ITEMS = 200;
const GRAMS = { min: 0, max: 5000 } as const;
// Snapped so that 0.1 + 0.2-style float noise in minG/stepG does not lose a whole step.
const EPS = 1e-9;

export function normalizeProblem(input: unknown): NormProblem {
  const p = obj([], input) as Partial<PortionProblem> & Record<string, unknown>;
  const rawItems = list(['items'], p.items, MAX_ITEMS);
  const seen = new Map<string, number>();
  const items = rawItems.map((raw, i): NormItem => {
    const it = obj(['items', i], raw);
    const itemId = id(['items', i, 'id'], it.id);
    if (seen.has(itemId)) fail('INCONSISTENT', ['items', i, 'id'], itemId, 'ids unique within the problem');
    seen.set(itemId, i);
    const per = obj(['items', i, 'per100g'], it.per100g);
    const kcal = num(['items', i, 'per100g', 'kcal'], per.kcal, { min: 0, max: 1000 }, 'kcal');
    const macro = (k: string) => num(['items', i, 'per100g', k], per[k], { min: 0, max: 100 }, 'g');
    const step = num(['items', i, 'stepG'], it.stepG, { min: 0, max: 1000, minExclusive: true }, 'g');
    const minG = num(['items', i, 'minG'], it.minG, GRAMS, 'g');
    const maxG = num(['items', i, 'maxG'], it.maxG, { min: minG, max: GRAMS.max }, 'g (≥ minG)');
    const lo = Math.ceil(minG / step - EPS);
    const hi = Math.floor(maxG / step + EPS);
    if (lo > hi) {
      fail(
        'INCONSISTENT',
        ['items', i, 'stepG'],
        step,
        `a step with a whole multiple inside [${minG}, ${maxG}] g`,
      );
    }
    if (it.optional !== undefined && typeof it.optional !== 'boolean') {
      fail('INVALID_TYPE', ['items', i, 'optional'], it.optional, 'a boolean');
    }
    const typicalG = optNum(
      ['items', i, 'typicalG'],
      it.typicalG,
      { min: minG, max: maxG },
      (minG + maxG) / 2,
      'g',
    );
    const f = step / 100;
    // Table salt is 38,758 mg sodium per 100 g (SR24 02047): nothing edible carries more.
    const sodium = optNum(['items', i, 'per100g', 'sodiumMg'], per.sodiumMg, { min: 0, max: 40000 }, 0, 'mg');
    return {
      id: itemId,
      perStep: [
        kcal * f,
        macro('proteinG') * f,
        macro('fatG') * f,
        macro('carbsG') * f,
        macro('fiberG') * f,
        sodium * f,
      ],
      stepG: step,
      lo,
      hi,
      optional: it.optional === true && lo > 0,
      typical: Math.max(typicalG / step, 1),
    };
  });

  const t = obj(['targets'], p.targets);
  const kcal = num(['targets', 'kcal'], t.kcal, { min: 0, max: 20000, minExclusive: true }, 'kcal');
  const target = [
    kcal,
    num(['targets', 'proteinG'], t.proteinG, { min: 0, max: 2000 }, 'g'),
    num(['targets', 'fatG'], t.fatG, { min: 0, max: 2000 }, 'g'),
    num(['targets', 'carbsG'], t.carbsG, { min: 0, max: 2000 }, 'g'),
  ] as const;
  const fiberMin = optNum(['targets', 'fiberMinG'], t.fiberMinG, { min: 0, max: 500 }, 0, 'g');

  const sodiumMax = optNum(
    ['targets', 'sodiumMaxMg'],
    t.sodiumMaxMg,
    { min: 0, max: 100000 },
    Number.POSITIVE_INFINITY,
    'mg',
  );

  const tol = optObj(['tolerances'], p.tolerances);
  const kcalPercent = optNum(['tolerances', 'kcalPercent'], tol.kcalPercent, { min: 0, max: 100 }, 3, '%');
  const g = (k: string) => optNum(['tolerances', k], tol[k], { min: 0, max: 1000 }, 5, 'g');
  const tolerance = [(kcal * kcalPercent) / 100, g('proteinG'), g('fatG'), g('carbsG')] as const;
  // Float slack: a caller that trims its band to the floor computes the edge with rounding.
  const bandLow = kcal - tolerance[0];
  const kcalMin = optNum(
    ['targets', 'kcalMin'],
    t.kcalMin,
    { min: 0, max: Math.max(0, bandLow) + 1e-6 * kcal },
    0,
    "kcal (at most the energy band's lower edge)",
  );

  const meals: NormMeal[] = [];
  if (p.meals !== undefined) {
    const rawMeals = list(['meals'], p.meals, MAX_ITEMS);
    const owner = new Map<number, string>();
    const mealIds = new Set<string>();
    let shareSum = 0;
    rawMeals.forEach((raw, m) => {
      const meal = obj(['meals', m], raw);
      const mealId = id(['meals', m, 'id'], meal.id);
      if (mealIds.has(mealId)) fail('INCONSISTENT', ['meals', m, 'id'], mealId, 'meal ids unique');
      mealIds.add(mealId);
      const itemIds = list(['meals', m, 'itemIds'], meal.itemIds, MAX_ITEMS);
      const idx = itemIds.map((raw2, j) => {
        const ref = id(['meals', m, 'itemIds', j], raw2);
        const i = seen.get(ref);
        if (i === undefined)
          fail('INCONSISTENT', ['meals', m, 'itemIds', j], ref, 'the id of an item in items');
        const prev = owner.get(i);
        if (prev !== undefined)
          fail(
            'INCONSISTENT',
            ['meals', m, 'itemIds', j],
            ref,
            `an item not already in meal ${JSON.stringify(prev)}`,
          );
        owner.set(i, mealId);
        return i;
      });
      const share = num(['meals', m, 'kcalShare'], meal.kcalShare, { min: 0, max: 1, minExclusive: true });
      const shareTol = optNum(
        ['meals', m, 'kcalShareTolerance'],
        meal.kcalShareTolerance,
        { min: 0, max: 1 },
        0.05,
      );
      shareSum += share;
      meals.push({ id: mealId, items: idx, target: share * kcal, tolerance: shareTol * kcal });
    });
    // 1 % slack for shares rounded by hand (0.34 + 0.33 + 0.34); beyond it the input is wrong.
    if (shareSum > 1.01)
      fail('INCONSISTENT', ['meals'], shareSum, 'meal kcalShare values summing to at most 1 (±0.01)');
  }

  const w = optObj(['weights'], p.weights);
  const wt = (k: string, fallback: number) => optNum(['weights', k], w[k], { min: 0, max: 1000 }, fallback);
  let method: PortionMethod = 'lp-round';
  if (p.method !== undefined) {
    if (p.method !== 'lp-round' && p.method !== 'mip') {
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn: FN,
        path: ['method'],
        value: p.method,
        allowed: 'one of "lp-round", "mip"',
      });
    }
    method = p.method;
  }
  const timeLimitMs = optNum(
    ['timeLimitMs'],
    p.timeLimitMs,
    { min: 0, max: 60000 },
    DEFAULT_PORTION_TIME_LIMIT_MS,
    'ms',
  );
  return {
    items,
    target,
    tolerance,
    fiberMin,
    kcalMin,
    sodiumMax,
    meals,
    weight: [wt('kcal', 1), wt('proteinG', 1), wt('fatG', 1), wt('carbsG', 1)],
    fiberWeight: wt('fiber', 1),
    mealWeight: wt('mealKcal', 0.5),
    portionWeight: wt('portion', 0.02),
    method,
    timeLimitMs,
  };
}
