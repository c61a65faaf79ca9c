import { z } from 'zod';
import { FoodId } from './ids';
import { SchemaVersion } from './version';
import { MealType } from './vocab';

/** The most days one plan document covers (a month); PlanRequest.days has the same bound. */
export const MAX_PLAN_DAYS = 31;

/** A dish id of the dish catalogue (`@nexfitra/core/dishes`): lowercase letters, digits, `-` and `_`. */
export const DishRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'a dish id: lowercase letters, digits, "-" or "_" (1–80)');

/**
 * One food in a meal, as an edible-portion weight in grams (0 < g ≤ 3000). `dishId`, when
 * present, names the dish of the catalogue the item belongs to (its items follow one another in
 * the meal); absent for a food served on its own.
 */
export const MealItem = z
  .strictObject({
    foodId: FoodId,
    grams: z.number().positive().max(3000),
    dishId: DishRef.optional(),
  })
  .meta({ id: 'MealItem', description: 'One food and its weight in grams, and the dish it belongs to.' });

export const Meal = z
  .strictObject({
    type: MealType,
    items: z.array(MealItem).min(1).max(30),
  })
  .meta({ id: 'Meal', description: 'One meal: its type and the foods in it.' });

/** One day of a meal plan. */
export const MealDay = z
  .strictObject({ meals: z.array(Meal).min(1).max(8) })
  .meta({ id: 'MealDay', description: 'The meals of one day.' });

/**
 * Meals day by day. Kept structural: that each day has `mealsPerDay` meals, fits the diet and
 * the allergens, and meets the targets is checked by the validators against the request.
 */
export const MealPlan = z
  .strictObject({
    schemaVersion: SchemaVersion,
    days: z.array(MealDay).min(1).max(MAX_PLAN_DAYS),
  })
  .meta({ id: 'MealPlan', description: 'Meals day by day.' });

export type MealItemT = z.infer<typeof MealItem>;
export type MealT = z.infer<typeof Meal>;
export type MealDayT = z.infer<typeof MealDay>;
export type MealPlanT = z.infer<typeof MealPlan>;
