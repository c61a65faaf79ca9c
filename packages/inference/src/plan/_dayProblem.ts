/**
 * @internal One meal-plan day as a portion problem for the planner's solver: the day's targets
 * and tolerances exactly as the rule planner builds them (planner `dayTargets`: energy ±3 % with
 * the lower edge raised to the sex's calorie floor, each macro ±5 g, the fibre floor and the
 * 2,300 mg sodium cap) and each food's solver nutrients (planner `portionPer100g`, sodium
 * included), each meal ±5 % of its energy share, each item's portion bounds as the rule
 * planner's (a dish's component within its authored range, every food within ¼–3 × its
 * household serving, a meal's added fats at 30 g and condiments at 30 g, a breakfast's protein
 * food: {@link mealItemBounds}), and the proposed grams as each item's "typical" portion, so
 * that among plans that hit the bands the one closest to the model's proposal wins.
 */
import {
  CALORIE_FLOOR_KCAL,
  DEFAULT_MEAL_SHARES,
  type DishComponentT,
  fiberForEnergy,
  MEAL_REALISM,
  PORTION_SERVING_RANGE,
  type SexT,
  type TargetsSummaryT,
} from '@nexfitra/core';
import { DISHES, getDish, hasDish } from '@nexfitra/core/dishes';
import type { FoodT } from '@nexfitra/core/foods';
import { householdServing, isCondimentFood, isFatFood, isProteinPortion } from '@nexfitra/core/internal';
import {
  type DayGoal,
  dayTargets,
  type PortionItem,
  type PortionPlan,
  type PortionProblem,
  portionPer100g,
  solvePortionsWith,
} from '@nexfitra/planner';

/** An item's portion range: whole steps of `stepG` grams from `minG` to `maxG`. */
type Bounds = { readonly minG: number; readonly maxG: number; readonly stepG: number };

/** Most items in one meal (core's `Meal` schema bound). */
export const MAX_MEAL_ITEMS = 30;

/** Bands of a day, as the rule planner's meal solver uses them. */
export const DAY_BANDS = { kcalPercent: 3, macroG: 5, mealShare: 0.05, widestMealShare: 0.15 } as const;

export interface DraftItem {
  readonly food: FoodT;
  /** Proposed grams (the model's, or 0 for a food the repair added). */
  readonly grams: number;
  /** The solver may leave it out. */
  readonly optional: boolean;
  /** The dish of the catalogue the item belongs to, kept through the repair. */
  readonly dishId?: string;
  /** For an added item (`grams` 0): the portion to pull towards, e.g. a swapped-in dish's component; default its household serving. */
  readonly typicalG?: number;
}

export interface DraftMeal {
  readonly type: string;
  readonly items: readonly DraftItem[];
}

export const itemKey = (m: number, i: number) => `${m}:${i}`;

/** Energy shares of the meals by position (core `DEFAULT_MEAL_SHARES`), else equal shares. */
export function mealShares(count: number): number[] {
  const table = DEFAULT_MEAL_SHARES[count as keyof typeof DEFAULT_MEAL_SHARES];
  return table ? table.map((s) => s.share) : Array.from({ length: count }, () => 1 / count);
}

/** The usual meal types of the slots (core `DEFAULT_MEAL_SHARES`), or none for an unusual count. */
export function mealTypes(count: number): string[] {
  const table = DEFAULT_MEAL_SHARES[count as keyof typeof DEFAULT_MEAL_SHARES];
  return table ? table.map((s) => s.mealType) : [];
}

/** The planner's day goal for `targets` (the same defaults as `planMeals`). */
export function dayGoal(targets: TargetsSummaryT, sex: SexT, shareTolerance: number): DayGoal {
  return {
    kcal: targets.kcal,
    proteinG: targets.proteinG,
    fatG: targets.fatG,
    carbsG: targets.carbsG,
    fiberMinG: targets.fiberG ?? (targets.kcal <= 10000 ? fiberForEnergy(targets.kcal) : 0),
    kcalTolerancePercent: DAY_BANDS.kcalPercent,
    kcalFloor: CALORIE_FLOOR_KCAL[sex],
    macroToleranceG: DAY_BANDS.macroG,
    mealShareTolerance: shareTolerance,
    maxAttempts: 1,
  };
}

