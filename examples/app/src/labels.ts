/**
 * Names and a reference measure for the foods of a plan: the catalogue name and the food's first
 * USDA serving with its grams ("1 cup, chopped = 140 g"), for a glossary. The page's item
 * amounts come from the plan view instead (`routes/_planView.ts`: core's household serving, the
 * one the shopping list counts in, so chicken is weighed, not a cup of it chopped).
 */
import { getFood, hasFood } from '@nexfitra/core/foods';

export interface FoodLabel {
  readonly name: string;
  /** The first USDA serving and its grams, e.g. "1 cup, chopped = 140 g". */
  readonly measure?: string;
}

export function foodLabels(plan: {
  mealPlan: { days: { meals: { items: { foodId: string; grams: number }[] }[] }[] };
}): Record<string, FoodLabel> {
  const out: Record<string, FoodLabel> = {};
  for (const d of plan.mealPlan.days)
    for (const m of d.meals)
      for (const i of m.items) {
        if (out[i.foodId] || !hasFood(i.foodId)) continue;
        const f = getFood(i.foodId);
        out[i.foodId] = {
          name: f.name,
          measure: `${f.servings[0]!.label} = ${Math.round(f.servings[0]!.grams)} g`,
        };
      }
  return out;
}
