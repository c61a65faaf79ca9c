import { Exercise } from '../schemas/exercise';
import { Food } from '../schemas/food';
import { Plan, type PlanT } from '../schemas/plan';
import { requireLookup } from './_context';
import { parseForViolations } from './_schema';
import { checkMealPlan, dishLookup, type MealContext, type MealPlanMetrics } from './meal';
import { type ResolvedOptions, resolveOptions, type ValidationOptions } from './options';
import type { Violation } from './violation';
import { checkWorkoutProgram, type WorkoutContext, type WorkoutMetrics } from './workout';

/** The catalogues a plan refers to, as lookups by id (see `byIdLookup`). */
export interface PlanContext extends MealContext, WorkoutContext {}

export interface PlanValidation {
  /** `true` when no violation is `hard`. */
  readonly ok: boolean;
  /** Meal-plan violations first, then workout ones; paths start at the plan root. */
  readonly violations: readonly Violation[];
  /** `null` when the plan failed its schema. */
  readonly metrics: { readonly mealPlan: MealPlanMetrics; readonly workoutProgram: WorkoutMetrics } | null;
}

/**
 * Checks a whole plan: its schema, then the meal plan ({@link validateMealPlan}) and the
 * workout program ({@link validateWorkoutProgram}) against the request and targets the plan
 * carries. The same checks serve the planners, the inference layer and eval, so "valid" means
 * one thing everywhere. Core does not load the catalogues: pass them as lookups.
 *
 * @param plan untrusted input: a value that fails the `Plan` schema gives one `SCHEMA`
 *   violation per zod issue (and no other checks), never an exception
 * @param context `{ foods, exercises }` lookups by id (and optionally `dishes`: see {@link MealContext})
 * @param options thresholds of the soft checks (see {@link ValidationOptions})
 * @throws {NexFitraError} only for misuse: a missing lookup (`INVALID_TYPE`) or bad options
 * @example
 * import { FOODS } from '@nexfitra/core/foods';
 * import { EXERCISES } from '@nexfitra/core/exercises';
 * const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
 * validatePlan(plan, context).violations.filter((v) => v.severity === 'hard') // []
 */
export function validatePlan(
  plan: unknown,
  context: PlanContext,
  options: ValidationOptions = {},
): PlanValidation {
  const { foods, exercises, dishes } = lookups(context);
  const o = resolveOptions('validatePlan', options);
  const parsed = parseForViolations(Plan, plan, []);
  if ('violations' in parsed) return { ok: false, violations: parsed.violations, metrics: null };
  return checkPlan(parsed.data, foods, exercises, o, dishes);
}

/** The context's catalogue lookups, checked (a missing one is the caller's bug: `INVALID_TYPE`). */
function lookups(context: PlanContext) {
  const foods = requireLookup('validatePlan', context, 'foods', Food) as PlanContext['foods'];
  const exercises = requireLookup('validatePlan', context, 'exercises', Exercise) as PlanContext['exercises'];
  return { foods, exercises, dishes: dishLookup('validatePlan', context) };
}

/**
 * @internal {@link validatePlan} for a plan that is already the output of the `Plan` schema
 * (`parseOrThrow(Plan, …)`, unchanged since), as the planners build it: the same checks and the
 * same findings without parsing the whole plan a second time. Lookups and options are still
 * checked. A value that did not come from the schema is the caller's bug: use `validatePlan`.
 */
export function validateParsedPlan(
  plan: PlanT,
  context: PlanContext,
  options: ValidationOptions = {},
): PlanValidation {
  const { foods, exercises, dishes } = lookups(context);
  return checkPlan(plan, foods, exercises, resolveOptions('validatePlan', options), dishes);
}

function checkPlan(
  p: PlanT,
  foods: PlanContext['foods'],
  exercises: PlanContext['exercises'],
  o: ResolvedOptions,
  dishes: PlanContext['dishes'],
): PlanValidation {
  const meal = checkMealPlan(p.mealPlan, p.request, p.targets, foods, o, ['mealPlan'], dishes);
  const workout = checkWorkoutProgram(p.workoutProgram, p.request, exercises, o, ['workoutProgram']);
  const violations = [...meal.violations, ...workout.violations];
  return {
    ok: violations.every((v) => v.severity !== 'hard'),
    violations,
    metrics: { mealPlan: meal.metrics, workoutProgram: workout.metrics },
  };
}
