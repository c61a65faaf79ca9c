import { z } from 'zod';
import { ALLERGENS, DIET_TYPES, MEAL_TYPES } from './vocab';

/**
 * Food schemas. A food's nutrients are per 100 g of edible portion, as in USDA SR24; household
 * measures are stated in grams, so every portion is a gram amount.
 */

/**
 * Food groups of USDA SR24 (FD_GROUP table), as slugs. SR24 codes: 01 dairy-egg, 02 spices-herbs,
 * 03 baby-foods, 04 fats-oils, 05 poultry, 06 soups-sauces, 07 sausages-luncheon-meats,
 * 08 breakfast-cereals, 09 fruits, 10 pork, 11 vegetables, 12 nuts-seeds, 13 beef, 14 beverages,
 * 15 fish-shellfish, 16 legumes, 17 lamb-veal-game, 18 baked-products, 19 sweets,
 * 20 cereal-grains-pasta, 21 fast-foods, 22 meals-entrees-sides, 25 snacks,
 * 35 american-indian-alaska-native, 36 restaurant-foods.
 */
export const FOOD_GROUPS = [
  'dairy-egg',
  'spices-herbs',
  'baby-foods',
  'fats-oils',
  'poultry',
  'soups-sauces',
  'sausages-luncheon-meats',
  'breakfast-cereals',
  'fruits',
  'pork',
  'vegetables',
  'nuts-seeds',
  'beef',
  'beverages',
  'fish-shellfish',
  'legumes',
  'lamb-veal-game',
  'baked-products',
  'sweets',
  'cereal-grains-pasta',
  'fast-foods',
  'meals-entrees-sides',
  'snacks',
  'american-indian-alaska-native',
  'restaurant-foods',
] as const;
export const FoodGroup = z.enum(FOOD_GROUPS);

const grams = z.number().finite().nonnegative();

/**
 * Nutrients per 100 g. `carbs` is USDA "carbohydrate, by difference" and so INCLUDES fiber
 * (available carbohydrate = carbs − fiber). `sugars` is optional because SR24 does not report
 * total sugars for about a quarter of its foods (absent = not reported, not zero); `alcohol`
 * likewise. `micronutrients` maps Arrow column keys (e.g. `sodium_mg`) to amounts per 100 g.
 */
export const Nutrients = z
  .object({
    kcal: grams,
    protein: grams,
    fat: grams,
    carbs: grams,
    fiber: grams,
    sugars: grams.optional(),
    alcohol: grams.optional(),
    micronutrients: z.record(z.string().min(1), grams).optional(),
  })
  .strict();

/** A household measure: `label` such as "1 cup, chopped" and the grams it weighs. */
export const Serving = z.object({ label: z.string().min(1), grams: z.number().finite().positive() }).strict();

/** Portion bounds in grams for planners: a portion is minG, minG + stepG, … up to maxG (min ≤ max). */
export const PortionBounds = z
  .object({
    minG: z.number().finite().positive(),
    maxG: z.number().finite().positive(),
    stepG: z.number().finite().positive(),
  })
  .strict()
  .refine((p) => p.minG <= p.maxG, { message: 'minG must not exceed maxG' });

export const FoodTags = z
  .object({
    diets: z.array(z.enum(DIET_TYPES)),
    allergens: z.array(z.enum(ALLERGENS)),
    mealTypes: z.array(z.enum(MEAL_TYPES)).min(1),
  })
  .strict();

/**
 * A catalogue food. `id` is the 5-digit USDA SR24 NDB number; `servings[0]` is the default
 * household measure.
 */
export const Food = z
  .object({
    id: z.string().regex(/^\d{5}$/, 'a 5-digit USDA NDB number'),
    name: z.string().min(1),
    foodGroup: FoodGroup,
    per100g: Nutrients,
    servings: z.array(Serving).min(1),
    tags: FoodTags,
    portion: PortionBounds,
  })
  .strict();

export type FoodGroupT = z.infer<typeof FoodGroup>;
export type NutrientsT = z.infer<typeof Nutrients>;
export type ServingT = z.infer<typeof Serving>;
export type PortionBoundsT = z.infer<typeof PortionBounds>;
export type FoodTagsT = z.infer<typeof FoodTags>;
export type FoodT = z.infer<typeof Food>;
