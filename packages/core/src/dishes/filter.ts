import { checkEnum, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { getFood } from '../foods/index';
import { foodConflicts } from '../nutrition/foodRules';
import type { DishT } from '../schemas/dish';
import {
  ALLERGENS,
  type AllergenT,
  DIET_TYPES,
  type DietTypeT,
  MEAL_TYPES,
  type MealTypeT,
} from '../schemas/vocab';
import { ALL_DISHES } from './_rows';
import { dishTags } from './tags';

/** What {@link dishesFor} filters on: the person's hard food rules, and optionally meal type and kind. */
export interface DishFilter {
  readonly diet: DietTypeT;
  readonly allergens?: readonly AllergenT[];
  readonly dislikedFoodIds?: readonly string[];
  readonly mealType?: MealTypeT;
  /** true: sides only; false: main dishes only; absent: both. */
  readonly side?: boolean;
}

/**
 * The dishes a person may be served, in catalogue order. A dish qualifies when none of its
 * required foods breaks the person's hard food rules (core's `foodConflicts`: allergens with
 * wheat ⇒ gluten, diet, dislikes) and the trimmed dish carries the diet ({@link dishTags}: keto
 * needs the net-carb cap too). Optional components that break a rule are removed from the
 * returned copy (same id; e.g. chili without its cheese for a vegan), so every returned dish is
 * safe to serve as it stands.
 * @throws {NexFitraError} naming the field for an unknown diet, allergen or meal type
 * @example dishesFor({ diet: 'vegan', allergens: ['soy'], mealType: 'breakfast' })
 */
export function dishesFor(filter: DishFilter): DishT[] {
  const fn = 'dishesFor';
  const f = checkObject(fn, 'filter', filter);
  checkEnum(fn, ['filter', 'diet'], f['diet'], DIET_TYPES);
  if (f['mealType'] !== undefined) checkEnum(fn, ['filter', 'mealType'], f['mealType'], MEAL_TYPES);
  if (f['side'] !== undefined && typeof f['side'] !== 'boolean') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['filter', 'side'],
      value: f['side'],
      allowed: 'a boolean',
    });
  }
  checkList(
    fn,
    'allergens',
    f['allergens'],
    (a) => (ALLERGENS as readonly unknown[]).includes(a),
    'allergen names',
  );
  checkList(fn, 'dislikedFoodIds', f['dislikedFoodIds'], (x) => typeof x === 'string', 'food id strings');
  const prefs = {
    diet: filter.diet,
    allergens: filter.allergens ?? [],
    dislikedFoodIds: filter.dislikedFoodIds ?? [],
  };
  // Each food is judged once per call (a food recurs in many dishes).
  const allowed = new Map<string, boolean>();
  const isAllowed = (id: string): boolean => {
    let v = allowed.get(id);
    if (v === undefined) {
      const k = foodConflicts(getFood(id), prefs);
      v = k.allergens.length === 0 && !k.diet && !k.disliked;
      allowed.set(id, v);
    }
    return v;
  };
  const out: DishT[] = [];
  for (const dish of ALL_DISHES) {
    if (filter.mealType !== undefined && !dish.mealTypes.includes(filter.mealType)) continue;
    if (filter.side !== undefined && dish.side !== filter.side) continue;
    const ok = dish.components.filter((c) => isAllowed(c.foodId));
    if (dish.components.some((c) => !c.optional && !ok.includes(c))) continue;
    const served: DishT =
      ok.length === dish.components.length
        ? dish
        : (Object.freeze({ ...dish, components: Object.freeze(ok) }) as DishT);
    if (!dishTags(served).diets.includes(filter.diet)) continue;
    out.push(served);
  }
  return out;
}

function checkList(fn: string, field: string, v: unknown, ok: (x: unknown) => boolean, what: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['filter', field],
      value: v,
      allowed: `an array of ${what}`,
    });
  }
  const i = v.findIndex((x) => !ok(x));
  if (i >= 0) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn,
      path: ['filter', field, i],
      value: v[i],
      allowed: `an array of ${what}`,
    });
  }
}
