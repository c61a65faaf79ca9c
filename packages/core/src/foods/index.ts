/**
 * @packageDocumentation
 * `@nexfitra/core/foods`: the curated common-foods catalogue (a few hundred USDA SR24 foods with
 * diet, allergen, meal and portion tags) and lookups over it. A separate entry point so the main
 * `@nexfitra/core` bundle does not carry the catalogue. Data, rules and counts:
 * datasets/foods/CARD.md.
 */
import { checkNumber } from '../_check';
import { NexFitraError } from '../errors';
import { mealNutrients, portionNutrients } from '../nutrition/portion';
import type { FoodGroupT, FoodT, NutrientsT } from '../schemas/food';
import type { AllergenT, DietTypeT, MealTypeT } from '../schemas/vocab';
import { ALLERGENS, DIET_TYPES, MEAL_TYPES } from '../schemas/vocab';
import {
  ALLERGENS_AT_BUILD,
  type CatalogueRow,
  DIETS_AT_BUILD,
  FOOD_GROUPS_AT_BUILD,
  MEALS_AT_BUILD,
  MICRO_KEYS,
  ROWS,
} from './catalogue.generated';

const unmask = <T extends string>(m: number, vocab: readonly T[]): T[] =>
  vocab.filter((_, i) => m & (1 << i));

function toFood(r: CatalogueRow): FoodT {
  const [id, name, group, n, micro, servings, diets, allergens, meals, [minG, maxG, stepG]] = r;
  const per100g: NutrientsT = { kcal: n[0], protein: n[1], fat: n[2], carbs: n[3], fiber: n[4] };
  if (n[5] !== null) per100g.sugars = n[5];
  if (n[6] !== null) per100g.alcohol = n[6];
  const m: Record<string, number> = {};
  MICRO_KEYS.forEach((k, i) => {
    const v = micro[i];
    if (v !== null && v !== undefined) m[k] = v;
  });
  per100g.micronutrients = m;
  const sv: { label: string; grams: number }[] = [];
  for (let i = 0; i < servings.length; i += 2)
    sv.push({ label: servings[i] as string, grams: servings[i + 1] as number });
  return deepFreeze({
    id,
    name,
    foodGroup: FOOD_GROUPS_AT_BUILD[group] as FoodGroupT,
    per100g,
    servings: sv,
    tags: {
      diets: unmask(diets, DIETS_AT_BUILD),
      allergens: unmask(allergens, ALLERGENS_AT_BUILD),
      mealTypes: unmask(meals, MEALS_AT_BUILD),
    },
    portion: { minG, maxG, stepG },
  });
}

/** `x` with every object in it frozen, as the exercise catalogue's records are. */
function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) for (const v of Object.values(x)) deepFreeze(v);
  return Object.freeze(x);
}

/**
 * Every catalogue food, in the order of datasets/foods/curated-ids.txt; each record is deeply
 * frozen (it cannot change, so core's validators check it against the `Food` schema once per
 * process, not on every call).
 */
export const FOODS: readonly FoodT[] = Object.freeze(ROWS.map(toFood));

const BY_ID: ReadonlyMap<string, FoodT> = new Map(FOODS.map((f) => [f.id, f]));

/**
 * The catalogue food with this USDA SR24 id (5-digit NDB number, e.g. "09003" apple).
 * @throws {NexFitraError} `INVALID_TYPE` for a non-string, `INVALID_ENUM` for an id not in the catalogue
 * @example getFood('09003').name // 'Apple'
 */
export function getFood(id: string): FoodT {
  return lookup(id, 'getFood', ['id']);
}

function lookup(id: unknown, fn: string, path: readonly (string | number)[]): FoodT {
  if (typeof id !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path,
      value: id,
      allowed: 'a 5-digit USDA SR24 id string',
    });
  }
  const f = BY_ID.get(id);
  if (!f) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn,
      path,
      value: id,
      allowed: `one of the ${FOODS.length} catalogue ids (FOODS.map((f) => f.id))`,
    });
  }
  return f;
}

/** Whether `id` is a catalogue food. */
export function hasFood(id: unknown): boolean {
  return typeof id === 'string' && BY_ID.has(id);
}

export interface FoodFilter {
  /** Keep foods compatible with this diet. */
  readonly diet?: DietTypeT;
  /** Drop foods tagged with any of these allergens. */
  readonly excludeAllergens?: readonly AllergenT[];
  /** Keep foods suitable for this meal. */
  readonly mealType?: MealTypeT;
  /** Keep foods of this food group. */
  readonly foodGroup?: FoodGroupT;
}

