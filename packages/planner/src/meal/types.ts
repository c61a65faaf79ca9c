import type { MealPlanT, MealTypeT } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import type { PortionMethod, PortionTotals } from '../solver/types';
import type { FoodRole } from './roles';

/** Options of {@link planMeals}. */
export interface PlanMealsOptions {
  /** The foods to plan from; default the core catalogue (`FOODS` of `@nexfitra/core/foods`). */
  readonly foods?: readonly FoodT[];
  /** Seed (uint32) for food choices; default the request's `seed`, else 0. */
  readonly seed?: number;
  /** Half-width of the daily energy band, % of the target; default 3. */
  readonly kcalTolerancePercent?: number;
  /** Half-width of each daily macro band, g; default 5. */
  readonly macroToleranceG?: number;
  /** Half-width of each meal's energy share (fraction of the day); default 0.05. */
  readonly mealShareTolerance?: number;
  /** Most food selections tried per day (1–6); default 4. */
  readonly maxAttempts?: number;
  /**
   * Solver time one day may take, ms (0–60,000; default {@link DEFAULT_DAY_TIME_BUDGET_MS}):
   * the exact MIP searches of all its selections share it. The LP relaxation and rounding
   * (about a millisecond per selection) always run, so every day gets a plan.
   */
  readonly dayTimeBudgetMs?: number;
  /**
   * Time the whole meal plan may take, ms (0–600,000; default {@link DEFAULT_TIME_BUDGET_MS}),
   * on the budget clock: this process's CPU time in Node, wall time in browsers. It bounds
   * everything (LPs, rounding, MIPs): once spent, each remaining day takes the lean path (one
   * dish try, at most two single-food selections, LP + rounding only, no MIP), a few
   * milliseconds a day, and a day that then misses says `missReason: 'time-limit'`.
   */
  readonly timeBudgetMs?: number;
  /**
   * How meals are built. `dishes` (default): dishes of the core catalogue (`@nexfitra/core/dishes`)
   * scaled by the solver, with single-food sides to close the macros; when some meal type has no
   * allowed dish the plan falls back to `foods`. `foods`: single foods by role (the templates of
   * `./roles`), the planner before dishes.
   */
  readonly mode?: 'dishes' | 'foods';
  /**
   * Breadth of the dish search (mode `dishes`). `fast` (default): one seeded greedy week.
   * `best`: `BEST_SEARCH.draws` seeded weeks scored before portions, the top
   * `BEST_SEARCH.solved` portioned in full and the best kept (fewest days off target, then
   * most of the six DRI nutrients at ≥ 90 %, fewest days over 2,300 mg sodium, highest mean
   * coverage, most meals in a preferred cuisine); its time budgets are × `solved`.
   */
  readonly search?: PlanSearchMode;
}

/** Breadth of the `best` dish search. */
export const BEST_SEARCH = { draws: 24, solved: 3 } as const;

/** Default {@link PlanMealsOptions.dayTimeBudgetMs}. */
export const DEFAULT_DAY_TIME_BUDGET_MS = 150;
/**
 * Default {@link PlanMealsOptions.timeBudgetMs}: 300 ms of CPU time for the whole meal plan
 * (LPs, rounding, MIPs and the dish search together). Measured on 500 generated weeks the fast
 * search needs under it for 99 % of plans; the rest finish on the lean path (issue 8).
 */
export const DEFAULT_TIME_BUDGET_MS = 300;

/**
 * Why a day's plan misses a target. `no-fit`: for every food selection tried it was proved that
 * no portions meet every band (the LP relaxation or the exact MIP says so); the plan is the
 * closest found. `time-limit`: the solver time budget ran out before an in-band plan was found
 * or ruled out for some selection; the plan is the best found, and more time might fit it.
 */
export type DayMissReason = 'no-fit' | 'time-limit';

/** A daily target the planner aims at. */
export type DayTargetName = 'kcal' | 'proteinG' | 'fatG' | 'carbsG';

