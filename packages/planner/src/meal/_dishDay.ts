/**
 * @internal Portions for one day of dishes: every component of each meal's dish (and of its
 * sides) is an item of the portion solver, within the dish's gram range scaled to the meal's
 * energy and kept inside [¼ ×, 3 ×] the food's household serving; sides that only close the
 * day's macros are optional (0 g allowed); sodium is capped at the CDRR where the foods allow.
 */
import { type MealItemT, type MealT, type MealTypeT, PORTION_SERVING_RANGE } from '@nexfitra/core';
import type { DishComponentT } from '@nexfitra/core/dishes';
import type { FoodT } from '@nexfitra/core/foods';
import {
  householdServing,
  isCondimentFood,
  isFatFood,
  isMilkOrYogurt,
  isProteinPortion,
} from '@nexfitra/core/internal';
import { type ClosestPlan, solvePortionsWith } from '../solver/solvePortions';
import type { PortionItem, PortionPlan, PortionProblem } from '../solver/types';
import { isMilkSide } from './_dishPick';
import type { DishInfo } from './_dishPool';
import {
  better,
  type DayGoal,
  dayTargets,
  NUTRIENT_TARGETS,
  portionPer100g,
  score,
  toDayMiss,
} from './_solveDay';
import type { DayMiss, DayMissReason } from './types';

/** One meal's dishes: the main dish, sides that are always served, and optional closers. */
export interface DishMeal {
  readonly type: MealTypeT;
  readonly share: number;
  readonly main: DishInfo;
  /** Yesterday's dinner again (a leftover portion). */
  readonly leftover: boolean;
  readonly sides: readonly DishInfo[];
  /** Single-food sides the solver may leave out (fruit, milk, bread …). */
  readonly closers: readonly DishInfo[];
}

/** Most grams of added fat (oil, butter, dressing) in one meal, shared by its fat items. */
const MAX_FAT_MEAL_G = 30;
/** Most grams of one condiment or sauce in a meal. */
const MAX_CONDIMENT_G = 30;
/**
 * Scale of a dish's gram ranges to the meal's energy: at least ×0.6, at most ×1.6 (a bigger
 * appetite gets sides, not a bowl of 600 g of yogurt).
 */
const SCALE = { min: 0.6, max: 1.6 } as const;
/** Share of a meal's energy the main dish aims at before sides. */
const MAIN_SHARE = 0.85;
/** Energy-band widening steps of the meal shares, then the widest. */
const WIDEST_SHARE_TOLERANCE = 0.15;
/**
 * Weight of the fibre shortfall in the portion objective (the solver's default is 1): generated
 * plans missed the fibre AI more often than any nutrient but calcium; energy and macro bands
 * still come first (their overshoot is priced 1,000 × higher).
 */
const FIBER_WEIGHT = 4;
/** Protein in a portion that makes it a protein food (core `isProteinPortion`), g. */
const PROTEIN_FOOD_G = 6;

/**
 * The index of the component of a breakfast's main dish that must be a protein food (issue 8:
 * every breakfast has one) and the grams that make it one, or undefined when none can.
 */
function breakfastProtein(info: DishInfo): { index: number; minG: number } | undefined {
  let best: { index: number; minG: number } | undefined;
  info.dish.components.forEach((c, i) => {
    if (c.optional) return;
    const food = info.foods[i]!;
    const p = food.per100g.protein;
    if (p <= 0) return;
    const g = Math.ceil((100 * PROTEIN_FOOD_G) / p + 1e-9);
    if (!isProteinPortion(food, Math.max(g, 1))) return;
    if (!best || g / c.maxG < best.minG / info.dish.components[best.index]!.maxG)
      best = { index: i, minG: g };
  });
  return best;
}

/**
 * Grams on the plan language's grid (1–30 g by 1 g, then 5 g steps), as [lo, hi] step counts:
 * a range topping out at ≤ 32 g is served in whole grams up to 30 g, anything larger in 5 g steps.
 */
