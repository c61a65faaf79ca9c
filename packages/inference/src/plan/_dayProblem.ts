/**
 * @internal One meal-plan day as a portion problem for the planner's solver: the day's targets
 * and tolerances exactly as the rule planner builds them (planner `dayTargets`: energy ±3 % with
 * the lower edge raised to the sex's calorie floor, each macro ±5 g, the fibre floor and the
 * 2,300 mg sodium cap) and each food's solver nutrients (planner `portionPer100g`, sodium
 * included), each meal ±5 % of its energy share, the foods' portion bounds from the catalogue,
 * and the proposed grams as each item's "typical" portion, so that among plans that hit the
 * bands the one closest to the model's proposal wins.
 */
import {
  CALORIE_FLOOR_KCAL,
  DEFAULT_MEAL_SHARES,
  fiberForEnergy,
  type SexT,
  type TargetsSummaryT,
} from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import {
  type DayGoal,
  dayTargets,
  type PortionItem,
  type PortionPlan,
  type PortionProblem,
  portionPer100g,
} from '@nexfitra/planner';
/** Most items in one meal (core's `Meal` schema bound). */
export const MAX_MEAL_ITEMS = 30;

/** Bands of a day, as the rule planner's meal solver uses them. */
export const DAY_BANDS = { kcalPercent: 3, macroG: 5, mealShare: 0.05, widestMealShare: 0.15 } as const;

export interface DraftItem {
  readonly food: FoodT;
  /** Proposed grams (the model's, or 0 for a food the repair added). */
  readonly grams: number;
  /** The solver may leave it out. */
  readonly optional: boolean;
  /** The dish of the catalogue the item belongs to, kept through the repair. */
  readonly dishId?: string;
  /** For an added item (`grams` 0): the portion to pull towards, e.g. a swapped-in dish's component; default its household serving. */
  readonly typicalG?: number;
}

export interface DraftMeal {
  readonly type: string;
  readonly items: readonly DraftItem[];
}

export const itemKey = (m: number, i: number) => `${m}:${i}`;

/** Energy shares of the meals by position (core `DEFAULT_MEAL_SHARES`), else equal shares. */
export function mealShares(count: number): number[] {
  const table = DEFAULT_MEAL_SHARES[count as keyof typeof DEFAULT_MEAL_SHARES];
  return table ? table.map((s) => s.share) : Array.from({ length: count }, () => 1 / count);
}

/** The usual meal types of the slots (core `DEFAULT_MEAL_SHARES`), or none for an unusual count. */
export function mealTypes(count: number): string[] {
  const table = DEFAULT_MEAL_SHARES[count as keyof typeof DEFAULT_MEAL_SHARES];
  return table ? table.map((s) => s.mealType) : [];
}

/** The planner's day goal for `targets` (the same defaults as `planMeals`). */
export function dayGoal(targets: TargetsSummaryT, sex: SexT, shareTolerance: number): DayGoal {
  return {
    kcal: targets.kcal,
    proteinG: targets.proteinG,
    fatG: targets.fatG,
    carbsG: targets.carbsG,
    fiberMinG: targets.fiberG ?? (targets.kcal <= 10000 ? fiberForEnergy(targets.kcal) : 0),
    kcalTolerancePercent: DAY_BANDS.kcalPercent,
    kcalFloor: CALORIE_FLOOR_KCAL[sex],
    macroToleranceG: DAY_BANDS.macroG,
    mealShareTolerance: shareTolerance,
    maxAttempts: 1,
  };
}

/** The energy band of a day: target ± 3 %, its lower edge raised to the floor when inside it. */
export function kcalBand(kcal: number, sex: SexT): { lo: number; hi: number } {
  const tol = (kcal * DAY_BANDS.kcalPercent) / 100;
  const floor = CALORIE_FLOOR_KCAL[sex];
  const lo = kcal - tol;
  const hi = kcal + tol;
  return floor > lo && floor < hi ? { lo: floor, hi } : { lo, hi };
}

export function dayProblem(
  meals: readonly DraftMeal[],
  targets: TargetsSummaryT,
  sex: SexT,
  shareTolerance: number,
  timeLimitMs: number,
): PortionProblem {
  const shares = mealShares(meals.length);
  const items: PortionItem[] = [];
  meals.forEach((meal, m) => {
    meal.items.forEach(({ food, grams, optional, typicalG }, i) => {
      const { minG, maxG, stepG } = food.portion;
      const serving = typicalG ?? food.servings[0]?.grams;
      const typical =
        grams > 0 ? Math.min(maxG, Math.max(minG, grams)) : serving !== undefined ? serving : undefined;
      items.push({
        id: itemKey(m, i),
        per100g: portionPer100g(food),
        minG,
        maxG,
        stepG,
        optional,
        ...(typical !== undefined && typical >= minG && typical <= maxG ? { typicalG: typical } : {}),
      });
    });
  });
  return {
    items,
    ...dayTargets(dayGoal(targets, sex, shareTolerance)),
    meals: meals.map((meal, m) => ({
      id: String(m),
      itemIds: meal.items.map((_, i) => itemKey(m, i)),
      kcalShare: shares[m] ?? 1 / meals.length,
      kcalShareTolerance: shareTolerance,
    })),
    timeLimitMs,
  };
}

const MACRO_FIELDS: ReadonlySet<string> = new Set(['kcal', 'proteinG', 'fatG', 'carbsG']);

/** How far a solved day is from its bands: energy/macro misses (count, then size in tolerances), then meal-share misses. */
export function badness(plan: PortionPlan): [number, number, number] {
  const hard = plan.misses.filter((m) => MACRO_FIELDS.has(m.field));
  const meal = plan.misses.filter((m) => m.field === 'mealKcal');
  return [
    hard.length,
    hard.reduce((s, m) => s + m.miss / Math.max(m.tolerance, 1e-9), 0),
    meal.reduce((s, m) => s + m.miss, 0),
  ];
}

/** Lexicographic: `a` strictly closer to the bands than `b`. */
export const better = (a: readonly number[], b: readonly number[]) =>
  a[0] !== b[0] ? a[0]! < b[0]! : a[1] !== b[1] ? a[1]! < b[1]! : a[2]! < b[2]!;
