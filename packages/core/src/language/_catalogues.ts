/**
 * @internal The catalogues the language spells, in one place: every exercise id, every food id
 * and every dish id is one token, in catalogue order.
 */
import { DISHES } from '../dishes/index';
import { EXERCISES } from '../exercises/index';
import { FOODS } from '../foods/index';
import { DISH_PREFIX, EXERCISE_PREFIX, FOOD_PREFIX } from './_tokens';

export const exerciseToken = (id: string): string => EXERCISE_PREFIX + id;
export const foodToken = (id: string): string => FOOD_PREFIX + id;
export const dishToken = (id: string): string => DISH_PREFIX + id;

let exerciseIds: ReadonlySet<string> | undefined;
let foodIds: ReadonlySet<string> | undefined;

/** Ids of the exercise catalogue. */
export function catalogueExerciseIds(): ReadonlySet<string> {
  exerciseIds ??= new Set(EXERCISES.map((e) => e.id));
  return exerciseIds;
}

/** Ids of the food catalogue. */
export function catalogueFoodIds(): ReadonlySet<string> {
  foodIds ??= new Set(FOODS.map((f) => f.id));
  return foodIds;
}

let dishIds: ReadonlySet<string> | undefined;

/** Ids of the dish catalogue. */
export function catalogueDishIds(): ReadonlySet<string> {
  dishIds ??= new Set(DISHES.map((d) => d.id));
  return dishIds;
}

export { DISHES, EXERCISES, FOODS };