function gridRange(lo: number, hi: number): { minG: number; maxG: number; stepG: number } {
  if (hi <= 32) {
    const minG = Math.max(1, Math.ceil(lo - 1e-9));
    return { minG, maxG: Math.max(minG, Math.min(30, Math.floor(hi + 1e-9))), stepG: 1 };
  }
  const minG = Math.max(5, Math.ceil(lo / 5 - 1e-9) * 5);
  return { minG, maxG: Math.max(minG, Math.floor(hi / 5 + 1e-9) * 5), stepG: 5 };
}

/**
 * Most of a meal's target energy one condiment may supply: the meal's share may come in under
 * its target (share bands), and core flags a condiment at ≥ 25 % of the meal's energy as its
 * staple (`MEAL_REALISM.condimentStapleShare`; issue 8: a tahini dressing, not a tahini dinner).
 */
const CONDIMENT_KCAL_SHARE = 0.15;

/**
 * A component's gram range for this meal (see the module comment); `mealKcal` is the meal's
 * target energy (a condiment supplies at most {@link CONDIMENT_KCAL_SHARE} of it).
 */
function componentRange(
  c: DishComponentT,
  food: FoodT,
  f: number,
  wide: boolean,
  fatItems: number,
  mealKcal: number,
) {
  const serving = householdServing(food).grams;
  const seasoning = c.role === 'seasoning' || c.role === 'sauce' || isCondimentFood(food);
  // A bigger appetite does not need a bigger steak: the protein food's floor does not scale up
  // (a high-fat keto day would go over its protein), and the wide try lets it go to ¾.
  let lo = seasoning
    ? c.minG
    : c.role === 'protein'
      ? c.minG * Math.min(f, 1) * (wide ? 0.75 : 1)
      : c.minG * Math.min(f, 1.5) * (wide && c.role === 'starch' ? 0.5 : 1);
  // A drink stays one glass or cup: a bigger appetite eats more, it does not drink three lattes.
  let hi = seasoning || c.role === 'beverage' ? c.maxG : c.maxG * f;
  // Wide: more of the protein food (up to its household limits below), less of the starch.
  if (wide && c.role === 'protein') hi = Number.POSITIVE_INFINITY;
  if (isFatFood(food)) hi = Math.min(hi, MAX_FAT_MEAL_G / Math.max(1, fatItems));
  if (seasoning) hi = Math.min(hi, MAX_CONDIMENT_G);
  if (isCondimentFood(food) && food.per100g.kcal > 0)
    hi = Math.min(hi, (100 * CONDIMENT_KCAL_SHARE * mealKcal) / food.per100g.kcal);
  // Within [¼ ×, 3 ×] the household serving (a pinch of a seasoning may be less than ¼).
  hi = Math.min(hi, PORTION_SERVING_RANGE.max * serving);
  if (!seasoning) lo = Math.max(lo, Math.min(hi, PORTION_SERVING_RANGE.min * serving));
  // And under the catalogue's plausible portion maximum of the food.
  hi = Math.min(hi, food.portion.maxG);
  lo = Math.min(lo, hi);
  return gridRange(lo, hi);
}

interface Entry {
  readonly meal: number;
  readonly dishId: string;
  readonly foodId: string;
  readonly itemId: string;
}

