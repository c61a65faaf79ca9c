import { NexFitraError } from '../errors';
import { getFood } from '../foods/index';
import type { DishT } from '../schemas/dish';
import { Food, type FoodT } from '../schemas/food';
import { ALLERGENS, type AllergenT, DIET_TYPES, type DietTypeT } from '../schemas/vocab';
import { checkDish } from './_shape';
import { defaultServing } from './nutrients';

/**
 * Net carbohydrate cap of a keto dish, g per serving at default grams. A very-low-carbohydrate
 * ketogenic diet is 20–50 g carbohydrate a day (Feinman RD et al., "Dietary carbohydrate
 * restriction as the first approach in diabetes management", Nutrition 2015;31(1):1–13); four
 * eating occasions at 12 g stay under 50 g.
 */
export const KETO_DISH_MAX_NET_CARBS_G = 12;

/** Diets and allergens of a dish, derived from its foods. */
export interface DishTags {
  readonly diets: readonly DietTypeT[];
  readonly allergens: readonly AllergenT[];
}

/** Food lookup for {@link dishTags}: a function or a list of foods; default the catalogue. */
export type FoodSource = ((id: string) => FoodT) | readonly FoodT[];

function lookupOf(foods: unknown): (id: string) => FoodT {
  const fn = 'dishTags';
  if (typeof foods === 'function') {
    return (id) => {
      const f: unknown = foods(id);
      const r = Food.safeParse(f);
      if (r.success) return f as FoodT;
      throw new NexFitraError({
        code: 'SCHEMA',
        fn,
        path: ['foods', id],
        value: f,
        allowed: 'a Food record',
      });
    };
  }
  if (!Array.isArray(foods)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['foods'],
      value: foods,
      allowed: 'a function from food id to Food, or an array of Food records',
    });
  }
  const m = new Map<string, FoodT>();
  foods.forEach((f, i) => {
    const r = Food.safeParse(f);
    if (!r.success) {
      throw new NexFitraError({ code: 'SCHEMA', fn, path: ['foods', i], value: f, allowed: 'a Food record' });
    }
    m.set(r.data.id, f as FoodT);
  });
  return (id) => m.get(id) ?? getFood(id);
}

/**
 * A dish's diet and allergen tags, from every component's food tags (optional ones included: a
 * dish is tagged as written). A diet holds when every food carries it (omnivore always); keto
 * also needs net carbs (carbs − fiber) ≤ {@link KETO_DISH_MAX_NET_CARBS_G} g per serving at
 * default grams. Allergens are the union, in vocabulary order.
 * @throws {NexFitraError} `INVALID_ENUM` for a component food not in the catalogue
 * @example dishTags(getDish('cheese-omelette')) // { diets: ['omnivore', 'pescatarian', 'vegetarian'], allergens: [...] }
 */
export function dishTags(dish: DishT, foods?: FoodSource): DishTags {
  if (foods !== undefined) return computeTags(checkDish('dishTags', dish), lookupOf(foods));
  // Catalogue dishes are frozen: their tags against the catalogue foods never change.
  let t = typeof dish === 'object' && dish !== null ? CACHE.get(dish) : undefined;
  if (t === undefined) {
    t = computeTags(checkDish('dishTags', dish), getFood);
    if (Object.isFrozen(dish)) CACHE.set(dish, t);
  }
  return t;
}

const CACHE = new WeakMap<DishT, DishTags>();

function computeTags(dish: DishT, get: (id: string) => FoodT): DishTags {
  const fs = dish.components.map((c) => get(c.foodId));
  const diets = DIET_TYPES.filter((d) => d === 'omnivore' || fs.every((f) => f.tags.diets.includes(d)));
  const allergens = ALLERGENS.filter((a) => fs.some((f) => f.tags.allergens.includes(a)));
  if (!diets.includes('keto')) return Object.freeze({ diets, allergens });
  const g = defaultServing(dish);
  const net = dish.components.reduce(
    (s, c, i) => s + ((fs[i]!.per100g.carbs - fs[i]!.per100g.fiber) * g[c.foodId]!) / 100,
    0,
  );
  const keto = net <= KETO_DISH_MAX_NET_CARBS_G;
  return Object.freeze({ diets: keto ? diets : diets.filter((d) => d !== 'keto'), allergens });
}
