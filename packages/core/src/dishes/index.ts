/**
 * @packageDocumentation
 * `@nexfitra/core/dishes`: the dish catalogue — real dishes and meal patterns (breakfasts,
 * lunches, dinners, snacks and sides) built from the curated foods of `@nexfitra/core/foods`,
 * each component with its role and per-serving gram range. Diet and allergen tags are derived
 * from the foods. A separate entry point so the main bundle does not carry the data. Source,
 * method and counts: datasets/dishes/CARD.md.
 */
import { NexFitraError } from '../errors';
import type { DishT } from '../schemas/dish';
import { ALL_DISHES } from './_rows';

/** Every dish, frozen and schema-checked, in catalogue order. */
export const DISHES: readonly DishT[] = ALL_DISHES;

const BY_ID: ReadonlyMap<string, DishT> = new Map(DISHES.map((d) => [d.id, d]));

/**
 * The dish with this id.
 * @throws {NexFitraError} `INVALID_TYPE` for a non-string, `INVALID_ENUM` for an unknown id
 * @example getDish('oatmeal-banana-peanut-butter').name // 'Oatmeal with banana and peanut butter'
 */
export function getDish(id: string): DishT {
  if (typeof id !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'getDish',
      path: ['id'],
      value: id,
      allowed: 'a dish id string',
    });
  }
  const d = BY_ID.get(id);
  if (d) return d;
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn: 'getDish',
    path: ['id'],
    value: id,
    allowed: `one of the ${DISHES.length} dish ids (DISHES.map((d) => d.id))`,
  });
}

/** Whether `id` is a catalogue dish. */
export function hasDish(id: unknown): boolean {
  return typeof id === 'string' && BY_ID.has(id);
}

export type { CuisineT, DishComponentT, DishIdT, DishRoleT, DishT } from '../schemas/dish';
export { CUISINES, Cuisine, DISH_ROLES, Dish, DishComponent, DishId, DishRole } from '../schemas/dish';
export type { DishFilter } from './filter';
export { dishesFor } from './filter';
export type { DishGrams } from './nutrients';
export { componentMeasure, defaultGrams, defaultServing, dishNutrients } from './nutrients';
export type { DishTags, FoodSource } from './tags';
export { dishTags, KETO_DISH_MAX_NET_CARBS_G } from './tags';