function problemOf(
  meals: readonly DishMeal[],
  goal: DayGoal,
  shareTolerance: number,
  wide: boolean,
): { problem: PortionProblem; entries: Entry[] } {
  const items: PortionItem[] = [];
  const entries: Entry[] = [];
  const mealItemIds: string[][] = meals.map(() => []);
  meals.forEach((meal, m) => {
    const target = meal.share * goal.kcal;
    const f = Math.min(SCALE.max, Math.max(SCALE.min, (MAIN_SHARE * target) / meal.main.kcal));
    const dishes = [
      { info: meal.main, optional: false, scale: f },
      ...meal.sides.map((info) => ({ info, optional: false, scale: 1 })),
      ...meal.closers.map((info) => ({ info, optional: true, scale: 1 })),
    ];
    const fatItems = dishes.reduce((n, x) => n + x.info.foods.filter((f) => isFatFood(f)).length, 0);
    const protein = meal.type === 'breakfast' ? breakfastProtein(meal.main) : undefined;
    dishes.forEach(({ info, optional, scale }, k) => {
      info.dish.components.forEach((c, i) => {
        // A closer may be left out whole: no pinch of salt on a side that is not served.
        if (optional && c.role === 'seasoning') return;
        const food = info.foods[i]!;
        const itemId = `${m}:${k}:${food.id}`;
        let range = componentRange(c, food, scale, wide, fatItems, target);
        if (k === 0 && protein?.index === i && range.minG < protein.minG) {
          // The breakfast's protein food at the grams that make it one, even where a small
          // meal's scale took its range below them (a small breakfast's 105 g of soy milk is
          // no protein food; 185 g is), up to the component's unscaled limits.
          const cap = Math.max(
            range.maxG,
            componentRange(c, food, Math.max(scale, 1), wide, fatItems, target).maxG,
          );
          const lifted = gridRange(protein.minG, Math.max(range.maxG, protein.minG));
          if (lifted.maxG <= cap) range = lifted;
        }
        items.push({
          id: itemId,
          per100g: portionPer100g(food),
          ...range,
          optional: optional || c.optional === true,
        });
        entries.push({ meal: m, dishId: info.dish.id, foodId: food.id, itemId });
        mealItemIds[m]!.push(itemId);
      });
    });
  });
  return {
    entries,
    problem: {
      items,
      ...dayTargets(goal),
      weights: { fiber: FIBER_WEIGHT },
      meals: meals.map((meal, m) => ({
        id: String(m),
        itemIds: mealItemIds[m]!,
        kcalShare: meal.share,
        kcalShareTolerance: shareTolerance,
      })),
    },
  };
}

export interface SolvedDishDay {
  readonly meals: MealT[];
  readonly misses: DayMiss[];
  readonly softMisses: DayMiss[];
  readonly totals: PortionPlan['totals'];
  readonly attempts: number;
  readonly reselections: string[];
  readonly solveMs: number;
  readonly method: PortionPlan['method'];
  readonly missReason: DayMissReason | undefined;
  /** The dish meals kept (after any added closers). */
  readonly chosen: readonly DishMeal[];
}

/**
 * Portions for a day of dishes, with up to three tries: as picked (with the meal's optional
 * closers); with protein foods allowed up to 3 × their household serving (and the food's
 * plausible maximum), starches down to half their range, and meal-share bands doubled; with every allowed single-food side of the meal type offered and the widest
 * meal-share bands (±0.15). Stops at the
 * first plan inside every band, else keeps the closest (fewest and smallest energy/macro
 * misses); the closest-plan MIP runs once on the kept selection in the time left, unless
 * `closest` is `lp` (the caller first tries a cheaper rescue, see `planMeals`).
 */
export function solveDishDay(
  first: readonly DishMeal[],
  closerPool: (type: MealTypeT, meal: DishMeal) => readonly DishInfo[],
  goal: DayGoal,
  deadline = Number.POSITIVE_INFINITY,
  closest: 'mip' | 'lp' = 'mip',
): Promise<SolvedDishDay> {
  return dishDay(first, closerPool, goal, deadline, closest) as Promise<SolvedDishDay>;
}

/**
 * {@link solveDishDay} with closest `lp`, or undefined when its plan would miss energy or a
 * macro: then a try proved unable to meet those bands gets no closest plan (its LPs are spent
 * only on a day whose plan is kept although it misses; see `planMeals`). The same plan as
 * `solveDishDay(…, 'lp')` whenever that one meets energy and macros.
 */
export function fitDishDay(
  first: readonly DishMeal[],
  closerPool: (type: MealTypeT, meal: DishMeal) => readonly DishInfo[],
  goal: DayGoal,
  deadline = Number.POSITIVE_INFINITY,
): Promise<SolvedDishDay | undefined> {
  return dishDay(first, closerPool, goal, deadline, 'none');
}

