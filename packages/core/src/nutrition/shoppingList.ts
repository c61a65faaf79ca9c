/**
 * A shopping list for a meal plan: the total of each food over the plan, in its household
 * measure ("2½ × 1 cup", from the food's SR24 servings) and grams, grouped by store section, with
 * the dishes each food is bought for.
 */
import { NexFitraError } from '../errors';
import { Food, type FoodGroupT, type FoodT, type ServingT } from '../schemas/food';
import { MealPlan, type MealPlanT } from '../schemas/meal';
import { parseOrThrow } from '../schemas/parse';
import { householdServing } from './foodClass';

/** Store sections in walking order. */
export const STORE_SECTIONS = [
  'produce',
  'meat & fish',
  'dairy, eggs & chilled',
  'bakery',
  'pantry',
  'spices & condiments',
  'frozen',
] as const;
export type StoreSection = (typeof STORE_SECTIONS)[number];

export interface ShoppingItem {
  readonly foodId: string;
  readonly name: string;
  readonly section: StoreSection;
  /** Total edible grams over the plan, to 0.1 g. */
  readonly grams: number;
  /**
   * The household measure counted in: of the food's SR24 measures within its plausible portion
   * bounds, the one closest to the bounds' middle ("1 cup" of cooked rice, "1 tbsp" of oil).
   */
  readonly serving: ServingT;
  /** How many of `serving`, rounded to a quarter under 4, a half under 10, else whole (never 0). */
  readonly count: number;
  /** E.g. "2½ × 1 cup Brown rice, cooked (487.5 g)". */
  readonly text: string;
  /** Dish ids the food is bought for, in plan order (empty for foods served on their own). */
  readonly dishIds: readonly string[];
}

export interface ShoppingList {
  /** Non-empty sections in {@link STORE_SECTIONS} order, items by name. */
  readonly sections: readonly { readonly section: StoreSection; readonly items: readonly ShoppingItem[] }[];
  /** Distinct foods. */
  readonly itemCount: number;
}

const SECTION_OF_GROUP: Partial<Record<FoodGroupT, StoreSection>> = {
  fruits: 'produce',
  vegetables: 'produce',
  poultry: 'meat & fish',
  beef: 'meat & fish',
  pork: 'meat & fish',
  'lamb-veal-game': 'meat & fish',
  'fish-shellfish': 'meat & fish',
  'sausages-luncheon-meats': 'meat & fish',
  'dairy-egg': 'dairy, eggs & chilled',
  'baked-products': 'bakery',
  'spices-herbs': 'spices & condiments',
  'soups-sauces': 'spices & condiments',
};
const CHILLED = /\b(tofu|tempeh|soy milk|soy yogurt|hummus|almond milk|oat milk|rice milk)\b/i;
const FRESH_HERB = /\b(fresh|leaves|sprigs)\b|\b(cilantro|parsley|chives|basil|dill|mint)\b/i;

/**
 * The store section of a food: by name first — "frozen" foods → frozen; tofu, tempeh, plant
 * milks and yogurts, hummus → chilled; fresh herbs → produce — then by SR24 food group
 * (fruits and vegetables → produce; meat, poultry, fish → meat & fish; dairy and eggs →
 * chilled; baked products → bakery; spices, herbs and sauces → spices & condiments; the rest
 * — grains, pasta, legumes, nuts, oils, cereals, drinks — pantry).
 */
export function storeSection(food: FoodT): StoreSection {
  if (/\bfrozen\b/i.test(food.name)) return 'frozen';
  if (CHILLED.test(food.name)) return 'dairy, eggs & chilled';
  if (food.foodGroup === 'spices-herbs' && FRESH_HERB.test(food.name)) return 'produce';
  return SECTION_OF_GROUP[food.foodGroup] ?? 'pantry';
}

function roundCount(x: number): number {
  const step = x < 4 ? 0.25 : x < 10 ? 0.5 : 1;
  return Math.max(step, Math.round(x / step) * step);
}

const FRACTION: Record<string, string> = { '0.25': '¼', '0.5': '½', '0.75': '¾' };

/** 2.5 → "2½", 0.25 → "¼", 3 → "3". */
export function formatCount(x: number): string {
  const whole = Math.floor(x);
  const frac = FRACTION[String(Math.round((x - whole) * 100) / 100)] ?? '';
  return `${whole > 0 || frac === '' ? whole : ''}${frac}`;
}

/**
 * The shopping list of a meal plan.
 * @param mealPlan a `MealPlan` (checked against the schema)
 * @param foods the foods (a list or an id lookup) the plan's items come from
 * @throws {NexFitraError} `SCHEMA` for an invalid plan; `INVALID_ENUM` naming the item of a food
 *   the foods do not know
 * @example shoppingList(plan, FOODS).sections[0].items[0].text // "2½ × 1 cup Brown rice, cooked (487.5 g)"
 */
export function shoppingList(
  mealPlan: MealPlanT,
  foods: readonly FoodT[] | ((id: string) => FoodT | undefined),
): ShoppingList {
  const fn = 'shoppingList';
  const plan = parseOrThrow(MealPlan, mealPlan, fn);
  let lookup: (id: string) => FoodT | undefined;
  if (typeof foods === 'function') lookup = foods;
  else if (Array.isArray(foods)) {
    const m = new Map(foods.map((f) => [f.id, f]));
    lookup = (id) => m.get(id);
  } else {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['foods'],
      value: foods,
      allowed: 'an array of foods or a lookup function',
    });
  }
  const totals = new Map<string, { food: FoodT; grams: number; dishIds: string[] }>();
  for (const [d, day] of plan.days.entries()) {
    for (const [m, meal] of day.meals.entries()) {
      for (const [i, item] of meal.items.entries()) {
        const found = lookup(item.foodId);
        // A caller's lookup is untrusted: a food that is not a Food is treated as unknown.
        const food = found !== undefined && Food.safeParse(found).success ? found : undefined;
        if (!food) {
          throw new NexFitraError({
            code: 'INVALID_ENUM',
            fn,
            path: ['mealPlan', 'days', d, 'meals', m, 'items', i, 'foodId'],
            value: item.foodId,
            allowed: 'the id of a food in `foods`',
          });
        }
        const t = totals.get(food.id) ?? { food, grams: 0, dishIds: [] };
        t.grams += item.grams;
        if (item.dishId !== undefined && !t.dishIds.includes(item.dishId)) t.dishIds.push(item.dishId);
        totals.set(food.id, t);
      }
    }
  }
  const bySection = new Map<StoreSection, ShoppingItem[]>();
  for (const { food, grams, dishIds } of totals.values()) {
    const serving = householdServing(food);
    const count = roundCount(grams / serving.grams);
    const g = Math.round(grams * 10) / 10;
    const section = storeSection(food);
    const item: ShoppingItem = {
      foodId: food.id,
      name: food.name,
      section,
      grams: g,
      serving,
      count,
      text: `${formatCount(count)} × ${serving.label} ${food.name} (${g} g)`,
      dishIds,
    };
    bySection.set(section, [...(bySection.get(section) ?? []), item]);
  }
  return {
    sections: STORE_SECTIONS.filter((s) => bySection.has(s)).map((section) => ({
      section,
      items: bySection.get(section)!.sort((a, b) => a.name.localeCompare(b.name)),
    })),
    itemCount: totals.size,
  };
}
