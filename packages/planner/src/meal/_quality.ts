/** @internal What a portioned plan delivers on the dish search's objectives (the best search keeps the best). */
import { type DriReference, type MealT, SODIUM_CDRR_MG } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import { driNutrientAmount } from '@nexfitra/core/internal';
import type { PickContext } from './_dishPick';
import type { MealDayResult } from './types';

/** Mean daily amount of each scored nutrient over the days, as a share of its DRI. */
export function driCoverage(
  mealDays: readonly { readonly meals: readonly MealT[] }[],
  byId: ReadonlyMap<string, FoodT>,
  dri: readonly DriReference[],
): number[] {
  return dri.map((r) => {
    let sum = 0;
    for (const day of mealDays)
      for (const m of day.meals)
        for (const x of m.items) {
          const f = byId.get(x.foodId);
          if (f) sum += driNutrientAmount(f.per100g, r.key, x.grams);
        }
    return sum / Math.max(1, mealDays.length) / r.amount;
  });
}

/**
 * Lexicographic badness (lower is better): days off target, then minus the nutrients at
 * ≥ 90 % of the DRI, days over 2,300 mg sodium, minus the mean coverage (each capped at 1),
 * minus the share of meals in a preferred cuisine.
 */
export function planQuality(
  mealDays: readonly { readonly meals: readonly MealT[] }[],
  days: readonly MealDayResult[],
  foods: readonly FoodT[],
  ctx: PickContext,
): number[] {
  const byId = new Map(foods.map((f) => [f.id, f]));
  const cov = driCoverage(mealDays, byId, ctx.dri);
  const liked = new Set<string>();
  for (const xs of ctx.pools.mains.values())
    for (const x of xs) if (x.dish.cuisines.some((c) => ctx.cuisines.includes(c))) liked.add(x.dish.id);
  const preferred = days.reduce(
    (s, d) => s + (d.dishes ?? []).filter((ids) => ids.some((id) => liked.has(id))).length,
    0,
  );
  return [
    days.filter((d) => d.status !== 'feasible').length,
    -cov.filter((c) => c >= 0.9).length,
    days.filter((d) => d.totals.sodiumMg > SODIUM_CDRR_MG + 1e-6).length,
    -cov.reduce((s, c) => s + Math.min(1, c), 0) / Math.max(1, cov.length),
    -preferred,
  ];
}
