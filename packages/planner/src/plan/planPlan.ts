/**
 * The whole plan without a model: targets, meals and a training program for one request, checked
 * by core's validators before it is returned.
 */
import {
  byIdLookup,
  type DailyTargetsOptions,
  NexFitraError,
  Plan,
  PlanRequest,
  type PlanRequestInput,
  type PlanT,
  parseOrThrow,
  type Refusal,
  SCHEMA_VERSION,
  type TargetsSummaryT,
  type ValidationOptions,
  type Violation,
} from '@nexfitra/core';
import { DISHES, type DishT } from '@nexfitra/core/dishes';
import { EXERCISES, type ExerciseT } from '@nexfitra/core/exercises';
import { FOODS, type FoodT } from '@nexfitra/core/foods';
import { checkObject, validateParsedPlan } from '@nexfitra/core/internal';
import { planMeals } from '../meal/planMeals';
import type { MealDayResult } from '../meal/types';
import { programWorkout } from '../workout/programWorkout';
import type { WorkoutReport } from '../workout/types';
import { planTargets } from './planTargets';

const FN = 'createPlan';

/**
 * The stated time budget of one `createPlan` with default options, ms of CPU time (issue 8):
 * the meal plan's 300 ms (`DEFAULT_TIME_BUDGET_MS`), the lean days after it, the training
 * programme and core's validators. `npm run report:planner` reports the p99 against it.
 */
export const PLAN_TIME_BUDGET_MS = 450;

/** Name and version written to `Plan.generatedBy`. */
export const RULE_PLANNER = { name: '@nexfitra/planner rules', version: '0.1.0' } as const;

export interface PlanPlanOptions {
  /**
   * Seed (uint32) for food and exercise choices; default the request's `seed`, else 0. Giving
   * both with different values is an `INCONSISTENT` error (one seed per plan, never a silent
   * override).
   */
  readonly seed?: number;
  /** Weeks of the training program, 1–52; default 4. */
  readonly weeks?: number;
  /** Foods to plan from; default the core catalogue. */
  readonly foods?: readonly FoodT[];
  /** Passed to core `dailyTargets` (BMR equation, protein g/kg, clinician override …). */
  readonly targets?: DailyTargetsOptions;
  /** Thresholds of core's validators. */
  readonly validation?: ValidationOptions;
  /** Solver time per day of the meal plan, ms; default 150 (see `PlanMealsOptions`). */
  readonly dayTimeBudgetMs?: number;
  /** Time for the whole meal plan (LPs, rounding, MIPs), ms; default 300 (see `PlanMealsOptions`). */
  readonly timeBudgetMs?: number;
  /**
   * Breadth of the dish search (see `PlanMealsOptions.search`): `fast` (default) or `best`, the
   * slow "teacher" setting (`builtin:rules-best`).
   */
  readonly search?: 'fast' | 'best';
  /** How meals are built (see `PlanMealsOptions.mode`): `dishes` (default) or single `foods`. */
  readonly mealMode?: 'dishes' | 'foods';
}

/** How the plan was made and how it checks out. */
export interface PlanReport {
  /** Per day: feasible or the typed misses (see `planMeals`). */
  readonly mealDays: readonly MealDayResult[];
  /** `true` when every day's energy and macros are inside their bands. */
  readonly mealsFeasible: boolean;
  readonly workout: WorkoutReport;
  /** Core `validatePlan`: hard violations (never expected) and soft ones with measured values. */
  readonly validation: {
    readonly ok: boolean;
    readonly hard: readonly Violation[];
    readonly soft: readonly Violation[];
  };
  /** Findings of core `dailyTargets` (calorie floor, BMR, AMDR …), shown to the user. */
  readonly targetFindings: readonly { readonly code: string; readonly message: string }[];
  readonly ms: { readonly meals: number; readonly workout: number; readonly validate: number };
}

/**
 * A plan the planner made but must not return: it broke a hard rule (an allergen, the diet, an
 * injury, the calorie floor …). Never expected — it is a bug to report — but typed, so that
 * `ok: true` always means a plan with no hard violation.
 */
export interface PlanFailure {
  readonly code: 'HARD_VIOLATION';
  readonly message: string;
  readonly violations: readonly Violation[];
}

export type PlanPlanResult =
  | { readonly ok: true; readonly plan: PlanT; readonly report: PlanReport }
  | { readonly ok: false; readonly refusal: Refusal; readonly failure?: undefined }
  | { readonly ok: false; readonly failure: PlanFailure; readonly refusal?: undefined };

