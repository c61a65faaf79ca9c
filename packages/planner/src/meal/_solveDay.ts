import { type MealT, SODIUM_CDRR_MG } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import { isCondimentFood, isFatFood, isProteinPortion } from '@nexfitra/core/internal';
import { solvePortionsWith } from '../solver/solvePortions';
import type { PortionItem, PortionMiss, PortionPlan, PortionProblem } from '../solver/types';
import { type Pools, reselect } from './_select';
import type { DayMiss, DayMissReason, DayTargetName, SelectedMeal } from './types';

/** @internal Daily targets and bands as the day solver uses them. */
export interface DayGoal {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberMinG: number;
  readonly kcalTolerancePercent: number;
  /**
   * The sex's calorie floor (core `CALORIE_FLOOR_KCAL`): the energy band's lower edge is raised to
   * it when the band would reach below, so a day within the band never goes under the floor.
   */
  readonly kcalFloor: number;
  readonly macroToleranceG: number;
  readonly mealShareTolerance: number;
  readonly maxAttempts: number;
}

export interface SolvedDay {
  readonly meals: MealT[];
  readonly misses: DayMiss[];
  readonly softMisses: DayMiss[];
  readonly totals: PortionPlan['totals'];
  readonly attempts: number;
  readonly reselections: string[];
  readonly solveMs: number;
  readonly method: PortionPlan['method'];
  /** Why the kept plan misses (undefined when it misses nothing hard). */
  readonly missReason: DayMissReason | undefined;
}

/** Largest time limit one solve takes (the solver's own maximum). */
const MAX_SOLVE_MS = 60000;

/** Meal shares are widened up to ± this fraction of the day's energy before a day is given up. */
const WIDEST_SHARE_TOLERANCE = 0.15;

export const NUTRIENT_TARGETS: ReadonlySet<string> = new Set(['kcal', 'proteinG', 'fatG', 'carbsG']);

const itemId = (m: number, foodId: string) => `${m}:${foodId}`;

/**
 * The energy band: target ± tolerance, its lower edge raised to the floor when the floor lies
 * inside it. The solver's bands are symmetric, so it gets the trimmed band's centre and
 * half-width; the trimmed band lies inside the asked one, so nothing is relaxed.
 */
export function kcalBand(goal: DayGoal): { lo: number; hi: number } {
  const tol = (goal.kcal * goal.kcalTolerancePercent) / 100;
  const lo = goal.kcal - tol;
  const hi = goal.kcal + tol;
  return goal.kcalFloor > lo && goal.kcalFloor < hi ? { lo: goal.kcalFloor, hi } : { lo, hi };
}

/** A food's nutrients per 100 g as the portion solver reads them (sodium capped at 40 g/100 g). */
export function portionPer100g(food: FoodT): PortionItem['per100g'] {
  const n = food.per100g;
  return {
    kcal: n.kcal,
    proteinG: n.protein,
    fatG: n.fat,
    carbsG: n.carbs,
    fiberG: n.fiber,
    sodiumMg: Math.min(40000, n.micronutrients?.sodium_mg ?? 0),
  };
}

/**
 * The day's solver targets and tolerances: the centre of the energy band (see {@link kcalBand})
 * with its half-width, the macros, the fibre floor, the sodium cap, and the calorie floor as a
 * hard minimum when it lies at or under the band.
 */
export function dayTargets(goal: DayGoal): Pick<PortionProblem, 'targets' | 'tolerances'> {
  const band = kcalBand(goal);
  const centre = (band.lo + band.hi) / 2;
  return {
    targets: {
      kcal: centre,
      proteinG: goal.proteinG,
      fatG: goal.fatG,
      carbsG: goal.carbsG,
      fiberMinG: goal.fiberMinG,
      sodiumMaxMg: SODIUM_CDRR_MG,
      // The closest plan of an infeasible day gives up any other target before the floor.
      ...(goal.kcalFloor <= band.lo ? { kcalMin: goal.kcalFloor } : {}),
    },
    tolerances: {
      kcalPercent: (100 * (band.hi - band.lo)) / 2 / centre,
      proteinG: goal.macroToleranceG,
      fatG: goal.macroToleranceG,
      carbsG: goal.macroToleranceG,
    },
  };
}

