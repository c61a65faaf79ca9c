/**
 * The meal planner: foods for each meal of each day from the catalogue (diet, allergens,
 * dislikes and meal type are hard rules), varied across the week, with portions from the
 * HiGHS portion solver so each day hits energy and macros inside their bands.
 */
import {
  CALORIE_FLOOR_KCAL,
  createRng,
  DEFAULT_MEAL_SHARES,
  driReferences,
  fiberForEnergy,
  MealPlan,
  type MealT,
  NexFitraError,
  PlanRequest,
  type PlanRequestT,
  parseOrThrow,
  SCHEMA_VERSION,
  SODIUM_CDRR_MG,
  TargetsSummary,
  type TargetsSummaryT,
} from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { checkObject } from '@nexfitra/core/internal';
import { budgetNow } from '../solver/_clock';
import { type DishMeal, fitDishDay, type SolvedDishDay, solveDishDay } from './_dishDay';
import { allClosers, leftoverKeep, lessSaltyDay, type PickContext, pickWeek, weekScore } from './_dishPick';
import { buildDishPools } from './_dishPool';
import { planQuality } from './_quality';
import { buildPools, type Pools, selectDay, type VarietyState } from './_select';
import { better, type DayGoal, type SolvedDay, solveDay } from './_solveDay';
import {
  BEST_SEARCH,
  DEFAULT_DAY_TIME_BUDGET_MS,
  DEFAULT_TIME_BUDGET_MS,
  type MealDayResult,
  type MealPlanResult,
  type PlanMealsOptions,
} from './types';

const FN = 'planMeals';
/** Seeded noise of the fast dish search (score units; the best search draws at 1.5). */
const FAST_NOISE = 0.8;