/**
 * A complete plan for one request: daily targets (core `dailyTargets` via {@link planTargets},
 * keto carbohydrate capped), a meal plan ({@link planMeals}), a training program
 * (`programWorkout`), `generatedBy` = {@link RULE_PLANNER}; the result is parsed with core's
 * `Plan` schema and run through `validatePlan` with the core food and exercise catalogues.
 *
 * A request core refuses (under 18, pregnancy, lactation, weight loss when underweight; see the
 * targets safety policy) returns `{ ok: false, refusal }` with core's typed reasons and nothing
 * else is planned. Days whose targets the allowed foods cannot meet are in the plan with their
 * misses and `missReason` in `report.mealDays` (`report.mealsFeasible` is then `false`). The
 * meal plan's whole time is bounded (default 300 ms of CPU time, then a lean path per
 * remaining day; see `PlanMealsOptions.timeBudgetMs`): `createPlan` stays under
 * {@link PLAN_TIME_BUDGET_MS} on an idle machine (measured p99 on 500 generated weeks).
 *
 * @throws {NexFitraError} `SCHEMA` for an invalid request; what `planMeals`, `programWorkout`
 *   and `dailyTargets` throw for unusable input (each names the field)
 * @throws {NexFitraError} `INCONSISTENT` when `options.seed` and `request.seed` differ
 * @example const r = await createPlan(request); if (r.ok) r.plan.mealPlan.days.length // request.days
 */
export async function createPlan(
  request: PlanRequestInput,
  options: PlanPlanOptions = {},
): Promise<PlanPlanResult> {
  const req = parseOrThrow(PlanRequest, request, FN);
  checkObject(FN, 'options', options);
  const t = planTargets(req, options.targets ?? {});
  if (!t.ok) return t;
  const targets: TargetsSummaryT = t.targets;
  const seed = oneSeed(options.seed, req.seed);
  const foods = options.foods ?? FOODS;

  const t0 = performance.now();
  const meals = await planMeals(req, targets, {
    seed,
    foods,
    ...(options.dayTimeBudgetMs !== undefined ? { dayTimeBudgetMs: options.dayTimeBudgetMs } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
    ...(options.search !== undefined ? { search: options.search } : {}),
    ...(options.mealMode !== undefined ? { mode: options.mealMode } : {}),
  });
  const t1 = performance.now();
  const workout = programWorkout(req, {
    seed,
    ...(options.weeks !== undefined ? { weeks: options.weeks } : {}),
  });
  const t2 = performance.now();
  const plan = parseOrThrow(
    Plan,
    {
      schemaVersion: SCHEMA_VERSION,
      request: req,
      targets,
      mealPlan: meals.mealPlan,
      workoutProgram: workout.program,
      generatedBy: { ...RULE_PLANNER },
    },
    FN,
  );
  // `plan` is the schema's output: validated without a second parse, with the catalogue lookups built once.
  const v = validateParsedPlan(
    plan,
    {
      foods: foods === FOODS ? catalogueFoods() : byIdLookup(foods),
      exercises: catalogueExercises(),
      dishes: catalogueDishes(),
    },
    options.validation ?? {},
  );
  const t3 = performance.now();
  const hard = v.violations.filter((x) => x.severity === 'hard');
  if (hard.length > 0) {
    return {
      ok: false,
      failure: {
        code: 'HARD_VIOLATION',
        message: `the plan broke ${hard.length} hard rule(s) (${[...new Set(hard.map((x) => x.code))].join(', ')}); not returned`,
        violations: hard,
      },
    };
  }
  return {
    ok: true,
    plan,
    report: {
      mealDays: meals.days,
      mealsFeasible: meals.feasible,
      workout: workout.report,
      validation: {
        ok: v.ok,
        hard: v.violations.filter((x) => x.severity === 'hard'),
        soft: v.violations.filter((x) => x.severity === 'soft'),
      },
      targetFindings: t.daily.findings.map((f) => ({ code: f.code, message: f.message })),
      ms: { meals: t1 - t0, workout: t2 - t1, validate: t3 - t2 },
    },
  };
}

/** Lookups over the core catalogues for the validators, built on first use. */
let foodLookup: ((id: string) => FoodT | undefined) | undefined;
let exerciseLookup: ((id: string) => ExerciseT | undefined) | undefined;
const catalogueFoods = () => (foodLookup ??= byIdLookup(FOODS));
const catalogueExercises = () => (exerciseLookup ??= byIdLookup(EXERCISES));
let dishLookup: ((id: string) => DishT | undefined) | undefined;
const catalogueDishes = () => (dishLookup ??= byIdLookup(DISHES));

/** @deprecated Renamed {@link createPlan} (same function, same result); kept for existing callers. */
export const planPlan = createPlan;

/** The plan's seed: the request's or the options', never two different ones. */
function oneSeed(fromOptions: number | undefined, fromRequest: number | undefined): number {
  if (fromOptions !== undefined && fromRequest !== undefined && fromOptions !== fromRequest) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: ['options', 'seed'],
      value: fromOptions,
      allowed: `request.seed (${fromRequest}) or no options.seed: give the seed in one place`,
    });
  }
  return fromOptions ?? fromRequest ?? 0;
}
