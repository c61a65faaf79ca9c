/**
 * @internal The one shape every target check reports in: a literal `code` the app can switch on,
 * a severity, a sentence it can show, and the measured value next to the limit it broke (after
 * zod's issue objects). Findings are advice to display. One policy changes a number, and says so
 * in its own finding: `dailyTargets` never plans a weight-loss target under the lowest safe intake
 * (`TARGET_RAISED_FOR_SAFETY`, see `safeTarget.ts`).
 */

/** `info`: worth showing; `warning`: show before the user accepts; `critical`: needs review. */
export type TargetSeverity = 'info' | 'warning' | 'critical';

export type TargetFindingCode =
  /** Calorie target under the sex-specific floor (1,200 kcal women, 1,500 kcal men). */
  | 'BELOW_CALORIE_FLOOR'
  /** Calorie target under the estimated basal metabolic rate. */
  | 'BELOW_BMR'
  /** Planned loss faster than 1 % of body weight per week. */
  | 'LOSS_RATE_ABOVE_MAX'
  /** Carbohydrate left after protein and fat is under the 130 g/d RDA. */
  | 'CARBS_BELOW_RDA'
  /** Protein and fat floors alone need more energy than the calorie target. */
  | 'MACROS_EXCEED_TARGET'
  /** The asked target was unsafe; the planned one is the lowest safe intake (floor, BMR, 1 %/week). */
  | 'TARGET_RAISED_FOR_SAFETY';

export interface TargetFinding {
  readonly code: TargetFindingCode;
  readonly severity: TargetSeverity;
  readonly message: string;
  /** The measured value, in `unit`. */
  readonly value: number;
  /** The limit it was compared with, in `unit`. */
  readonly limit: number;
  readonly unit: string;
  /** Short citation of the rule. */
  readonly source: string;
}
