import type { DietTypeT, MealTypeT } from '@nexfitra/core';
import type { FoodGroupT, FoodT } from '@nexfitra/core/foods';
import { isCondimentFood } from '@nexfitra/core/internal';

/**
 * The part a food plays in a meal, read from its food group and its energy split. The meal
 * template ({@link MEAL_TEMPLATES}) asks for roles, never for named foods, so any catalogue works.
 */
export type FoodRole = 'protein' | 'carb' | 'vegetable' | 'fruit' | 'fat';

export const FOOD_ROLES = [
  'protein',
  'carb',
  'vegetable',
  'fruit',
  'fat',
] as const satisfies readonly FoodRole[];

/**
 * Groups never planned by the rule planner: seasonings and drinks carry no meal, and sweets,
 * snack foods, sauces and ready meals make a poor base for a plan built from whole foods. They stay
 * in the catalogue for models and food logging.
 */
const EXCLUDED_GROUPS: ReadonlySet<FoodGroupT> = new Set<FoodGroupT>([
  'spices-herbs',
  'baby-foods',
  'soups-sauces',
  'beverages',
  'sweets',
  'fast-foods',
  'meals-entrees-sides',
  'snacks',
  'american-indian-alaska-native',
  'restaurant-foods',
]);

const FAT_GROUPS: ReadonlySet<FoodGroupT> = new Set<FoodGroupT>([
  'fats-oils',
  'nuts-seeds',
  'dairy-egg',
  'fruits',
]);

/** Share of a food's energy from protein, fat and carbohydrate at 4/9/4 kcal/g (EU 1169/2011 Annex XIV). */
export function energyShares(food: FoodT): { protein: number; fat: number; carbs: number } {
  const n = food.per100g;
  const kcal = 4 * n.protein + 9 * n.fat + 4 * n.carbs;
  if (kcal <= 0) return { protein: 0, fat: 0, carbs: 0 };
  return { protein: (4 * n.protein) / kcal, fat: (9 * n.fat) / kcal, carbs: (4 * n.carbs) / kcal };
}

/**
 * The role of a food, or `undefined` if the planner does not use it. In order:
 * 1. excluded groups (above), juices, flours, sweet bakery (sugars > 15 g/100 g) and condiments
 *    (core `isCondimentFood`: soy sauce, miso, ketchup, garlic, ginger, tahini …, which season a
 *    meal and are never its protein, starch or fat; issue 8: no condiment as a meal's staple): none;
 * 2. protein: ≥ 30 % of energy from protein and ≥ 6 g protein/100 g (meat, fish, eggs, tofu,
 *    lentils, cottage cheese, seitan);
 * 3. fat: ≥ 60 % of energy from fat, in fats-oils, nuts-seeds, dairy-egg or fruits (oils, butter,
 *    nuts, cheese, avocado, olives);
 * 4. fruit: any other fruit; 5. vegetable: a vegetable under 70 kcal/100 g;
 * 6. carb: ≥ 50 % of energy from carbohydrate (grains, bread, potatoes, beans, starchy vegetables).
 * Foods whose largest portion is under 100 g and that fit none of these (herbs, garlic) are none.
 */
export function roleOf(food: FoodT): FoodRole | undefined {
  const g = food.foodGroup;
  const n = food.per100g;
  const name = food.name.toLowerCase();
  if (EXCLUDED_GROUPS.has(g) || n.kcal <= 0) return undefined;
  if (/\bjuice\b|\bflour\b/.test(name)) return undefined;
  if (g === 'baked-products' && (n.sugars ?? 0) > 15) return undefined;
  if (isCondimentFood(food)) return undefined;
  const s = energyShares(food);
  if (s.protein >= 0.3 && n.protein >= 6) return 'protein';
  if (s.fat >= 0.6) return FAT_GROUPS.has(g) ? 'fat' : undefined;
  if (food.portion.maxG < 100 && g !== 'fruits' && s.carbs < 0.5) return undefined;
  if (g === 'fruits') return food.portion.maxG >= 100 ? 'fruit' : undefined;
  if (g === 'vegetables' && n.kcal < 70) return food.portion.maxG >= 100 ? 'vegetable' : undefined;
  if (s.carbs >= 0.5) return 'carb';
  return undefined;
}

/**
 * One slot of a meal template: the role it asks for, the roles tried in turn when no allowed
 * food has it, and whether the solver may leave it out (0 g).
 */
export interface TemplateSlot {
  readonly role: FoodRole;
  readonly fallbacks: readonly FoodRole[];
  readonly optional: boolean;
}

const slot = (role: FoodRole, fallbacks: readonly FoodRole[], optional = false): TemplateSlot => ({
  role,
  fallbacks,
  optional,
});

/** Lunch and dinner share one template (see the table below). */
const STANDARD_MAIN: readonly TemplateSlot[] = [
  slot('protein', ['fat']),
  slot('carb', ['vegetable']),
  slot('vegetable', ['fruit']),
  slot('fat', [], true),
  slot('carb', [], true),
  slot('protein', [], true),
];
const KETO_MAIN: readonly TemplateSlot[] = [
  slot('protein', ['fat']),
  slot('vegetable', ['fruit']),
  slot('vegetable', ['fruit']),
  slot('fat', []),
  slot('fat', [], true),
  slot('protein', [], true),
];

/**
 * The meal templates (house rules, in the spirit of the "plate" models such as the Harvard
 * Healthy Eating Plate: a protein food, a starch, vegetables or fruit, a little fat). Slots marked
 * `?` are optional: the solver may leave them at 0 g. The optional second starch and second
 * protein are balancers: without them half of all first selections could not reach a high
 * carbohydrate or protein target within the foods' portion bounds (measured on generated requests).
 *
 * | meal              | slots                                                              |
 * | ----------------- | ------------------------------------------------------------------ |
 * | breakfast         | protein · carb · fruit · fat? · carb?                              |
 * | lunch, dinner     | protein · carb · vegetable · fat? · carb? · protein?               |
 * | snack             | protein · fruit · carb?                                            |
 *
 * Keto replaces the starch: breakfast protein · fat · vegetable? · protein?; lunch and dinner
 * protein · vegetable · vegetable · fat · fat? · protein?; snack protein · fat?. A slot whose
 * role no allowed food fills takes its first fallback that one does (fruit ↔ vegetable,
 * carb → fruit or vegetable).
 */
export const MEAL_TEMPLATES: Record<'standard' | 'keto', Record<MealTypeT, readonly TemplateSlot[]>> = {
  standard: {
    breakfast: [
      slot('protein', ['fat']),
      slot('carb', ['fruit']),
      slot('fruit', ['vegetable']),
      slot('fat', [], true),
      slot('carb', ['fruit'], true),
    ],
    lunch: STANDARD_MAIN,
    dinner: STANDARD_MAIN,
    snack: [slot('protein', ['fat', 'carb']), slot('fruit', ['vegetable', 'carb']), slot('carb', [], true)],
  },
  keto: {
    breakfast: [
      slot('protein', ['fat']),
      slot('fat', ['protein']),
      slot('vegetable', ['fruit'], true),
      slot('protein', [], true),
    ],
    lunch: KETO_MAIN,
    dinner: KETO_MAIN,
    snack: [slot('protein', ['fat']), slot('fat', ['vegetable'], true)],
  },
};

export function templateFor(diet: DietTypeT, mealType: MealTypeT): readonly TemplateSlot[] {
  return MEAL_TEMPLATES[diet === 'keto' ? 'keto' : 'standard'][mealType];
}
