/**
 * @internal The catalogues the language spells, in one place: every exercise id and every food
 * id is one token, in catalogue order.
 */
import { EXERCISES } from '../exercises/index';
import { FOODS } from '../foods/index';
import { EXERCISE_PREFIX, FOOD_PREFIX } from './_tokens';

export const exerciseToken = (id: string): string => EXERCISE_PREFIX + id;
export const foodToken = (id: string): string => FOOD_PREFIX + id;

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

export { EXERCISES, FOODS };