/** The energy band of a day: target ± 3 %, its lower edge raised to the floor when inside it. */
export function kcalBand(kcal: number, sex: SexT): { lo: number; hi: number } {
  const tol = (kcal * DAY_BANDS.kcalPercent) / 100;
  const floor = CALORIE_FLOOR_KCAL[sex];
  const lo = kcal - tol;
  const hi = kcal + tol;
  return floor > lo && floor < hi ? { lo: floor, hi } : { lo, hi };
}

/**
 * Grams a dish's component may take in a repaired meal, on the plan language's gram grid (whole
 * grams up to 30 g, then 5 g steps), or `undefined` when `food` is not a component of the dish
 * (an item the model added to it) or the range leaves no room inside the food's catalogue
 * portion. The dish's authored range is one person's serving (datasets/dishes/CARD.md); like the
 * rule planner's (`_dishDay.ts`: its range scales with the meal's energy), the repair may scale a
 * component down to half its minimum (a protein food to ¾, a smaller appetite) and up to 1.5×
 * its maximum (a larger one), and keeps seasonings, sauces and drinks at their authored top: a
 * smoothie keeps one glass of soy milk (150–250 g authored; the repair had made it 700 g) and a
 * chickpea stew keeps its chickpeas (150–230 g; the repair had left 50 g next to 155 g of bread).
 * A side (`side: true`: "Half an avocado", "A slice or two of whole-wheat bread") keeps its
 * authored range, as the rule planner serves it: its name states the amount (the repair had
 * served 145 g of avocado as half of one and 105 g of bread as a slice or two).
 */
export function componentBounds(dishId: string, food: FoodT): Bounds | undefined {
  const c = dishComponent(dishId, food.id);
  if (c === undefined) return undefined;
  const side = sideDishes.has(dishId);
  const condiment = c.role === 'seasoning' || c.role === 'sauce';
  let lo = condiment || side ? c.minG : c.minG * (c.role === 'protein' ? 0.75 : 0.5);
  let hi = condiment || side || c.role === 'beverage' ? c.maxG : c.maxG * 1.5;
  lo = Math.max(lo, food.portion.minG);
  hi = Math.min(hi, food.portion.maxG);
  return grid(...inHouseRange(food, lo, hi, condiment));
}

/**
 * `[lo, hi]` within ¼ to 3 times the food's household serving (core `PORTION_SERVING_RANGE`,
 * `householdServing`; a seasoning, sauce or other condiment keeps its small amounts), the rule
 * planner's bound on every dish component (planner `_dishDay.ts`) and what the validator checks
 * (`PORTION_OUT_OF_RANGE`). Without it the repair served 40 g of avocado (¼ of one is 50 g), 5 g
 * of scallions and four corn tortillas: 6.9 findings a plan of plan-default on 60 requests of
 * standard-100, the rule planner's about 1.
 */
function inHouseRange(food: FoodT, lo: number, hi: number, condiment: boolean): [number, number] {
  const house = classOf(food);
  const top = Math.min(hi, house.max);
  const bottom = condiment ? lo : Math.max(lo, house.min);
  return [Math.min(bottom, top), top];
}

/** What the bounds read of a food: its house range's ends, g (a condiment's lower end 0), and its classes. */
interface FoodClass {
  readonly min: number;
  readonly max: number;
  readonly fat: boolean;
  readonly condiment: boolean;
}
const CLASSES = new WeakMap<FoodT, FoodClass>();
/** Worked out once a food (the serving about 2 µs, the condiment test a regex; a plan's LPs ask ~900 times). */
function classOf(food: FoodT): FoodClass {
  let c = CLASSES.get(food);
  if (c === undefined) {
    const serving = householdServing(food).grams;
    const condiment = isCondimentFood(food);
    c = {
      min: condiment ? 0 : PORTION_SERVING_RANGE.min * serving,
      max: PORTION_SERVING_RANGE.max * serving,
      fat: isFatFood(food),
      condiment,
    };
    CLASSES.set(food, c);
  }
  return c;
}

