/**
 * What part a catalogue food plays on a plate, for the realism checks of a meal plan and for
 * planners: the household serving a portion is measured against, and whether a food is a fat,
 * a condiment, a starch or (in a given amount) a protein food. House rules read from the USDA
 * SR24 food group, the nutrients per 100 g and the name; each says what it keys on.
 */
import type { FoodT, ServingT } from '../schemas/food';

/** Purchase units, not portions: a package, a can, a pound … */
const BULK =
  /\b(package|pkg|container|can|jar|bottle|box|bag|bunch|head|loaf|lb|pound|quart|gallon|block)\b/i;

/** Groups whose foods are counted or weighed (an apple, half a breast, an ounce of cheese), not measured in cut cups. */
const WHOLE_GROUPS: ReadonlySet<string> = new Set([
  'fruits',
  'poultry',
  'beef',
  'pork',
  'lamb-veal-game',
  'fish-shellfish',
  'sausages-luncheon-meats',
  'dairy-egg',
]);
/** A cup or spoon of the food cut up, mashed or melted: how a recipe measures, not how a person counts it. */
const CUT_MEASURE =
  /\b(cup|tbsp|tablespoon)\b.*\b(chopped|diced|sliced|slices|shredded|cubes|cubed|pieces|quartered|sections|halves|mashed|pureed|melted|cut|grated)\b/i;
/** Yields and sizes that are not a serving ("1 unit (yield from 1 lb ready-to-cook chicken)"). */
const NOT_A_SERVING = /\byield\b|\bNLEA\b|\bcubic inch\b/i;
/**
 * The reference amount customarily consumed of cooked meat, poultry and fish: 85 g, 3 oz (USDA
 * FSIS, 9 CFR 317.312 and 381.412; FDA, 21 CFR 101.12(b) Table 2 for fish).
 */
const MEAT_SERVING: ServingT = { label: '3 oz', grams: 85 };
const MEAT_GROUPS: ReadonlySet<string> = new Set([
  'poultry',
  'beef',
  'pork',
  'lamb-veal-game',
  'fish-shellfish',
]);

/**
 * The food's household measures as a person uses them: its SR24 servings without purchase units
 * ("1 package", "1 lb") when others exist; for fruit, meat, poultry, fish, eggs and cheese only
 * those within the catalogue's plausible portion bounds that count or weigh the food — no cup or
 * spoon of it chopped, sliced, diced, shredded … (of meat and fish no cup at all), no SR24 yield
 * or NLEA size — when any does ("1 medium" apple, "0.5 breast" of chicken, "1 large" egg, "1 oz"
 * of cheddar); cooked meat, poultry and fish left with none (turkey's only measure within its
 * bounds is "1 cup, chopped") get USDA's reference amount, "3 oz" (85 g), alone.
 * @example householdMeasures(banana).map((s) => s.label) // ["1 medium (7\" to 7-7/8\" long)", …] — no "1 cup, mashed"
 */
export function householdMeasures(food: FoodT): readonly ServingT[] {
  const retail = food.servings.filter((s) => !BULK.test(s.label));
  const pool = retail.length > 0 ? retail : food.servings;
  if (!WHOLE_GROUPS.has(food.foodGroup)) return pool;
  const inBounds = (s: ServingT) => s.grams >= food.portion.minG && s.grams <= food.portion.maxG;
  const meat = MEAT_GROUPS.has(food.foodGroup);
  const whole = pool.filter(
    (s) =>
      inBounds(s) &&
      !CUT_MEASURE.test(s.label) &&
      !NOT_A_SERVING.test(s.label) &&
      !(meat && /\bcup\b/i.test(s.label)),
  );
  if (whole.length > 0) return whole;
  // Only where a cut measure was all it had (turkey's "1 cup, chopped"), not for bacon's slice.
  return meat && pool.some(inBounds) ? [MEAT_SERVING] : pool;
}

/**
 * The food's household serving: of its household measures ({@link householdMeasures}) that lie
 * within the catalogue's plausible portion bounds (`portion.minG`–`maxG`), the one closest (on
 * a log scale) to the bounds' geometric middle, e.g. "1 cup" (158 g) of cooked rice, "1 tbsp"
 * (13.5 g) of olive oil, "1 tsp" (6 g) of salt, "1 medium" apple, "3 oz" of roast turkey;
 * `servings[0]` when none lies within the bounds.
 * @example householdServing(food).label // "1 cup"
 */
