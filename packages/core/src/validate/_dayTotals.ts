import { sumPortions } from '../nutrition/portion';
import type { FoodT } from '../schemas/food';
import type { MealPlanT } from '../schemas/meal';

/** What one day of the plan supplies. */
export interface PlanDayTotals {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  /** Total carbohydrate by difference, fiber included (the USDA convention of the food data). */
  readonly carbsG: number;
  readonly fiberG: number;
  /** Micronutrients every item of the day reports, by the food data's keys (e.g. `iron_mg`). */
  readonly micronutrients?: Readonly<Record<string, number>>;
}

/**
 * @internal A day's totals: `mealNutrients`' sum over every item of the day, without its
 * per-item schema parse (`sumPortions`). Its inputs are already checked: foods come through the
 * validators' checked lookup (`requireLookup`, so `per100g` passed the `Nutrients` schema) and
 * grams through the `MealPlan` schema (finite, > 0). An amount that overflows throws
 * `mealNutrients`' `OUT_OF_RANGE` error. `null` when an item's food is unknown (the totals would
 * be incomplete).
 */
export function dayTotals(
  day: MealPlanT['days'][number],
  lookup: (id: string) => FoodT | undefined,
): PlanDayTotals | null {
  const items: { per100g: FoodT['per100g']; grams: number }[] = [];
  for (const meal of day.meals) {
    for (const item of meal.items) {
      const food = lookup(item.foodId);
      if (food === undefined) return null;
      items.push({ per100g: food.per100g, grams: item.grams });
    }
  }
  const n = sumPortions(items);
  const totals = { kcal: n.kcal, proteinG: n.protein, fatG: n.fat, carbsG: n.carbs, fiberG: n.fiber };
  return n.micronutrients ? { ...totals, micronutrients: n.micronutrients } : totals;
}
