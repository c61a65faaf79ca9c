/**
 * @packageDocumentation
 * `@nexfitra/planner`: plans without a model. What works now: the portion solver —
 * {@link solvePortions} chooses whole-step grams for given foods so a day (or a meal) hits kcal
 * and macros inside tolerance bands (default ±3 % kcal, ±5 g per macro), meal energy shares hold
 * and fiber reaches its floor when it can, or returns the closest plan with typed misses. It
 * runs HiGHS compiled to WebAssembly ({@link loadLpSolver}, {@link solveLp}) in Node and in
 * browsers. Not yet here: the workout programmer and the meal-food selection.
 */

// solver
export { loadLpSolver, solveLp } from './solver/highs';
export type { LpSolution, LpSolveOptions, LpSolverLoadOptions } from './solver/highs';
export { solvePortions } from './solver/solvePortions';
export type {
  PortionItem,
  PortionMeal,
  PortionMethod,
  PortionMiss,
  PortionNutrients,
  PortionPlan,
  PortionProblem,
  PortionTargetName,
  PortionTargets,
  PortionTolerances,
  PortionTotals,
  PortionWeights,
} from './solver/types';

// workout
export { programWorkout } from './workout/programWorkout';
export type { WorkoutPlan } from './workout/programWorkout';
export type {
  Dose,
  Emphasis,
  SessionKind,
  ShortfallReason,
  SplitName,
  WorkoutOptions,
  WorkoutReport,
} from './workout/types';

// meal planner, whole plan, request generator
export { planMeals } from './meal/planMeals';
export { FOOD_ROLES, MEAL_TEMPLATES, roleOf, templateFor } from './meal/roles';
export type { FoodRole, TemplateSlot } from './meal/roles';
export type { DayMiss, DayTargetName, MealDayResult, MealPlanResult, PlanMealsOptions } from './meal/types';
export { planPlan, RULE_PLANNER } from './plan/planPlan';
export type { PlanPlanOptions, PlanPlanResult, PlanReport } from './plan/planPlan';
export { KETO_CARBS_G, planTargets } from './plan/planTargets';
export type { PlanTargets } from './plan/planTargets';
export { generateRequests } from './requests/generateRequests';
export type { GenerateRequestsOptions } from './requests/generateRequests';
