/**
 * The one shape every plan checker reports in (after zod's issue objects: readonly, keyed by a
 * literal `code`). A plan is `ok` when it has no `hard` violation; `soft` violations are quality
 * findings that carry the measured value next to what was expected.
 */

/** Violations that make a plan unusable: it is unsafe, ignores the request, or cannot be read. */
export const HARD_VIOLATION_CODES = [
  /** The document fails its zod schema (one violation per zod issue). */
  'SCHEMA',
  /** A food id that the foods lookup does not know. */
  'UNKNOWN_FOOD',
  /** A food tagged with an allergen the person listed (`gluten` also matches `wheat` foods). */
  'ALLERGEN_PRESENT',
  /** A food not compatible with the requested diet type. */
  'DIET_MISMATCH',
  /** A food on the person's disliked list. */
  'DISLIKED_FOOD',
  /** The meal plan covers a different number of days than `request.days`. */
  'DAY_COUNT_MISMATCH',
  /** A day with a different number of meals than `preferences.mealsPerDay`. */
  'MEALS_PER_DAY_MISMATCH',
  /** A day's energy under the targets safety floor for the person's sex. */
  'CALORIES_BELOW_FLOOR',
  /** An exercise id that the exercises lookup does not know. */
  'UNKNOWN_EXERCISE',
  /** An exercise on the person's excluded list. */
  'EXCLUDED_EXERCISE',
  /** An exercise needing equipment the person does not have. */
  'EQUIPMENT_MISSING',
  /** An exercise contraindicated for one of the person's stated injuries. */
  'CONTRAINDICATED_EXERCISE',
  /** A week training on a different number of days than `preferences.trainingDaysPerWeek`. */
  'TRAINING_DAYS_MISMATCH',
] as const;

/** Quality findings, each with the measured value. */
export const SOFT_VIOLATION_CODES = [
  /** A day's energy outside the target ± the kcal tolerance. */
  'KCAL_OFF_TARGET',
  /** A day's protein outside the target ± the macro tolerance. */
  'PROTEIN_OFF_TARGET',
  /** A day's fat outside the target ± the macro tolerance. */
  'FAT_OFF_TARGET',
  /** A day's carbohydrate outside the target ± the macro tolerance. */
  'CARBS_OFF_TARGET',
  /** A day's fiber under the target less the fiber tolerance. */
  'FIBER_BELOW_TARGET',
  /** A portion outside the food's plausible portion bounds. */
  'PORTION_IMPLAUSIBLE',
  /** Fewer distinct foods in a 7-day block than the variety minimum. */
  'LOW_FOOD_VARIETY',
  /** The same food in the same meal slot on more consecutive days than allowed. */
  'REPEATED_MEAL_FOOD',
  /** An exercise whose minimum level is above the person's experience. */
  'EXERCISE_ABOVE_LEVEL',
  /** Weekly sets for a muscle outside the evidence range for the person's level. */
  'WEEKLY_SETS_OUT_OF_RANGE',
  /** A muscle trained on fewer days of a week than recommended. */
  'MUSCLE_FREQUENCY_LOW',
  /** Push share of push + pull sets outside the stated bounds. */
  'PUSH_PULL_IMBALANCE',
  /** Quad-dominant share of quad + hip-dominant sets outside the stated bounds. */
  'QUAD_HIP_IMBALANCE',
  /** A session whose estimated length exceeds the time asked. */
  'SESSION_TOO_LONG',
  /** More consecutive training days than allowed without a rest day. */
  'TOO_MANY_CONSECUTIVE_DAYS',
  /** A resistance session opening with fewer than 3 sets of its main lift (loading weeks). */
  'ONE_SET_OPENER',
  /** A loading week in which fewer than half the exercises progress on the loading week before. */
  'NO_PROGRESSION',
  /** A multiple-joint lift after single-joint work in a session (loading weeks). */
  'EXERCISE_ORDER',
  /** A loading week without one of squat, hinge, horizontal/vertical push, horizontal/vertical pull. */
  'MOVEMENT_PATTERN_MISSING',
  /** More distinct exercises in a loading week than the level's limit. */
  'TOO_MANY_EXERCISES',
  /** Mean daily intake of a micronutrient under its adult RDA/AI. */
  'MICRONUTRIENT_BELOW_DRI',
  /** Mean daily intake of a micronutrient over its upper reference (sodium CDRR). */
  'MICRONUTRIENT_ABOVE_LIMIT',
  /** A portion outside [¼ ×, 3 ×] the food's household serving. */
  'PORTION_OUT_OF_RANGE',
  /** A day's sodium over the 2,300 mg CDRR (NASEM 2019). */
  'SODIUM_OVER_LIMIT',
  /** A meal with two or more starches (rice and bread, pasta and potatoes …). */
  'TWO_STARCHES',
  /** A condiment or seasoning as the meal's heaviest item or a quarter of its energy. */
  'CONDIMENT_AS_STAPLE',
  /** More than 30 g of one condiment in a meal. */
  'CONDIMENT_PORTION_HIGH',
  /** More than 30 g of added fat (oil, butter, dressing) in a meal. */
  'FAT_PORTION_HIGH',
  /** A lunch or dinner under 20 g protein on a day of at least 80 g. */
  'LOW_PROTEIN_MAIN_MEAL',
  /** A breakfast without a protein food. */
  'BREAKFAST_WITHOUT_PROTEIN',
  /** Dry breakfast cereal without milk, a plant milk or yogurt in the meal. */
  'DRY_CEREAL_WITHOUT_MILK',
  /** More distinct foods in a 7-day block than a practical shopping list holds. */
  'TOO_MANY_DISTINCT_FOODS',
  /** The plan's mean daily fibre under the adult AI (IOM 2005). */
  'FIBER_BELOW_AI',
] as const;

export type HardViolationCode = (typeof HARD_VIOLATION_CODES)[number];
export type SoftViolationCode = (typeof SOFT_VIOLATION_CODES)[number];
export type ViolationCode = HardViolationCode | SoftViolationCode;
export type ViolationSeverity = 'hard' | 'soft';

/** A closed interval; either end may be open-ended. */
export interface ExpectedRange {
  readonly min?: number;
  readonly max?: number;
}

export interface Violation {
  readonly code: ViolationCode;
  readonly severity: ViolationSeverity;
  /** Where in the document, e.g. `['mealPlan', 'days', 2, 'meals', 1, 'items', 0]`. */
  readonly path: readonly (string | number)[];
  /** One sentence a person can act on. */
  readonly message: string;
  /** The measured value, in `unit`. */
  readonly measured?: number;
  /** What was expected, in `unit`. */
  readonly expected?: ExpectedRange;
  readonly unit?: string;
}

const HARD: ReadonlySet<string> = new Set(HARD_VIOLATION_CODES);

/** `hard` for the codes in {@link HARD_VIOLATION_CODES}, else `soft`. */
export function severityOf(code: ViolationCode): ViolationSeverity {
  return HARD.has(code) ? 'hard' : 'soft';
}

/** @internal Builds a violation with its severity from the code. */
export function violation(
  code: ViolationCode,
  path: readonly (string | number)[],
  message: string,
  measure?: { readonly measured: number; readonly expected: ExpectedRange; readonly unit: string },
): Violation {
  return { code, severity: severityOf(code), path, message, ...(measure ?? {}) };
}
