/**
 * @packageDocumentation
 * `@nexfitra/planner`: complete fitness plans without a model — the baseline every plan model is
 * compared with, the teacher that makes training data, and the repair step after a model.
 *
 * - {@link planPlan}: one request → daily targets (core `dailyTargets`), a meal plan, a training
 *   program, checked by core's `validatePlan`; a request core refuses returns its typed refusal.
 * - {@link planMeals}: foods per meal from the catalogue (diet, allergens, dislikes and meal type
 *   are hard rules; variety across the week), portions from the solver so each day is within
 *   ±3 % kcal and ±5 g of each macro, never under the calorie floor. A day no food selection can
 *   fit is returned as the closest plan with typed misses and a `missReason` (`no-fit` or
 *   `time-limit`). Solver time is bounded: 150 ms a day and 500 ms a plan by default.
 * - {@link solvePortions}: whole-step grams for given foods with HiGHS (WebAssembly, Node and
 *   browsers): LP relaxation + rounding repair, exact MIP only when needed, the closest plan
 *   with typed misses when no plan fits, and a `time-limit` status when its limit runs out.
 * - {@link programWorkout}: a seeded mesocycle (split by days and level, exercises that fit
 *   equipment and injuries, compound before isolation, sets/reps/RIR/rest by goal, weekly sets
 *   per muscle within the level's range, progression and a deload).
 * - {@link generateRequests}: seeded random valid requests for reports, tests and training data.
 *
 * Measured (1,000 generated 7-day requests, 2-core shared machine): 0 hard violations, 99.3 % of
 * days within the bands, meal planning per plan median 40 ms, p95 140 ms, max 0.73 s; a 7-day
 * 4-meal plan 22 ms and a 4-week program 0.5–1.0 ms median in the benches.
 *
 * @example
 * ```ts
 * import { generateRequests, planPlan } from '@nexfitra/planner';
 * const [request] = generateRequests(1, 42);
 * const r = await planPlan(request!);
 * if (r.ok) {
 *   r.plan.mealPlan.days.length; // request.days
 *   r.report.mealDays.filter((d) => d.status === 'infeasible'); // each with misses + missReason
 *   r.report.validation.hard; // []
 * }
 * ```
 */

// solver
export { loadLpSolver, solveLp } from './solver/highs';
export type { LpSolution, LpSolveOptions, LpSolverLoadOptions } from './solver/highs';
export { solvePortions } from './solver/solvePortions';
/** `solvePortions` with the closest-plan search chosen (`'lp'` skips the bound LP and the MIP; the repair's re-selections use it). */
export { type ClosestPlan, solvePortionsWith } from './solver/solvePortions';
export { DEFAULT_PORTION_TIME_LIMIT_MS } from './solver/types';
export type {
  PortionItem,
  PortionMeal,
  PortionMethod,
  PortionMiss,
  PortionNutrients,
  PortionPlan,
  PortionProblem,
  PortionStatus,
  PortionTargetName,
  PortionTargets,
  PortionTolerances,
  PortionTotals,
  PortionWeights,
} from './solver/types';

// workout
/** Exercise traits the programme's doses and progression turn on (the model path's repair swaps only like for like). */
export { isHold as isHoldExercise, isLoaded as isLoadedExercise } from './workout/_prescription';
export { firstWeekEntry, stepKg as loadStepKg } from './workout/_progression';
export { GLUTE_SLACK } from './workout/_week';
export { programWorkout } from './workout/programWorkout';
export type { WorkoutPlan } from './workout/programWorkout';
export type {
  Dose,
  DoseKind,
  Focus,
  SessionKind,
  ShortfallReason,
  SplitName,
  WorkoutOptions,
  WorkoutReport,
} from './workout/types';

// meal planner, whole plan, request generator
export { planMeals } from './meal/planMeals';
/** The day problem's targets/tolerances and a food's solver nutrients, as the meal planner builds them (model repair uses the same). */
export { dayTargets, portionPer100g } from './meal/_solveDay';
export type { DayGoal } from './meal/_solveDay';
export { FOOD_ROLES, MEAL_TEMPLATES, roleOf, templateFor } from './meal/roles';
export type { FoodRole, TemplateSlot } from './meal/roles';
export { DEFAULT_DAY_TIME_BUDGET_MS, DEFAULT_TIME_BUDGET_MS, PLAN_SEARCH_MODES } from './meal/types';
export type {
  DayMiss,
  DayMissReason,
  DayTargetName,
  MealDayResult,
  MealPlanResult,
  PlanMealsOptions,
  PlanSearchMode,
} from './meal/types';
export { createPlan, PLAN_TIME_BUDGET_MS, planPlan, RULE_PLANNER } from './plan/planPlan';
export type { PlanFailure, PlanPlanOptions, PlanPlanResult, PlanReport } from './plan/planPlan';
export { KETO_CARBS_G, planTargets } from './plan/planTargets';
export type { PlanTargets } from './plan/planTargets';
export { generateRequests, UNSAFE_KINDS } from './requests/generateRequests';
export type { GenerateRequestsOptions, UnsafeKind } from './requests/generateRequests';
