import { checkEnum, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { FoodT } from '../schemas/food';
import type { PreferencesT } from '../schemas/preferences';
import { ALLERGENS, type AllergenT, DIET_TYPES } from '../schemas/vocab';

/** The parts of `Preferences` the food rules read. */
export interface FoodPrefs {
  readonly diet: PreferencesT['diet'];
  readonly allergens: readonly AllergenT[];
  readonly dislikedFoodIds: readonly string[];
}

/** @internal Throws INVALID_TYPE unless `value` is an array (elements are checked by the caller). */
function checkArray(fn: string, path: readonly (string | number)[], value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value, allowed: 'an array' });
}

/** @internal Light shape checks (this runs once per food in planner and validator loops). */
function checkInputs(fn: string, food: unknown, prefs: unknown): void {
  const f = checkObject(fn, 'food', food);
  const tags = checkObject(fn, 'food.tags', f['tags']);
  checkArray(fn, ['food', 'tags', 'allergens'], tags['allergens']);
  checkArray(fn, ['food', 'tags', 'diets'], tags['diets']);
  const p = checkObject(fn, 'prefs', prefs);
  checkEnum(fn, ['prefs', 'diet'], p['diet'], DIET_TYPES);
  checkArray(fn, ['prefs', 'dislikedFoodIds'], p['dislikedFoodIds']);
}

/**
 * The allergen tags a person must avoid. The vocabulary says `wheat` implies `gluten`, so a
 * person avoiding gluten also avoids foods tagged `wheat` (not the reverse: a wheat allergy does
 * not rule out barley or rye).
 * @example avoidedAllergens(['gluten']).has('wheat') // true
 */
export function avoidedAllergens(allergens: readonly AllergenT[]): ReadonlySet<AllergenT> {
  const list = checkArray('avoidedAllergens', ['allergens'], allergens);
  for (const [i, a] of list.entries()) checkEnum('avoidedAllergens', ['allergens', i], a, ALLERGENS);
  const set = new Set<AllergenT>(allergens);
  if (set.has('gluten')) set.add('wheat');
  return set;
}

/** Which of a person's hard food rules a food breaks (all empty/false: the food is allowed). */
export interface FoodConflicts {
  readonly allergens: readonly AllergenT[];
  readonly diet: boolean;
  readonly disliked: boolean;
}

/**
 * The hard food rules every NexFitra component applies the same way (validators, planners,
 * grammar): allergens (with {@link avoidedAllergens}), diet (an `omnivore` diet accepts every
 * food; others need the food's `diets` tag) and dislikes.
 */
export function foodConflicts(food: FoodT, prefs: FoodPrefs): FoodConflicts {
  checkInputs('foodConflicts', food, prefs);
  return conflicts(food, prefs);
}

function conflicts(food: FoodT, prefs: FoodPrefs): FoodConflicts {
  const avoid = avoidedAllergens(prefs.allergens);
  return {
    allergens: food.tags.allergens.filter((a) => avoid.has(a)),
    diet: prefs.diet !== 'omnivore' && !food.tags.diets.includes(prefs.diet),
    disliked: prefs.dislikedFoodIds.includes(food.id),
  };
}

/**
 * Whether a food breaks none of a person's hard food rules (see {@link foodConflicts}).
 * @example isFoodAllowed(tofu, { diet: 'vegan', allergens: ['soy'], dislikedFoodIds: [] }) // false
 */
export function isFoodAllowed(food: FoodT, prefs: FoodPrefs): boolean {
  checkInputs('isFoodAllowed', food, prefs);
  const c = conflicts(food, prefs);
  return c.allergens.length === 0 && !c.diet && !c.disliked;
}