/** Whole grams up to 30 g (steps of 1), steps of 5 g above; undefined for an empty range. */
function grid(lo: number, hi: number): Bounds | undefined {
  if (hi <= 32) {
    const minG = Math.max(1, Math.ceil(lo - 1e-9));
    const maxG = Math.min(30, Math.floor(hi + 1e-9));
    return maxG >= minG ? { minG, maxG, stepG: 1 } : undefined;
  }
  const minG = Math.max(5, Math.ceil(lo / 5 - 1e-9) * 5);
  const maxG = Math.floor(hi / 5 + 1e-9) * 5;
  return maxG >= minG ? { minG, maxG, stepG: 5 } : undefined;
}

/**
 * An item's portion bounds in the repair: a dish component's ({@link componentBounds}), else
 * the food's catalogue portion within its household range ({@link inHouseRange}).
 */
export function itemBounds(food: FoodT, dishId: string | undefined): Bounds {
  return (
    (dishId !== undefined && componentBounds(dishId, food)) ||
    grid(...inHouseRange(food, food.portion.minG, food.portion.maxG, false)) ||
    food.portion
  );
}

const components = new Map<string, ReadonlyMap<string, DishComponentT>>();
/** Catalogue dishes served as sides (their names state the amount). */
const sideDishes: ReadonlySet<string> = new Set(DISHES.filter((d) => d.side).map((d) => d.id));
function dishComponent(dishId: string, foodId: string): DishComponentT | undefined {
  let byFood = components.get(dishId);
  if (byFood === undefined) {
    // Only catalogue dishes are kept (at most the catalogue's size); an unknown id has no components.
    if (!hasDish(dishId)) return undefined;
    byFood = new Map(getDish(dishId).components.map((c) => [c.foodId, c]));
    components.set(dishId, byFood);
  }
  return byFood.get(foodId);
}

/**
 * The bounds of a meal's items ({@link itemBounds}) with the rule planner's caps on what a meal
 * holds (planner `_dishDay.ts`; what core's validator checks, `MEAL_REALISM`): its added fats
 * (oils, butter, dressings: core `isFatFood`) share 30 g, and a condiment or sauce (core
 * `isCondimentFood`) is at most 30 g. Without them the repair served 45 g of butter or 50 g of
 * olive oil in one meal (`FAT_PORTION_HIGH` 0.48 a plan of plan-default on standard, the rule
 * planner's 0). A cap under an item's smallest portion leaves it at that portion.
 */
export function mealItemBounds(
  items: readonly {
    readonly food: FoodT;
    readonly dishId?: string | undefined;
    readonly optional?: boolean;
  }[],
  breakfast = false,
): Bounds[] {
  const fats = items.filter((x) => classOf(x.food).fat).length;
  const bounds = items.map(({ food, dishId }) => {
    const b = itemBounds(food, dishId);
    const c = classOf(food);
    const cap = c.fat
      ? MEAL_REALISM.maxFatPerMealG / fats
      : c.condiment
        ? MEAL_REALISM.maxCondimentG
        : Number.POSITIVE_INFINITY;
    if (cap >= b.maxG) return b;
    return { ...b, maxG: Math.max(b.minG, Math.floor(cap / b.stepG + 1e-9) * b.stepG) };
  });
  if (breakfast) liftBreakfastProtein(items, bounds);
  return bounds;
}

/** Protein in a portion that makes it a protein food (core `isProteinPortion`), g. */
const PROTEIN_FOOD_G = 6;

/**
 * A breakfast has a protein food (the rule planner's rule, planner `_dishDay.ts`; core's
 * `BREAKFAST_WITHOUT_PROTEIN`): unless an item is one at its smallest portion already, the item
 * that becomes one at the smallest share of its largest portion (6 g of protein, ≥ 20 % of its
 * energy, not a starch) gets that portion as its minimum. A smoothie of 75 g soft tofu and 105 g
 * soy milk has 7.3 g of protein but no protein food; with 95 g of the tofu it has one.
 */
