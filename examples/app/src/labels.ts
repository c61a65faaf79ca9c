/**
 * Names and household measures for the foods of a plan, so a page can print "Oats, 40 g
 * (≈ ½ cup)" rather than USDA numbers. The measure is the food's first serving
 * (core's default household measure), scaled to the planned grams and rounded to a quarter.
 */
import { getFood, hasFood } from '@nexfitra/core/foods';

export interface FoodLabel {
  readonly name: string;
  /** e.g. "≈ 1.5 × 1 cup, chopped (128 g)"; absent when under a quarter of a serving. */
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