/** Most grams of added fat in one meal, shared by its fat foods; of one condiment (core `MEAL_REALISM`). */
const MAX_FAT_MEAL_G = 30;
const MAX_CONDIMENT_G = 30;

/**
 * A single food's gram bounds in its meal: the catalogue's portion bounds, added fats sharing
 * 30 g a meal and condiments at most 30 g (on the food's step grid, at least one step), and a
 * breakfast's required protein food at least the grams that make it one (6 g of protein).
 */
function itemBounds(meal: SelectedMeal, food: FoodT, optional: boolean): { minG: number; maxG: number } {
  const { minG, stepG } = food.portion;
  let { maxG } = food.portion;
  const fats = meal.items.filter((x) => isFatFood(x.food)).length;
  if (isFatFood(food)) maxG = Math.min(maxG, MAX_FAT_MEAL_G / Math.max(1, fats));
  if (isCondimentFood(food)) maxG = Math.min(maxG, MAX_CONDIMENT_G);
  maxG = Math.max(stepG, Math.floor(maxG / stepG + 1e-9) * stepG);
  let lo = Math.min(minG, maxG);
  if (meal.type === 'breakfast' && !optional && food.per100g.protein > 0) {
    const need = Math.ceil((600 / food.per100g.protein + 1e-9) / stepG) * stepG;
    if (need <= maxG && isProteinPortion(food, need)) lo = Math.max(lo, need);
  }
  return { minG: lo, maxG };
}

function problemOf(meals: readonly SelectedMeal[], goal: DayGoal, shareTolerance: number): PortionProblem {
  const items: PortionItem[] = [];
  meals.forEach((meal, m) => {
    for (const { food, optional } of meal.items) {
      const { stepG } = food.portion;
      const { minG, maxG } = itemBounds(meal, food, optional);
      const serving = food.servings[0]?.grams;
      items.push({
        id: itemId(m, food.id),
        per100g: portionPer100g(food),
        minG,
        maxG,
        stepG,
        optional,
        // The household serving, when the catalogue's bounds allow it, is the "ordinary" portion.
        ...(serving !== undefined && serving >= minG && serving <= maxG ? { typicalG: serving } : {}),
      });
    }
  });
  return {
    items,
    ...dayTargets(goal),
    meals: meals.map((meal, m) => ({
      id: String(m),
      itemIds: meal.items.map((x) => itemId(m, x.food.id)),
      kcalShare: meal.share,
      kcalShareTolerance: shareTolerance,
    })),
  };
}

/** @internal A solver miss as a day miss, energy against the asked target. */
export function toDayMiss(m: PortionMiss, goal: DayGoal): DayMiss {
  if (m.field === 'kcal') {
    // Reported against the asked target; the miss is the distance outside the (trimmed) band.
    const band = kcalBand(goal);
    return {
      target: 'kcal',
      value: m.value,
      goal: goal.kcal,
      tolerance: (goal.kcal * goal.kcalTolerancePercent) / 100,
      miss: m.direction === 'under' ? band.lo - m.value : m.value - band.hi,
      direction: m.direction,
    };
  }
  const base = {
    value: m.value,
    goal: m.target,
    tolerance: m.tolerance,
    miss: m.miss,
    direction: m.direction,
  };
  if (m.field === 'fiberMinG') return { target: 'fiberG', ...base };
  if (m.field === 'sodiumMaxMg') return { target: 'sodiumMg', ...base };
  if (m.field === 'mealKcal') return { target: 'mealKcal', meal: Number(m.meal), ...base };
  return { target: m.field, ...base };
}

/** Lexicographic badness: energy/macro misses (count, then size in tolerances), then meal shares. */
export function score(plan: PortionPlan): [number, number, number] {
  const hard = plan.misses.filter((m) => NUTRIENT_TARGETS.has(m.field));
  const meal = plan.misses.filter((m) => m.field === 'mealKcal');
  return [
    hard.length,
    hard.reduce((s, m) => s + m.miss / Math.max(m.tolerance, 1e-9), 0),
    meal.reduce((s, m) => s + m.miss, 0),
  ];
}