function checkList<T extends string>(fn: string, field: string, v: unknown, vocab: readonly T[]): void {
  const bad = (x: unknown) => typeof x !== 'string' || !(vocab as readonly string[]).includes(x);
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some(bad)) {
    const value = Array.isArray(v) ? v.find(bad) : v;
    throw new NexFitraError({
      code: Array.isArray(v) ? 'INVALID_ENUM' : 'INVALID_TYPE',
      fn,
      path: Array.isArray(v) ? [field, v.findIndex(bad)] : [field],
      value,
      allowed: `an array of ${vocab.map((a) => JSON.stringify(a)).join(', ')}`,
    });
  }
}

function checkOne<T extends string>(fn: string, field: string, v: unknown, vocab: readonly T[]): void {
  if (v === undefined || (typeof v === 'string' && (vocab as readonly string[]).includes(v))) return;
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn,
    path: [field],
    value: v,
    allowed: `one of ${vocab.map((a) => JSON.stringify(a)).join(', ')}`,
  });
}

/**
 * Catalogue foods matching every given criterion (an empty filter returns all foods).
 * @throws {NexFitraError} `INVALID_ENUM` naming the field for an unknown diet, allergen, meal type or group
 * @example filterFoods({ diet: 'vegan', excludeAllergens: ['soy'], mealType: 'breakfast' })
 */
export function filterFoods(filter: FoodFilter = {}): FoodT[] {
  const fn = 'filterFoods';
  if (typeof filter !== 'object' || filter === null) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['filter'],
      value: filter,
      allowed: 'an object',
    });
  }
  checkOne(fn, 'diet', filter.diet, DIET_TYPES);
  checkOne(fn, 'mealType', filter.mealType, MEAL_TYPES);
  checkOne(fn, 'foodGroup', filter.foodGroup, FOOD_GROUPS_AT_BUILD);
  checkList(fn, 'excludeAllergens', filter.excludeAllergens, ALLERGENS);
  const ex = filter.excludeAllergens ?? [];
  return FOODS.filter(
    (f) =>
      (filter.diet === undefined || f.tags.diets.includes(filter.diet)) &&
      (filter.mealType === undefined || f.tags.mealTypes.includes(filter.mealType)) &&
      (filter.foodGroup === undefined || f.foodGroup === filter.foodGroup) &&
      !f.tags.allergens.some((a) => ex.includes(a)),
  );
}

/** Foods compatible with `diet`. */
export function foodsForDiet(diet: DietTypeT): FoodT[] {
  return filterFoods({ diet });
}

/** Foods free of every allergen in `allergens`. */
export function foodsWithoutAllergens(allergens: readonly AllergenT[]): FoodT[] {
  return filterFoods({ excludeAllergens: allergens });
}

/** Foods suitable for `mealType`. */
export function foodsForMeal(mealType: MealTypeT): FoodT[] {
  return filterFoods({ mealType });
}

/**
 * Nutrients of `grams` of catalogue food `id`.
 * @throws {NexFitraError} for an unknown id or negative grams
 * @example foodPortion('09003', 182).kcal // 52 kcal/100 g × 1.82 = 94.64
 */
export function foodPortion(id: string, grams: number): NutrientsT {
  const food = lookup(id, 'foodPortion', ['id']);
  checkNumber('foodPortion', 'grams', grams, { min: 0, unit: 'g' });
  return portionNutrients(food.per100g, grams);
}

/**
 * Nutrients of a meal of catalogue foods, e.g. `[{ id: '01123', grams: 100 }, …]`.
 * @throws {NexFitraError} naming the item index for an unknown id or negative grams
 */
export function mealFromFoods(items: readonly { readonly id: string; readonly grams: number }[]): NutrientsT {
  const fn = 'mealFromFoods';
  if (!Array.isArray(items)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['items'], value: items, allowed: 'an array' });
  }
  return mealNutrients(
    items.map((it, i) => ({
      per100g: lookup(it?.id, fn, ['items', i, 'id']).per100g,
      grams: checkNumber(fn, ['items', i, 'grams'], it?.grams, { min: 0, unit: 'g' }),
    })),
  );
}

export type { FoodGroupT, FoodT, NutrientsT, PortionBoundsT, ServingT } from '../schemas/food';
export { FOOD_GROUPS, Food, FoodGroup, Nutrients, PortionBounds, Serving } from '../schemas/food';