export function householdServing(food: FoodT): ServingT {
  const pool = householdMeasures(food);
  if (pool[0] === MEAT_SERVING) return MEAT_SERVING;
  const inBounds = (s: ServingT) => s.grams >= food.portion.minG && s.grams <= food.portion.maxG;
  const mid = Math.sqrt(food.portion.minG * food.portion.maxG);
  let best: ServingT | undefined;
  for (const s of pool) {
    if (!inBounds(s)) continue;
    if (!best || Math.abs(Math.log(s.grams / mid)) < Math.abs(Math.log(best.grams / mid))) best = s;
  }
  return best ?? (food.servings[0] as ServingT);
}

/** A portion is realistic within [¼ ×, 3 ×] its household serving (the planner issue's house rule). */
export const PORTION_SERVING_RANGE = { min: 0.25, max: 3 } as const;

/** Added fat: the fats-oils group (oils, lard, margarine, mayonnaise, dressings) or a dairy food of ≥ 60 g fat/100 g (butter, cream). */
export function isFatFood(food: FoodT): boolean {
  return food.foodGroup === 'fats-oils' || (food.foodGroup === 'dairy-egg' && food.per100g.fat >= 60);
}

const CONDIMENT_NAME =
  /\b(ketchup|soy sauce|miso|mustard|vinegar|garlic|ginger|wasabi|horseradish|tahini|pesto|sauce|salsa|relish|lemon juice|lime juice)\b/i;

/**
 * A condiment or seasoning: herbs and spices (SR24 group 02: salt, spices, vinegars, mustard),
 * sauces (group 06 foods whose plausible portion tops out at ≤ 120 g, i.e. not soups), and by
 * name soy sauce, miso, ketchup, garlic, ginger, tahini, pesto and the like. Fats are not
 * condiments here ({@link isFatFood}).
 */
export function isCondimentFood(food: FoodT): boolean {
  if (food.foodGroup === 'spices-herbs') return true;
  if (food.foodGroup === 'soups-sauces') return food.portion.maxG <= 120;
  return !isFatFood(food) && food.portion.maxG <= 120 && CONDIMENT_NAME.test(food.name);
}

const STARCHY_VEGETABLE = /\b(potato|potatoes|yam|plantain|cassava|taro|corn|hash brown)/i;

/**
 * A starch: grains, pasta and rice (SR24 group 20, flours and gluten excluded), breads and
 * baked goods with ≤ 15 g sugars/100 g (group 18), breakfast cereals (group 08), and starchy
 * vegetables by name (potato, yam, plantain, cassava, taro, corn).
 */
export function isStarchFood(food: FoodT): boolean {
  const g = food.foodGroup;
  if (g === 'cereal-grains-pasta') return !/\bflour\b|\bgluten\b/i.test(food.name);
  if (g === 'baked-products') return (food.per100g.sugars ?? 0) <= 15;
  if (g === 'breakfast-cereals') return true;
  return g === 'vegetables' && STARCHY_VEGETABLE.test(food.name);
}

/**
 * A dry breakfast cereal (group 08 at ≥ 250 kcal/100 g, or rolled oats, dry): eaten with milk,
 * a plant milk or yogurt, never alone.
 */
export function isDryCereal(food: FoodT): boolean {
  if (food.foodGroup === 'breakfast-cereals') return food.per100g.kcal >= 250;
  return /\boats?\b.*\bdry\b|\bdry\b.*\boats?\b/i.test(food.name);
}

/** Milk, a plant milk, yogurt or kefir (by name; chocolate milk included, coconut milk for cooking not). */
export function isMilkOrYogurt(food: FoodT): boolean {
  return /\b(milk|yogurt|yoghurt|kefir|skyr)\b/i.test(food.name) && !/coconut milk/i.test(food.name);
}

/**
 * `grams` of the food make a protein food: not a starch ({@link isStarchFood}), ≥ 6 g protein
 * in the portion and ≥ 20 % of its energy from protein at 4 kcal/g (eggs, meat, fish, tofu,
 * legumes, milk, yogurt; not bread, oats or nut butter).
 */
export function isProteinPortion(food: FoodT, grams: number): boolean {
  const n = food.per100g;
  return (
    !isStarchFood(food) && (n.protein * grams) / 100 >= 6 && n.kcal > 0 && (4 * n.protein) / n.kcal >= 0.2
  );
}