/** A target a day's plan misses, with the numbers to show a user. */
export interface DayMiss {
  /**
   * `fiberG` is a floor; `sodiumMg` a cap (NASEM 2019 CDRR, 2,300 mg) the foods could not meet;
   * `mealKcal` is one meal's share of the day's energy (see `meal`).
   */
  readonly target: DayTargetName | 'fiberG' | 'sodiumMg' | 'mealKcal';
  /** 0-based meal index, for `mealKcal`. */
  readonly meal?: number;
  /** What the plan reaches (kcal or g). */
  readonly value: number;
  /** The target (kcal or g). */
  readonly goal: number;
  /** Accepted half-width of the band (0 for the fiber floor). */
  readonly tolerance: number;
  /** Distance outside the band (> 0). */
  readonly miss: number;
  readonly direction: 'over' | 'under';
}

/** How one day came out. */
export interface MealDayResult {
  /** 0-based day. */
  readonly day: number;
  /**
   * `feasible`: energy and every macro are inside their bands. `infeasible`: no selection tried
   * could be portioned into the bands with the allowed foods; the plan is the closest one found
   * and `misses` names each target it misses and by how much.
   */
  readonly status: 'feasible' | 'infeasible';
  /** Energy and macro misses (empty iff feasible). */
  readonly misses: readonly DayMiss[];
  /** Why the day is infeasible; present iff `status` is `infeasible`. */
  readonly missReason?: DayMissReason;
  /** Fiber under its floor and meal shares outside their bands; these do not make a day infeasible. */
  readonly softMisses: readonly DayMiss[];
  /** What the day supplies (from the foods' per-100 g values). */
  readonly totals: PortionTotals;
  /** Food selections portioned for this day (1 = the first worked). */
  readonly attempts: number;
  /** What each re-selection changed, in words (empty when the first selection worked). */
  readonly reselections: readonly string[];
  /** Solver wall time for the day, ms. */
  readonly solveMs: number;
  /** How the solver reached the kept portions: LP + rounding, or the exact MIP (slower). */
  readonly method: PortionMethod;
  /**
   * Mode `dishes`: the dish ids of each meal (main first, then sides served), and `true` when
   * the dishes could not be portioned into the bands and the day was rebuilt from single foods.
   */
  readonly dishes?: readonly (readonly string[])[];
  readonly foodFallback?: boolean;
}

/** One food of a day's selection, before portions. */
export interface SelectedItem {
  readonly food: FoodT;
  readonly role: FoodRole;
  /** The solver may leave it out (0 g). */
  readonly optional: boolean;
}

export interface SelectedMeal {
  readonly type: MealTypeT;
  /** Share of the day's energy (core `DEFAULT_MEAL_SHARES`). */
  readonly share: number;
  readonly items: readonly SelectedItem[];
}

/** What {@link planMeals} returns. */
export interface MealPlanResult {
  /** Valid against core's `MealPlan` schema: `request.days` days of `mealsPerDay` meals. */
  readonly mealPlan: MealPlanT;
  /** One entry per day. */
  readonly days: readonly MealDayResult[];
  /** `true` when every day is feasible. */
  readonly feasible: boolean;
  /** Distinct foods over the whole plan. */
  readonly distinctFoods: number;
  /** How the meals were built (see {@link PlanMealsOptions.mode}); `dishes` may fall back to `foods`. */
  readonly mode: 'dishes' | 'foods';
  /** The dish search used (mode `dishes`). */
  readonly search?: 'fast' | 'best';
}

/**
 * The meal search settings: `fast` (default; the product's answer) and `best` (a wider, seconds-long
 * search — the teacher of the plan models, `builtin:rules-best` in the inference registry and eval).
 */
export const PLAN_SEARCH_MODES = ['fast', 'best'] as const;
export type PlanSearchMode = (typeof PLAN_SEARCH_MODES)[number];
