/**
 * @internal The dishes a request may be served, per meal type, with what the dish search needs
 * precomputed: nutrients at default grams, the six scored DRI nutrients per 1,000 kcal, sodium
 * per 1,000 kcal, and the foods used (for the shopping-list-size objective).
 */
import { DRI_NUTRIENT_KEYS, type DriNutrientKey, type MealTypeT, type PreferencesT } from '@nexfitra/core';
import { type DishT, dishesFor } from '@nexfitra/core/dishes';
import type { FoodT } from '@nexfitra/core/foods';
import { isProteinPortion } from '@nexfitra/core/internal';

export interface DishInfo {
  readonly dish: DishT;
  /** Every component's food is in the planner's foods (a custom foods list may lack some). */
  readonly foods: readonly FoodT[];
  /** kcal, protein, fat, carbs at default grams (the middle of each range). */
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  /** Scored nutrients per 1,000 kcal of the dish (unreported = 0). */
  readonly density: Readonly<Record<DriNutrientKey, number>>;
  /** Sodium per 1,000 kcal, mg. */
  readonly sodiumPer1000: number;
  /** Non-seasoning food ids (what a shopping list counts). */
  readonly staples: readonly string[];
  /** All food ids. */
  readonly foodIds: readonly string[];
  /** Has a starch component. */
  readonly hasStarch: boolean;
  /** Has a protein food at default grams (core `isProteinPortion`): a breakfast should. */
  readonly proteinFood: boolean;
}

export interface DishPools {
  readonly mains: ReadonlyMap<MealTypeT, readonly DishInfo[]>;
  readonly sides: ReadonlyMap<MealTypeT, readonly DishInfo[]>;
}

const MEAL_TYPES: readonly MealTypeT[] = ['breakfast', 'lunch', 'dinner', 'snack'];

function infoOf(dish: DishT, byId: ReadonlyMap<string, FoodT>): DishInfo | undefined {
  const foods: FoodT[] = [];
  for (const c of dish.components) {
    const f = byId.get(c.foodId);
    if (!f) return undefined;
    foods.push(f);
  }
  let kcal = 0;
  let proteinG = 0;
  let fatG = 0;
  let carbsG = 0;
  let sodium = 0;
  const amount: Record<string, number> = Object.fromEntries(DRI_NUTRIENT_KEYS.map((k) => [k, 0]));
  dish.components.forEach((c, i) => {
    const n = foods[i]!.per100g;
    const g = (c.minG + c.maxG) / 2 / 100;
    kcal += n.kcal * g;
    proteinG += n.protein * g;
    fatG += n.fat * g;
    carbsG += n.carbs * g;
    sodium += (n.micronutrients?.sodium_mg ?? 0) * g;
    for (const k of DRI_NUTRIENT_KEYS)
      amount[k] = (amount[k] as number) + (k === 'fiber_g' ? n.fiber : (n.micronutrients?.[k] ?? 0)) * g;
  });
  const per = kcal > 0 ? 1000 / kcal : 0;
  return {
    dish,
    foods,
    kcal,
    proteinG,
    fatG,
    carbsG,
    density: Object.fromEntries(DRI_NUTRIENT_KEYS.map((k) => [k, (amount[k] as number) * per])) as Record<
      DriNutrientKey,
      number
    >,
    sodiumPer1000: sodium * per,
    staples: dish.components.filter((c) => c.role !== 'seasoning').map((c) => c.foodId),
    foodIds: dish.components.map((c) => c.foodId),
    hasStarch: dish.components.some((c) => c.role === 'starch'),
    proteinFood: dish.components.some((c, i) => isProteinPortion(foods[i]!, (c.minG + c.maxG) / 2)),
  };
}

/**
 * Pools already built, per foods list (by identity) and hard food rules: most requests share
 * the catalogue and a handful of diets. Pools are read-only; at most MAX_CACHED rule sets per
 * foods list are kept (a pool of a new rule set costs about 1 ms: core's `dishesFor` once and
 * the cached dish infos below; computing every info anew cost about 4 ms).
 */
const cache = new WeakMap<readonly FoodT[], Map<string, DishPools>>();
const MAX_CACHED = 64;

/** Main dishes and sides per meal type that keep the person's hard food rules (core `dishesFor`). */
export function buildDishPools(foods: readonly FoodT[], prefs: PreferencesT): DishPools {
  const key = JSON.stringify([
    prefs.diet,
    [...(prefs.allergens ?? [])].sort(),
    [...(prefs.dislikedFoodIds ?? [])].sort(),
  ]);
  let byRules = cache.get(foods);
  if (!byRules) {
    byRules = new Map();
    cache.set(foods, byRules);
  }
  let pools = byRules.get(key);
  if (!pools) {
    if (byRules.size >= MAX_CACHED) byRules.clear();
    pools = buildUncached(foods, prefs);
    byRules.set(key, pools);
  }
  return pools;
}

/**
 * Dish infos already computed, per foods list (by identity) and dish (by identity: core's
 * catalogue objects; a dish served without some optional component is a new object each time
 * and is computed anew). An info depends only on the dish and the foods, so rule sets that
 * share a dish share its info; null marks a dish whose foods the list lacks.
 */
const infoCache = new WeakMap<
  readonly FoodT[],
  { byId: ReadonlyMap<string, FoodT>; infos: WeakMap<DishT, DishInfo | null> }
>();

function buildUncached(foods: readonly FoodT[], prefs: PreferencesT): DishPools {
  let known = infoCache.get(foods);
  if (!known) {
    known = { byId: new Map(foods.map((f) => [f.id, f])), infos: new WeakMap() };
    infoCache.set(foods, known);
  }
  const { byId, infos: cached } = known;
  const infoOfCached = (d: DishT): DishInfo | undefined => {
    let info = cached.get(d);
    if (info === undefined) {
      info = infoOf(d, byId) ?? null;
      cached.set(d, info);
    }
    return info ?? undefined;
  };
  // One pass over the catalogue for every meal type (the same dishes, in the same order, as a
  // call per meal type).
  const allowed = dishesFor({
    diet: prefs.diet,
    allergens: prefs.allergens,
    dislikedFoodIds: prefs.dislikedFoodIds,
  });
  const mains = new Map<MealTypeT, DishInfo[]>();
  const sides = new Map<MealTypeT, DishInfo[]>();
  for (const mealType of MEAL_TYPES) {
    const infos = allowed
      .filter((d) => d.mealTypes.includes(mealType))
      .map(infoOfCached)
      .filter((x): x is DishInfo => x !== undefined && x.kcal > 0);
    mains.set(
      mealType,
      infos.filter((x) => !x.dish.side),
    );
    sides.set(
      mealType,
      infos.filter((x) => x.dish.side),
    );
  }
  return { mains, sides };
}
