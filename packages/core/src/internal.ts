/**
 * @packageDocumentation
 * `@nexfitra/core/internal`: the input-check helpers every NexFitra package uses, so the sibling
 * packages throw the same {@link NexFitraError} shape. Not a public API: no semver promise,
 * and not re-exported from the root entry.
 *
 * @internal
 */
export type { NumberRange } from './_check';
export { checkEnum, checkNumber, checkObject } from './_check';
// Food classes and nutrient helpers the planner and its reports share with core's validators
// (trusted inputs: catalogue foods).
export { driNutrientAmount } from './nutrition/dri';
export {
  householdMeasures,
  householdServing,
  isCondimentFood,
  isDryCereal,
  isFatFood,
  isMilkOrYogurt,
  isProteinPortion,
  isStarchFood,
} from './nutrition/foodClass';
export { formatCount, storeSection } from './nutrition/shoppingList';
// The validators' order of a session's exercises (EXERCISE_ORDER), for the model path's repair.
export { liftOrderRank } from './validate/_workoutRealism';
// The movement patterns the push/pull and quad/hip balance checks weigh, for the same repair.
export { BALANCE_SIDES, balanceSets } from './validate/_workoutWeek';
// validatePlan for a plan the caller has just parsed with the Plan schema (no second parse).
export { validateParsedPlan } from './validate/plan';
// The validators' session clock without input checks (trusted: schema-valid sessions).
export { sessionMinutes } from './validate/sessionLength';
