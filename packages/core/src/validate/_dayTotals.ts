import { mealNutrients } from '../nutrition/portion';
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
 * @internal A day's totals: `mealNutrients` over every item of the day, without its per-item
 * zod parse and intermediate objects. Its inputs are already checked: foods come through the
 * validators' checked lookup (`requireLookup`, so `per100g` passed the `Nutrients` schema) and
 * grams through the `MealPlan` schema (finite, > 0). The arithmetic is `mealNutrients`' to the
 * bit: each amount × (grams / 100), summed from 0 in item order; an optional amount (sugars,
 * alcohol, a micronutrient of the first item) only when every item reports it. Where an amount
 * is not finite (a huge value × grams), `mealNutrients` itself runs and throws its
 * `OUT_OF_RANGE` error. `null` when an item's food is unknown (the totals would be incomplete).
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
  let kcal = 0;
  let protein = 0;
  let fat = 0;
  let carbs = 0;
  let fiber = 0;
  // Sugars and alcohol are not reported here, but `mealNutrients` throws when their total overflows.
  let sugars: number | undefined = 0;
  let alcohol: number | undefined = 0;
  let finite = true;
  for (const { per100g: n, grams } of items) {
    const f = grams / 100;
    kcal += n.kcal * f;
    protein += n.protein * f;
    fat += n.fat * f;
    carbs += n.carbs * f;
    fiber += n.fiber * f;
    sugars = n.sugars === undefined || sugars === undefined ? undefined : sugars + n.sugars * f;
    alcohol = n.alcohol === undefined || alcohol === undefined ? undefined : alcohol + n.alcohol * f;
    if (!portionFinite(n, f)) finite = false;
  }
  const micronutrients = finite ? sharedMicronutrients(items) : null;
  if (micronutrients === null || !allFinite(kcal, protein, fat, carbs, fiber, sugars ?? 0, alcohol ?? 0)) {
    // An overflow: `mealNutrients` itself, which throws the error callers have always seen.
    const n = mealNutrients(items);
    const t = { kcal: n.kcal, proteinG: n.protein, fatG: n.fat, carbsG: n.carbs, fiberG: n.fiber };
    return n.micronutrients ? { ...t, micronutrients: n.micronutrients } : t;
  }
  const totals = { kcal, proteinG: protein, fatG: fat, carbsG: carbs, fiberG: fiber };
  return micronutrients ? { ...totals, micronutrients } : totals;
}

const allFinite = (...xs: number[]) => xs.every(Number.isFinite);

/** Whether every amount of `n` × `f` is finite (`mealNutrients` checks each portion). */
function portionFinite(n: FoodT['per100g'], f: number): boolean {
  if (!allFinite(n.kcal * f, n.protein * f, n.fat * f, n.carbs * f, n.fiber * f)) return false;
  if (n.sugars !== undefined && !Number.isFinite(n.sugars * f)) return false;
  if (n.alcohol !== undefined && !Number.isFinite(n.alcohol * f)) return false;
  const m = n.micronutrients;
  if (m) for (const k in m) if (Object.hasOwn(m, k) && !Number.isFinite(m[k]! * f)) return false;
  return true;
}

/**
 * The micronutrient totals `mealNutrients` reports: the first item's keys that every item
 * reports, each summed from 0 in item order; `undefined` when none; `null` when a total is
 * not finite.
 */
function sharedMicronutrients(
  items: readonly { per100g: FoodT['per100g']; grams: number }[],
): Record<string, number> | undefined | null {
  const first = items[0]?.per100g.micronutrients;
  if (!first) return undefined;
  const keys = Object.keys(first).filter((k) =>
    items.every((it) => it.per100g.micronutrients?.[k] !== undefined),
  );
  if (keys.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const k of keys) {
    let s = 0;
    for (const it of items) s += it.per100g.micronutrients![k]! * (it.grams / 100);
    if (!Number.isFinite(s)) return null;
    out[k] = s;
  }
  return out;
}