function numberOption(
  options: PlanMealsOptions,
  field: keyof PlanMealsOptions,
  dflt: number,
  min: number,
  max: number,
  integer = false,
): number {
  const v = options[field] ?? dflt;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    throw new NexFitraError({
      code: typeof v === 'number' && Number.isFinite(v) ? 'OUT_OF_RANGE' : 'INVALID_TYPE',
      fn: FN,
      path: ['options', field],
      value: v,
      allowed: `${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
    });
  }
  return v;
}

/**
 * A meal plan for `request.days` days of `request.preferences.mealsPerDay` meals that hits
 * `targets` every day when the allowed foods can.
 *
 * Mode `dishes` (default): each meal (types and energy shares from core's `DEFAULT_MEAL_SHARES`)
 * is a dish of the core catalogue (`@nexfitra/core/dishes`) that keeps the hard food rules
 * (`dishesFor`: diet, allergens with gluten ⇒ wheat, dislikes). The dish search (`./_dishPick`)
 * scores dishes on the six DRI nutrients per kcal (calcium, iron, magnesium, potassium,
 * vitamin C, fibre against the person's RDA/AI by sex and age, iron × 1.8 for vegetarians;
 * the nutrients the week is short of so far weigh more), the fit of the day's protein, fat and
 * carbohydrate to the targets, a natural portion size, the day's projected sodium, the
 * request's `cuisines` (soft), variety (a dish once a week in a slot type, never two days
 * running) and a short shopping list; breakfasts (each with a protein food whenever the
 * person's dishes allow) and snacks rotate among two or three dishes, and a dinner that keeps
 * is the next day's lunch. A day whose main dishes fall short of the calcium RDA gets up to two
 * calcium-rich sides as required sides; one milk, plant-milk or yogurt side a day at most.
 * Fibre is aimed at the person's DRI AI where it is above `targets.fiberG`. `search: 'best'` draws
 * `BEST_SEARCH.draws` seeded weeks, portions the top `BEST_SEARCH.solved` in full
 * and keeps the best (about 3 × the time of `fast`). The portion solver then scales each
 * component within its dish range (scaled to the meal's energy, × 0.6–1.6; seasonings and sauces
 * unscaled), never over 3 × (nor, seasonings aside, under ¼ ×) the food's household serving or
 * over its plausible maximum, at most 20 g of any added fat; optional sides (fruit, milk or a
 * plant milk, bread beside a dish without a starch, a vegetable, half an avocado) close the
 * macros; a breakfast's protein food is served at ≥ 6 g protein (a small breakfast's range is
 * lifted to those grams, up to the component's unscaled range: 185 g of soy milk, not 105 g); a
 * condiment (core `isCondimentFood`: tahini, pesto, miso …) supplies at most 15 % of its meal's
 * target energy, never the meal's staple; sodium ≤ 2,300 mg/day
 * (NASEM 2019 CDRR) is a hard bound where an in-band plan allows it, and a day still over it
 * swaps its saltiest dish for a less salty one of the same macro profile (twice at most), else
 * the least salty plan comes with a `sodiumMg` soft miss. Grams lie on the plan language's grid (whole grams to
 * 30 g, then 5 g steps). A day the dishes cannot fit after three tries (see `solveDishDay`) is
 * rebuilt from single foods (mode `foods`, below) when that is closer, and says `foodFallback`.
 * When some meal type has no allowed dish at all, the whole plan uses mode `foods`.
 *
 * Mode `foods`: each meal is filled from its template (`MEAL_TEMPLATES` in `./roles`: protein ·
 * starch · vegetable or fruit · optional fat) with allowed single foods, varied across the
 * week (one starch a meal; a breakfast without an allowed breakfast protein food takes one of
 * lunch's; no condiment in any role and no dry cereal, which a single-food meal has no milk to
 * pour on), and portioned the same way within each food's portion bounds and steps, added fats
 * sharing 30 g a meal and condiments ≤ 30 g.
 *
 * Both modes land each day within ±`kcalTolerancePercent` % of energy and ±`macroToleranceG` g
 * of protein, fat and carbohydrate (total, fiber included, as in the food data) — the energy
 * band never reaching under the sex's calorie floor (core `CALORIE_FLOOR_KCAL`) — each meal
 * within ±`mealShareTolerance` of its share (widened up to ±0.15 before a day is given up), and
 * fiber at or above `targets.fiberG` (default 14 g/1,000 kcal) when possible. A day that cannot
 * is kept as the closest plan and marked `infeasible` with one {@link DayMiss} per missed
 * target and a `missReason` — never a silent miss; the closest plan gives up any other target
 * before it goes under the calorie floor.
 *
 * Time: the meal plan's whole time is bounded (issue 8). Mode `dishes`: portioning the whole
 * plan — LPs, rounding and MIPs together — gets `timeBudgetMs` (default 300 ms) on the budget
 * clock (CPU time in Node, wall time in browsers); the MIPs of one day share at most
 * `dayTimeBudgetMs` (default 150 ms) of what is left. Once the budget is spent, each remaining
 * day takes the lean path: one dish try, at most two single-food selections, LP + rounding
 * only (no MIP, no sodium swap), a few ms a day. Bound: `timeBudgetMs` + the day in progress
 * + a lean day per remaining day (with `search: 'best'`, × 3 weeks). Mode `foods`: the MIPs
 * share the same budgets and the LPs always run. A day left outside the bands because a
 * search was cut short (or taken on the lean path) says `missReason: 'time-limit'`; one proved
 * impossible for every try says `no-fit`. The same request and seed give the same plan as
 * long as no search is cut short; pass larger budgets
 * where reproducibility matters more than latency.
 *
 * @param request a PlanRequest (checked against the schema)
 * @param targets the daily targets (a core `TargetsSummary`; see `planTargets` for keto)
 * @param options foods, seed, bands and attempts (see {@link PlanMealsOptions})
 * @throws {NexFitraError} `SCHEMA` for an invalid request or targets; `OUT_OF_RANGE` /
 *   `INVALID_TYPE` naming a bad option; `INCONSISTENT` naming `preferences` when a meal type has
 *   no allowed food at all
 * @example (await planMeals(request, { kcal: 2200, proteinG: 150, fatG: 70, carbsG: 240 })).days.map((d) => d.status)
 */
export async function planMeals(
  request: PlanRequestT,
  targets: TargetsSummaryT,
  options: PlanMealsOptions = {},
): Promise<MealPlanResult> {
  const req = parseOrThrow(PlanRequest, request, FN);
  const tgt = parseOrThrow(TargetsSummary, targets, FN);
  checkObject(FN, 'options', options);
  const foods = options.foods ?? FOODS;
  if (!Array.isArray(foods) || foods.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: FN,
      path: ['options', 'foods'],
      value: foods,
      allowed: 'a non-empty array of catalogue foods',
    });
  }
  const seed = numberOption(options, 'seed', req.seed ?? 0, 0, 2 ** 32 - 1, true);
  const goal: DayGoal = {
    kcal: tgt.kcal,
    proteinG: tgt.proteinG,
    fatG: tgt.fatG,
    carbsG: tgt.carbsG,
    fiberMinG: tgt.fiberG ?? (tgt.kcal <= 10000 ? fiberForEnergy(tgt.kcal) : 0),
    kcalTolerancePercent: numberOption(options, 'kcalTolerancePercent', 3, 0.1, 50),
    kcalFloor: CALORIE_FLOOR_KCAL[req.profile.sex],
    macroToleranceG: numberOption(options, 'macroToleranceG', 5, 0.1, 500),
    mealShareTolerance: numberOption(options, 'mealShareTolerance', 0.05, 0.01, 1),
    maxAttempts: numberOption(options, 'maxAttempts', 4, 1, 6, true),
  };
  const dayBudgetMs = numberOption(options, 'dayTimeBudgetMs', DEFAULT_DAY_TIME_BUDGET_MS, 0, 60000);
  const budgetMs = numberOption(options, 'timeBudgetMs', DEFAULT_TIME_BUDGET_MS, 0, 600000);
  const prefs = req.preferences;
  const slots = DEFAULT_MEAL_SHARES[prefs.mealsPerDay as 2 | 3 | 4 | 5 | 6].map((s) => ({
    type: s.mealType,
    share: s.share,
  }));
  const pools = buildPools(foods, prefs);
  for (const { type } of slots) {
    if ([...pools.get(type)!.values()].every((fs) => fs.length === 0)) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: FN,
        path: ['request', 'preferences'],
        value: { diet: prefs.diet, allergens: prefs.allergens, dislikedFoodIds: prefs.dislikedFoodIds },
        allowed: `preferences that leave at least one allowed ${type} food`,
      });
    }
  }

  const rng = createRng(seed);
  const search = options.search ?? 'fast';
  if (search !== 'fast' && search !== 'best') {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path: ['options', 'search'],
      value: search,
      allowed: 'one of "fast", "best"',
    });
  }
  const mode = options.mode ?? 'dishes';
  if (mode !== 'dishes' && mode !== 'foods') {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path: ['options', 'mode'],
      value: mode,
      allowed: 'one of "dishes", "foods"',
    });
  }
  const dishPools = mode === 'dishes' ? buildDishPools(foods, prefs) : undefined;
  const useDishes =
    dishPools !== undefined && slots.every(({ type }) => (dishPools.mains.get(type)?.length ?? 0) > 0);

  let mealDays: { meals: MealT[] }[];
  let days: MealDayResult[];
  if (!useDishes) {
    ({ mealDays, days } = await planFoodDays(
      req.days,
      slots,
      prefs.diet,
      pools,
      goal,
      rng,
      dayBudgetMs,
      budgetMs,
    ));
  } else {
    const ctx: PickContext = {
      slots,
      days: req.days,
      pools: dishPools,
      cuisines: prefs.cuisines ?? [],
      dri: driReferences(req.profile.sex, req.profile.age, prefs.diet),
      kcal: tgt.kcal,
      proteinG: tgt.proteinG,
      fatG: tgt.fatG,
      carbsG: tgt.carbsG,
    };
    const closers = (type: Parameters<typeof allClosers>[1], meal: DishMeal) =>
      allClosers(dishPools, type, meal.main);
    // Dish days aim fibre at the person's DRI AI where it lies above targets.fiberG (issue 8).
    const fiberAi = ctx.dri.find((r) => r.key === 'fiber_g')?.amount ?? 0;
    const dishGoal: DayGoal = { ...goal, fiberMinG: Math.max(goal.fiberMinG, fiberAi) };
    const solveWeek = async (week: DishMeal[][], budget: number) => {
      // The whole plan's budget, on the budget clock (CPU time where known; see `budgetNow`).
      const planEnd = budgetNow() + budget;
      const out: { mealDays: { meals: MealT[] }[]; days: MealDayResult[] } = { mealDays: [], days: [] };
      const state: VarietyState = { used: new Map(), previous: [], before: [] };
      for (let d = 0; d < week.length; d++) {
        const left = planEnd - budgetNow();
        // Budget spent: the remaining days get the lean path (one dish try, two single-food
        // selections, no MIP, no sodium swap): a few LPs a day, so the plan's time stays bounded.
        const lean = left <= 0;
        const deadline = performance.now() + Math.max(0, Math.min(dayBudgetMs, left));
        const dayGoal = lean ? { ...dishGoal, maxAttempts: 1 } : dishGoal;
        // A day the dishes cannot fit gets no closest plan yet: the single-food rebuild below
        // has the first (cheaper) chance, and when that fits the closest dish plan (its LPs
        // and its MIP) is never needed.
        let solved: SolvedDishDay | SolvedDay | undefined = await fitDishDay(
          week[d]!,
          closers,
          dayGoal,
          deadline,
        );
        // Over the sodium CDRR inside the bands: the saltiest meal's dish swapped for a less
        // salty one of the same macro profile (twice at most), kept only when still in band.
        for (let k = 0; k < 2 && !lean && solved && solved.totals.sodiumMg > SODIUM_CDRR_MG; k++) {
          const alt = lessSaltyDay(ctx, week[d]!, d, leftoverKeep(week, d));
          if (!alt) break;
          const again = await solveDishDay(alt, closers, dishGoal, deadline, 'mip');
          if (again.misses.length > 0 || again.totals.sodiumMg >= solved.totals.sodiumMg) break;
          week[d] = alt;
          solved = again;
        }
        let foodFallback = false;
        if (!solved) {
          // The dishes cannot be portioned into the bands: single foods by role for this day,
          // kept when they fit, else when closer than the dishes' closest plan (energy and
          // macros first).
          const alt = await solveDay(
            selectDay(slots, prefs.diet, pools, state, rng),
            lean ? { ...goal, maxAttempts: Math.min(goal.maxAttempts, 2) } : goal,
            pools,
            [],
            [],
            deadline,
          );
          const rank = (x: SolvedDay | SolvedDishDay) =>
            [x.misses.length, x.misses.reduce((a, m) => a + m.miss / Math.max(m.tolerance, 1e-9), 0), 0] as [
              number,
              number,
              number,
            ];
          let dish: SolvedDishDay | undefined;
          if (alt.misses.length > 0) {
            // Neither fits: the dishes' closest plan, with its MIP when time is left.
            dish =
              deadline - performance.now() > 2
                ? await solveDishDay(week[d]!, closers, dishGoal, deadline, 'mip')
                : await solveDishDay(week[d]!, closers, dayGoal, deadline, 'lp');
          }
          if (!dish || better(rank(alt), rank(dish))) {
            solved = alt;
            foodFallback = true;
          } else solved = dish;
        }
        const dishes = foodFallback
          ? undefined
          : solved.meals.map((m) => [...new Set(m.items.map((x) => x.dishId ?? ''))]);
        for (const m of solved.meals)
          for (const x of m.items) state.used.set(x.foodId, (state.used.get(x.foodId) ?? 0) + 1);
        out.mealDays.push({ meals: solved.meals });
        // A lean day that misses might have fitted with the full search: a time limit.
        const missReason = solved.missReason && lean ? 'time-limit' : solved.missReason;
        out.days.push({
          day: d,
          status: solved.misses.length === 0 ? 'feasible' : 'infeasible',
          misses: solved.misses,
          ...(missReason ? { missReason } : {}),
          softMisses: solved.softMisses,
          totals: solved.totals,
          attempts: solved.attempts,
          reselections: solved.reselections,
          solveMs: solved.solveMs,
          method: solved.method,
          ...(dishes ? { dishes } : {}),
          ...(foodFallback ? { foodFallback } : {}),
        });
      }
      return out;
    };
    if (search === 'fast') {
      ({ mealDays, days } = await solveWeek(pickWeek(ctx, rng, FAST_NOISE), budgetMs));
    } else {
      const draws = Array.from({ length: BEST_SEARCH.draws }, () => pickWeek(ctx, rng.fork(), 1.5));
      const ranked = draws
        .map((week, i) => ({ week, i, s: weekScore(ctx, week) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, BEST_SEARCH.solved);
      let kept: { q: number[]; r: Awaited<ReturnType<typeof solveWeek>> } | undefined;
      for (const { week } of ranked) {
        const r = await solveWeek(week, budgetMs);
        const q = planQuality(r.mealDays, r.days, foods, ctx);
        if (!kept || lexLess(q, kept.q)) kept = { q, r };
      }
      ({ mealDays, days } = kept!.r);
    }
  }
  // Parsed so a planner bug surfaces as a typed schema error here, not downstream.
  const mealPlan = parseOrThrow(MealPlan, { schemaVersion: SCHEMA_VERSION, days: mealDays }, FN);
  return {
    mealPlan,
    days,
    feasible: days.every((d) => d.status === 'feasible'),
    distinctFoods: new Set(mealDays.flatMap((d) => d.meals.flatMap((m) => m.items.map((x) => x.foodId))))
      .size,
    mode: useDishes ? 'dishes' : 'foods',
    ...(useDishes ? { search } : {}),
  };
}

const lexLess = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
};

/** Mode `foods`: each day's foods by role (templates of `./roles`), varied across the week. */
async function planFoodDays(
  n: number,
  slots: readonly { type: MealT['type']; share: number }[],
  diet: PlanRequestT['preferences']['diet'],
  pools: Pools,
  goal: DayGoal,
  rng: ReturnType<typeof createRng>,
  dayBudgetMs: number,
  budgetMs: number,
): Promise<{ mealDays: { meals: MealT[] }[]; days: MealDayResult[] }> {
  const planDeadline = performance.now() + budgetMs;
  const state: VarietyState = { used: new Map(), previous: [], before: [] };
  const days: MealDayResult[] = [];
  const mealDays: { meals: MealT[] }[] = [];
  for (let d = 0; d < n; d++) {
    const selection = selectDay(slots, diet, pools, state, rng);
    const deadline = Math.min(performance.now() + dayBudgetMs, planDeadline);
    const solved = await solveDay(selection, goal, pools, state.previous, state.before, deadline);
    mealDays.push({ meals: solved.meals });
    state.before = state.previous;
    state.previous = solved.meals.map((m) => new Set(m.items.map((x) => x.foodId)));
    for (const m of solved.meals)
      for (const x of m.items) state.used.set(x.foodId, (state.used.get(x.foodId) ?? 0) + 1);
    days.push({
      day: d,
      status: solved.misses.length === 0 ? 'feasible' : 'infeasible',
      misses: solved.misses,
      ...(solved.missReason ? { missReason: solved.missReason } : {}),
      softMisses: solved.softMisses,
      totals: solved.totals,
      attempts: solved.attempts,
      reselections: solved.reselections,
      solveMs: solved.solveMs,
      method: solved.method,
    });
  }
  return { mealDays, days };
}