export const better = (a: [number, number, number], b: [number, number, number]) =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

/**
 * @internal Portions for one day's selection, with up to `maxAttempts` selections: the template
 * selection; then re-selections that add the allowed food densest in each target the day fell
 * short of, swap the food densest in each overshot target for a leaner one of the same role and
 * let every food but a meal's first drop to 0 g; when only meal shares miss, their bands double
 * (up to ±0.15, which the last attempt always uses). Stops at the first plan inside every band;
 * else returns the closest (fewest energy/macro misses, then smallest).
 *
 * Every solve gets the time left until `deadline` (a `performance.now()` instant) for its MIP
 * searches; once it has passed, the remaining attempts are LP + rounding only (about a
 * millisecond each). The closest-plan MIP (the costly part of an infeasible day) runs once, on
 * the kept selection, in whatever time is left. A day that misses after a feasibility search
 * was cut short says `time-limit`.
 */
export async function solveDay(
  first: readonly SelectedMeal[],
  goal: DayGoal,
  pools: Pools,
  previous: readonly ReadonlySet<string>[] = [],
  before: readonly ReadonlySet<string>[] = [],
  deadline = Number.POSITIVE_INFINITY,
): Promise<SolvedDay> {
  let meals = first;
  let shareTolerance = goal.mealShareTolerance;
  let best: { plan: PortionPlan; meals: readonly SelectedMeal[]; problem: PortionProblem } | undefined;
  const reselections: string[] = [];
  let solveMs = 0;
  let attempts = 0;
  let cutShort = false;
  const timeLeft = () => Math.min(MAX_SOLVE_MS, Math.max(0, deadline - performance.now()));
  for (let a = 0; a < goal.maxAttempts; a++) {
    if (a === goal.maxAttempts - 1 && a > 0)
      shareTolerance = Math.max(WIDEST_SHARE_TOLERANCE, shareTolerance);
    const problem = problemOf(meals, goal, shareTolerance);
    // Between re-selections only the direction of each miss matters: no closest-plan MIP yet.
    const plan = await solvePortionsWith({ ...problem, timeLimitMs: timeLeft() }, { closest: 'lp' });
    attempts++;
    if (plan.status === 'time-limit') cutShort = true;
    solveMs += plan.solveMs;
    if (!best || better(score(plan), score(best.plan))) best = { plan, meals, problem };
    if (plan.misses.every((m) => !m.hard) || a + 1 === goal.maxAttempts) break;
    const hard = plan.misses.filter((m) => NUTRIENT_TARGETS.has(m.field));
    const under = hard.filter((m) => m.direction === 'under').map((m) => m.field as DayTargetName);
    const over = hard.filter((m) => m.direction === 'over').map((m) => m.field as DayTargetName);
    if (under.length + over.length > 0) {
      const next = reselect(meals, under, over, pools, previous, before);
      meals = next.meals;
      if (next.change) reselections.push(next.change);
    } else {
      // Energy and macros hold; only meal shares miss: the same foods with wider share bands.
      shareTolerance = Math.min(WIDEST_SHARE_TOLERANCE, shareTolerance * 2);
      reselections.push(`meal-share bands widened to ±${shareTolerance}`);
    }
  }
  // No selection fits: the kept one gets the closest-plan MIP in the time that is left.
  if (best && best.plan.status !== 'optimal' && timeLeft() > 0) {
    const plan = await solvePortionsWith({ ...best.problem, timeLimitMs: timeLeft() }, { closest: 'mip' });
    solveMs += plan.solveMs;
    if (!better(score(best.plan), score(plan))) best = { ...best, plan };
  }
  const { plan, meals: chosen } = best!;
  const grams = new Map(plan.portions.map((p) => [p.id, p.grams]));
  const out: MealT[] = chosen.map((meal, m) => ({
    type: meal.type,
    items: meal.items
      .map((x) => ({ foodId: x.food.id, grams: grams.get(itemId(m, x.food.id)) ?? 0 }))
      .filter((x) => x.grams > 0),
  }));
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
  };
}
