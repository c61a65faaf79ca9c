/**
 * @internal One meal-plan day as a portion problem for the planner's solver: the day's targets
 * and bands as the rule planner uses them (energy ±3 % with the lower edge raised to the sex's
 * calorie floor, each macro ±5 g, each meal ±5 % of its energy share), the foods' portion bounds
 * from the catalogue, and the proposed grams as each item's "typical" portion, so that among
 * plans that hit the bands the one closest to the model's proposal wins.
 */
import { CALORIE_FLOOR_KCAL, DEFAULT_MEAL_SHARES, type SexT, type TargetsSummaryT } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import type { PortionItem, PortionProblem } from '@nexfitra/planner';

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
  const band = kcalBand(targets.kcal, sex);
  const centre = (band.lo + band.hi) / 2;
  const floor = CALORIE_FLOOR_KCAL[sex];
  const shares = mealShares(meals.length);
  const items: PortionItem[] = [];
  meals.forEach((meal, m) => {
    meal.items.forEach(({ food, grams, optional }, i) => {
      const { minG, maxG, stepG } = food.portion;
      const serving = food.servings[0]?.grams;
      const typical =
        grams > 0 ? Math.min(maxG, Math.max(minG, grams)) : serving !== undefined ? serving : undefined;
      items.push({
        id: itemKey(m, i),
        per100g: {
          kcal: food.per100g.kcal,
          proteinG: food.per100g.protein,
          fatG: food.per100g.fat,
          carbsG: food.per100g.carbs,
          fiberG: food.per100g.fiber,
        },
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
    targets: {
      kcal: centre,
      proteinG: targets.proteinG,
      fatG: targets.fatG,
      carbsG: targets.carbsG,
      ...(targets.fiberG !== undefined ? { fiberMinG: targets.fiberG } : {}),
      ...(floor <= band.lo ? { kcalMin: floor } : {}),
    },
    tolerances: {
      kcalPercent: (100 * (band.hi - band.lo)) / 2 / centre,
      proteinG: DAY_BANDS.macroG,
      fatG: DAY_BANDS.macroG,
      carbsG: DAY_BANDS.macroG,
    },
    meals: meals.map((meal, m) => ({
      id: String(m),
      itemIds: meal.items.map((_, i) => itemKey(m, i)),
      kcalShare: shares[m] ?? 1 / meals.length,
      kcalShareTolerance: shareTolerance,
    })),
    timeLimitMs,
  };
}