function liftBreakfastProtein(
  items: readonly { readonly food: FoodT; readonly optional?: boolean }[],
  bounds: Bounds[],
): void {
  if (items.some((x, i) => !x.optional && isProteinPortion(x.food, bounds[i]!.minG))) return;
  let best: { i: number; g: number } | undefined;
  items.forEach((x, i) => {
    const p = x.food.per100g.protein;
    if (x.optional || p <= 0) return;
    const b = bounds[i]!;
    const need = Math.ceil((100 * PROTEIN_FOOD_G) / p - 1e-9);
    const g = Math.ceil(need / b.stepG - 1e-9) * b.stepG;
    if (g > b.maxG || !isProteinPortion(x.food, g)) return;
    if (!best || g / b.maxG < best.g / bounds[best.i]!.maxG) best = { i, g };
  });
  if (best) bounds[best.i] = { ...bounds[best.i]!, minG: Math.max(bounds[best.i]!.minG, best.g) };
}

export function dayProblem(
  meals: readonly DraftMeal[],
  targets: TargetsSummaryT,
  sex: SexT,
  shareTolerance: number,
  timeLimitMs: number,
  /** Dish components within their dish's range ({@link componentBounds}); false: the catalogue portions only. */
  dishBounds = true,
): PortionProblem {
  const shares = mealShares(meals.length);
  const items: PortionItem[] = [];
  meals.forEach((meal, m) => {
    const bounds = dishBounds
      ? mealItemBounds(meal.items, meal.type === 'breakfast')
      : meal.items.map((x) => x.food.portion);
    meal.items.forEach(({ food, grams, optional, typicalG }, i) => {
      const { minG, maxG, stepG } = bounds[i]!;
      const serving = typicalG ?? food.servings[0]?.grams;
      const typical =
        grams > 0 ? Math.min(maxG, Math.max(minG, grams)) : serving !== undefined ? serving : undefined;
      items.push({
        id: itemKey(m, i),
        per100g: portionPer100g(food),
        minG,
        maxG,
        stepG,
        optional,
        ...(typical !== undefined && typical >= minG && typical <= maxG ? { typicalG: typical } : {}),
      });
    });
  });
  return {
    items,
    ...dayTargets(dayGoal(targets, sex, shareTolerance)),
    meals: meals.map((meal, m) => ({
      id: String(m),
      itemIds: meal.items.map((_, i) => itemKey(m, i)),
      kcalShare: shares[m] ?? 1 / meals.length,
      kcalShareTolerance: shareTolerance,
    })),
    timeLimitMs,
  };
}

/**
 * A draft's plan from one LP where one is enough: the soft LP's closest plan (planner
 * `hardBands: 'none'`; its objective prices a band overshoot 1,000 times a band-width inside,
 * and sodium over the cap), which lands inside every band when the foods allow it. Only a plan
 * inside every band but over the sodium cap is solved again with the bands and the cap as
 * constraints (`capped`), for a plan inside both if there is one. On a far-off draft (the
 * fixture's) this is one LP where the planner's whole search takes two or three (the capped and
 * the uncapped hard LP first, each only confirming that no plan meets the bands). Status
 * `time-limit`, not `infeasible-closest`, when the hard LPs were skipped: nothing was proved.
 */
export async function quickSolve(problem: PortionProblem): Promise<PortionPlan> {
  const plan = await solvePortionsWith(problem, { closest: 'lp', hardBands: 'none' });
  if (plan.misses.some((m) => m.hard) || !plan.misses.some((m) => m.field === 'sodiumMaxMg')) return plan;
  const capped = await solvePortionsWith(problem, { closest: 'lp', hardBands: 'capped' });
  return capped.misses.every((m) => !m.hard) ? capped : plan;
}

const MACRO_FIELDS: ReadonlySet<string> = new Set(['kcal', 'proteinG', 'fatG', 'carbsG']);

/** How far a solved day is from its bands: energy/macro misses (count, then size in tolerances), then meal-share misses. */
export function badness(plan: PortionPlan): [number, number, number] {
  const hard = plan.misses.filter((m) => MACRO_FIELDS.has(m.field));
  const meal = plan.misses.filter((m) => m.field === 'mealKcal');
  return [
    hard.length,
    hard.reduce((s, m) => s + m.miss / Math.max(m.tolerance, 1e-9), 0),
    meal.reduce((s, m) => s + m.miss, 0),
  ];
}

/** Lexicographic: `a` strictly closer to the bands than `b`. */
export const better = (a: readonly number[], b: readonly number[]) =>
  a[0] !== b[0] ? a[0]! < b[0]! : a[1] !== b[1] ? a[1]! < b[1]! : a[2]! < b[2]!;
