import { z } from 'zod';
import { FoodId } from './ids';
import { MealType } from './vocab';

/**
 * Dish schemas: a dish is a list of catalogue foods, each with its role in the dish and the
 * realistic grams of it in ONE person's serving. Planners scale each component within
 * [minG, maxG]. Diet and allergen tags are not stored: they are derived from the components'
 * food tags (`dishTags` in `@nexfitra/core/dishes`).
 */

/**
 * What a component does in the dish. A dish has at most one `starch` (its staple); condiments
 * and aromatics are `sauce` or `seasoning`, never the staple.
 */
export const DISH_ROLES = [
  'protein',
  'starch',
  'vegetable',
  'fruit',
  'dairy',
  'fat',
  'nuts-seeds',
  'sauce',
  'seasoning',
  'sweetener',
  'beverage',
] as const;
export const DishRole = z.enum(DISH_ROLES);

/** Cuisine tags, lower-case slugs; the values a request's `cuisines` preference can match. */
export const CUISINES = [
  'american',
  'british',
  'caribbean',
  'chinese',
  'east-african',
  'eastern-european',
  'french',
  'indian',
  'italian',
  'japanese',
  'korean',
  'latin-american',
  'mediterranean',
  'mexican',
  'middle-eastern',
  'nordic',
  'southern-us',
  'spanish',
  'thai',
  'vietnamese',
  'west-african',
] as const;
export const Cuisine = z.enum(CUISINES);

const grams = z.number().finite().positive().max(1000);

/**
 * One food of a dish. `minG`–`maxG`: grams of this food in one person's serving (the solver
 * scales within it). `measure`: which of the food's household measures (`servings[].label`) to
 * print; default its `servings[0]`. `optional`: a topping or extra the planner may drop.
 */
export const DishComponent = z
  .strictObject({
    foodId: FoodId,
    role: DishRole,
    minG: grams,
    maxG: grams,
    measure: z.string().min(1).max(80).optional(),
    optional: z.boolean().optional(),
  })
  .refine((c) => c.minG <= c.maxG, { message: 'minG must not exceed maxG', path: ['maxG'] })
  .meta({
    id: 'DishComponent',
    description: 'One food of a dish, with its role and gram range per serving.',
  });

/** A dish id: a kebab-case slug such as "oatmeal-banana-peanut-butter". */
export const DishId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case slug (a-z, 0-9, single hyphens)')
  .max(64)
  .meta({ id: 'DishId', description: 'A dish id (kebab-case slug).' });

const unique = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;

/**
 * A dish or meal pattern for one person. `side`: an add-on that closes a day's macros (fruit, a
 * glass of milk, a slice of bread, a side salad), not a meal on its own. `prepMinutes`: hands-on
 * plus cooking time. `keepsAsLeftovers`: a second portion keeps a day in the fridge and can be
 * the next day's lunch. Each food appears once; meal types and cuisines are unique.
 */
export const Dish = z
  .strictObject({
    id: DishId,
    name: z.string().min(1).max(120),
    mealTypes: z.array(MealType).min(1).max(4),
    side: z.boolean(),
    cuisines: z.array(Cuisine).min(1).max(4),
    prepMinutes: z.number().int().min(0).max(600),
    keepsAsLeftovers: z.boolean(),
    components: z.array(DishComponent).min(1).max(12),
  })
  .refine((d) => unique(d.components.map((c) => c.foodId)), {
    message: 'each food appears once in a dish',
    path: ['components'],
  })
  .refine((d) => unique(d.mealTypes) && unique(d.cuisines), {
    message: 'meal types and cuisines are unique',
    path: ['mealTypes'],
  })
  .meta({ id: 'Dish', description: 'A dish: catalogue foods with roles and per-serving gram ranges.' });

export type DishRoleT = z.infer<typeof DishRole>;
export type CuisineT = z.infer<typeof Cuisine>;
export type DishComponentT = z.infer<typeof DishComponent>;
export type DishIdT = z.infer<typeof DishId>;
export type DishT = z.infer<typeof Dish>;
