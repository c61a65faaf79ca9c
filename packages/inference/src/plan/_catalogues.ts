/** @internal Catalogue lookups shared by generation, repair and regeneration (built once). */
import { byIdLookup, isFoodAllowed, type PlanContext, type PlanRequestT } from '@nexfitra/core';
import { DISHES } from '@nexfitra/core/dishes';
import { EXERCISES, type ExerciseT } from '@nexfitra/core/exercises';
import { FOODS, type FoodT } from '@nexfitra/core/foods';

let foods: ReadonlyMap<string, FoodT> | undefined;
let exercises: ReadonlyMap<string, ExerciseT> | undefined;

export function foodsById(): ReadonlyMap<string, FoodT> {
  foods ??= new Map(FOODS.map((f) => [f.id, f]));
  return foods;
}

export function exercisesById(): ReadonlyMap<string, ExerciseT> {
  exercises ??= new Map(EXERCISES.map((e) => [e.id, e]));
  return exercises;
}

/** Foods the request's diet, allergens and dislikes allow (core `isFoodAllowed`). */
export function allowedFoods(request: PlanRequestT): FoodT[] {
  return FOODS.filter((f) => isFoodAllowed(f, request.preferences));
}

let context: PlanContext | undefined;

/** The lookups core's `validatePlan` takes (built once), the dishes' too (their seasonings' small portions). */
export function validationContext() {
  context ??= { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES), dishes: byIdLookup(DISHES) };
  return context;
}