async function dishDay(
  first: readonly DishMeal[],
  closerPool: (type: MealTypeT, meal: DishMeal) => readonly DishInfo[],
  goal: DayGoal,
  deadline: number,
  closest: ClosestPlan,
): Promise<SolvedDishDay | undefined> {
  const timeLeft = () => Math.min(60000, Math.max(0, deadline - performance.now()));
  // The widest try: every other side, still one starch a meal and one milk side a day.
  const milkDay = first.some((m) => [...m.sides, ...m.closers].some((x) => isMilkSide(x)));
  let milkFree = !milkDay;
  const withClosers = first.map((meal) => {
    const have = new Set(meal.closers.map((c) => c.dish.id));
    let starch = meal.main.hasStarch || [...meal.sides, ...meal.closers].some((x) => x.hasStarch);
    const extra = closerPool(meal.type, meal).filter((c) => {
      if (have.has(c.dish.id)) return false;
      if (c.hasStarch) {
        if (starch) return false;
        starch = true;
      }
      if (isMilkSide(c)) {
        if (!milkFree || meal.main.foods.some((f) => isMilkOrYogurt(f))) return false;
        milkFree = false;
      }
      return true;
    });
    return { ...meal, closers: [...meal.closers, ...extra] };
  });
  const tries: { meals: readonly DishMeal[]; share: number; wide: boolean; note?: string }[] = [
    { meals: first, share: goal.mealShareTolerance, wide: false },
    {
      meals: first,
      share: Math.min(WIDEST_SHARE_TOLERANCE, goal.mealShareTolerance * 2),
      wide: true,
      note: 'protein foods up to 3 × their household serving, starches down to half; meal-share bands doubled',
    },
    {
      meals: withClosers,
      share: WIDEST_SHARE_TOLERANCE,
      wide: true,
      note: 'every single-food side of the meal type offered; meal-share bands ±0.15',
    },
  ];
  let best:
    | { plan: PortionPlan; meals: readonly DishMeal[]; problem: PortionProblem; entries: Entry[] }
    | undefined;
  const reselections: string[] = [];
  let solveMs = 0;
  let attempts = 0;
  let cutShort = false;
  for (const t of tries.slice(0, Math.max(1, goal.maxAttempts))) {
    const { problem, entries } = problemOf(t.meals, goal, t.share, t.wide);
    const t0 = performance.now();
    const plan = await solvePortionsWith(
      { ...problem, timeLimitMs: timeLeft() },
      { closest: closest === 'none' ? 'none' : 'lp' },
    );
    attempts++;
    if (t.note) reselections.push(t.note);
    if (!plan) {
      solveMs += performance.now() - t0;
      continue;
    }
    if (plan.status === 'time-limit') cutShort = true;
    solveMs += plan.solveMs;
    if (!best || better(score(plan), score(best.plan))) best = { plan, meals: t.meals, problem, entries };
    if (plan.misses.every((m) => !m.hard)) break;
  }
  // Fit only: a day whose closest plan misses energy or a macro is not wanted.
  if (!best || (closest === 'none' && score(best.plan)[0] > 0)) return undefined;
  if (closest === 'mip' && best.plan.misses.some((m) => m.hard) && timeLeft() > 0) {
    const plan = await solvePortionsWith({ ...best.problem, timeLimitMs: timeLeft() }, { closest: 'mip' });
    solveMs += plan.solveMs;
    if (!better(score(best.plan), score(plan))) best = { ...best, plan };
  }
  const { plan, meals: chosen, entries } = best;
  const grams = new Map(plan.portions.map((p) => [p.id, p.grams]));
  const out: MealT[] = chosen.map((meal) => ({ type: meal.type, items: [] as MealItemT[] }));
  for (const e of entries) {
    const g = Math.round((grams.get(e.itemId) ?? 0) * 10) / 10;
    if (g > 0) out[e.meal]!.items.push({ foodId: e.foodId, grams: g, dishId: e.dishId });
  }
  const all = plan.misses.map((m) => toDayMiss(m, goal));
  const misses = all.filter((m) => NUTRIENT_TARGETS.has(m.target));
  return {
    meals: out,
    misses,
    softMisses: all.filter((m) => !NUTRIENT_TARGETS.has(m.target)),
    totals: plan.totals,
    attempts,
    reselections,
    solveMs,
    method: plan.method,
    missReason: misses.length === 0 ? undefined : cutShort ? 'time-limit' : 'no-fit',
    chosen,
  };
}
