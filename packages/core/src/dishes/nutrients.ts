import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { getFood } from '../foods/index';
import { mealNutrients } from '../nutrition/portion';
import type { DishComponentT, DishT } from '../schemas/dish';
import type { NutrientsT, ServingT } from '../schemas/food';
import { checkComponent, checkDish } from './_shape';

/** Grams per food id for one serving of a dish; a component missing from the map is at its default. */
export type DishGrams = Readonly<Record<string, number>>;

/** The default grams of a component: the middle of its range, to the gram (to 0.1 g under 10 g). */
export function defaultGrams(c: DishComponentT): number {
  checkNumber('defaultGrams', ['c', 'minG'], c?.minG, { min: 0, unit: 'g' });
  checkNumber('defaultGrams', ['c', 'maxG'], c?.maxG, { min: 0, unit: 'g' });
  return midpoint(c);
}

function midpoint(c: DishComponentT): number {
  const mid = (c.minG + c.maxG) / 2;
  return mid < 10 ? Math.round(mid * 10) / 10 : Math.round(mid);
}

/** Grams of every component of a dish's default serving (optional components included), by food id. */
export function defaultServing(dish: DishT): Record<string, number> {
  checkDish('defaultServing', dish);
  return Object.fromEntries(dish.components.map((c) => [c.foodId, midpoint(c)]));
}

/**
 * The household measure printed for a component: the food's serving named by `measure`, else
 * the food's first serving. E.g. bread at 56 g with `measure: "1 slice"` (28 g) prints "2 slices".
 */
export function componentMeasure(c: DishComponentT): ServingT {
  checkComponent('componentMeasure', ['c'], c);
  const food = getFood(c.foodId);
  return food.servings.find((s) => s.label === c.measure) ?? food.servings[0]!;
}

/**
 * Nutrients of one serving of `dish`: each component at `grams[foodId]` (0 drops it), or at its
 * default ({@link defaultGrams}) when the map leaves it out. Amounts outside a component's range
 * are accepted (planners report realism separately); negative grams are not.
 * @throws {NexFitraError} `INVALID_ENUM` naming `grams.<id>` for a food not in the dish,
 * `OUT_OF_RANGE` for negative or non-finite grams
 */
export function dishNutrients(dish: DishT, grams: DishGrams = {}): NutrientsT {
  const fn = 'dishNutrients';
  checkDish(fn, dish);
  const g = checkObject(fn, 'grams', grams);
  const ids = new Set(dish.components.map((c) => c.foodId));
  for (const [id, v] of Object.entries(g)) {
    if (!ids.has(id)) {
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn,
        path: ['grams', id],
        value: id,
        allowed: `a food id of dish ${dish.id}: ${[...ids].join(', ')}`,
      });
    }
    checkNumber(fn, ['grams', id], v, { min: 0, unit: 'g' });
  }
  return mealNutrients(
    dish.components.map((c) => ({
      per100g: getFood(c.foodId).per100g,
      grams: (g[c.foodId] as number) ?? defaultGrams(c),
    })),
  );
}
