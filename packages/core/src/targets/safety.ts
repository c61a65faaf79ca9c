import { checkEnum, checkNumber, checkObject } from '../_check';
import { GOAL_TYPES, type GoalTypeT, SEXES, type SexT } from '../schemas/vocab';
import type { TargetFinding } from './_finding';
import {
  type EligibilityInput,
  eligibilityFor,
  type OverrideRecord,
  type Refusal,
  type SafetyOptions,
} from './eligibility';

// The refusal half lives in ./eligibility; re-exported so the policy has one import path.
export type {
  ClinicianOverride,
  Eligibility,
  EligibilityInput,
  OverrideRecord,
  Refusal,
  RefusalCode,
  RefusalReason,
  SafetyOptions,
} from './eligibility';
export {
  ADULT_AGE_YEARS,
  checkEligibility,
  UNDERWEIGHT_BMI,
  unwrapEligible,
} from './eligibility';

/**
 * The targets safety policy. Two kinds of outcome, both returned as data, never applied silently:
 *
 * 1. **Refusal** — who the calculator does not serve without a clinician: under-18s, pregnancy,
 *    lactation, and a weight-loss goal at BMI < 18.5. A refusal is a *result*, not an exception:
 *    {@link checkEligibility} / {@link assessSafety} return the discriminated union
 *    `{ ok: false, refusal }`, so TypeScript makes the caller handle it and the app can show the
 *    reason. (A refusal is an expected answer, not a programming error; callers who prefer
 *    exceptions use {@link unwrapEligible}, which throws `NexFitraError` code `REFUSED`.)
 *    An explicit {@link ClinicianOverride} waives refusals; the result records which were waived.
 * 2. **Findings** — a target that is computed but crosses a line (calorie floor, below BMR, loss
 *    faster than 1 %/week). The numbers are returned unchanged, with the findings beside them.
 *
 * Sources:
 * - Calorie floors 1,200 kcal/d (women) and 1,500 kcal/d (men): the conservative floors commonly
 *   used for unsupervised self-directed diets. The NHLBI guidelines recommend 1,000–1,200 kcal/d
 *   for most women and 1,200–1,600 kcal/d for men on a low-calorie diet, and keep very-low-calorie
 *   diets (< 800 kcal/d) for medically supervised use: NHLBI Obesity Education Initiative. Clinical
 *   Guidelines on the Identification, Evaluation, and Treatment of Overweight and Obesity in
 *   Adults: The Evidence Report. NIH Publication No. 98-4083, 1998; and The Practical Guide, NIH
 *   Publication No. 00-4084, 2000.
 * - Below BMR: policy, not a guideline value — intake under resting needs should be supervised.
 * - Maximum loss ≈ 1 % of body weight per week: Helms ER, Aragon AA, Fitschen PJ. Evidence-based
 *   recommendations for natural bodybuilding contest preparation: nutrition and supplementation.
 *   J Int Soc Sports Nutr 2014;11:20 (0.5–1 %/week to retain lean mass); NHLBI 1998 recommends
 *   0.5–1 kg/week.
 * - BMI < 18.5 is underweight: WHO Technical Report Series 894, 2000 (Table 2.1).
 * - Under-18s: adult energy equations, adult floors and deficits do not apply to growing
 *   children; pregnancy and lactation raise energy needs (IOM. Dietary Reference Intakes for
 *   Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids.
 *   Washington DC: National Academies Press; 2005, ch. 5) and a deficit needs clinical care.
 */

/** Calorie floors, kcal/d, by sex (see module doc). */
export const CALORIE_FLOOR_KCAL = {
  female: 1200,
  male: 1500,
} as const satisfies Record<SexT, number>;
/** Largest planned loss, % body weight per week; a finding fires when the plan is strictly faster. */
export const MAX_LOSS_PERCENT_PER_WEEK = 1;

export interface SafetyFindingsInput {
  readonly sex: SexT;
  readonly goal: GoalTypeT;
  /** The calorie target to check, kcal/d. */
  readonly targetKcal: number;
  /** Estimated BMR, kcal/d; the below-BMR check runs only when it is given. */
  readonly bmrKcal?: number;
  /** Planned loss, % body weight per week (from `calorieTarget(...).weeklyRatePercent`). */
  readonly weeklyRatePercent?: number;
}

/**
 * Findings for a computed calorie target: under the sex floor (`critical`), under BMR
 * (`warning`), and loss faster than 1 % body weight/week (`warning`). Each fires on a strict
 * inequality: a target exactly at the floor or a rate of exactly 1 %/week is fine. The rate is
 * compared after rounding to 1e-9 % so that, e.g., 0.7 kg/week at 70 kg counts as exactly 1 %.
 *
 * @example safetyFindings({ sex: 'female', goal: 'lose', targetKcal: 1100 }).map((f) => f.code) // ['BELOW_CALORIE_FLOOR']
 */
export function safetyFindings(input: SafetyFindingsInput): TargetFinding[] {
  return findingsFor('safetyFindings', input);
}

/** {@link safetyFindings} with the name of the public function that errors blame. */
function findingsFor(fn: string, input: SafetyFindingsInput): TargetFinding[] {
  checkObject(fn, 'input', input);
  const sex = checkEnum(fn, 'sex', input.sex, SEXES);
  const goal = checkEnum(fn, 'goal', input.goal, GOAL_TYPES);
  const targetKcal = checkNumber(fn, 'targetKcal', input.targetKcal, {
    min: 0,
    unit: 'kcal/d',
  });
  const findings: TargetFinding[] = [];

  const floor = CALORIE_FLOOR_KCAL[sex];
  // A microcalorie of tolerance: a day summed from its portions that lands on the floor reads
  // 1499.9999999999998 kcal in floating point (seen in the repair of a 1,500 kcal day), which is
  // the floor, not under it.
  if (targetKcal < floor - 1e-6) {
    findings.push({
      code: 'BELOW_CALORIE_FLOOR',
      severity: 'critical',
      message: `Target ${Math.round(targetKcal)} kcal/d is below the ${floor} kcal/d floor for ${
        sex === 'female' ? 'women' : 'men'
      }; go lower only under medical supervision.`,
      value: targetKcal,
      limit: floor,
      unit: 'kcal/d',
      source: 'NHLBI 1998 (NIH 98-4083); NIH 00-4084',
    });
  }
  if (input.bmrKcal !== undefined) {
    const bmrKcal = checkNumber(fn, 'bmrKcal', input.bmrKcal, {
      min: 0,
      minExclusive: true,
      unit: 'kcal/d',
    });
    // Same 1e-9 kcal tolerance as safeTarget's ceil(kcal - 1e-9): a BMR of 2420.0000000000005
    // (float noise) planned at 2420 kcal is at the BMR, not below it.
    if (targetKcal < bmrKcal - 1e-9) {
      findings.push({
        code: 'BELOW_BMR',
        severity: 'warning',
        message: `Target ${Math.round(targetKcal)} kcal/d is below the estimated BMR of ${Math.round(
          bmrKcal,
        )} kcal/d; eat below resting needs only with supervision.`,
        value: targetKcal,
        limit: bmrKcal,
        unit: 'kcal/d',
        source: 'NexFitra policy',
      });
    }
  }
  if (input.weeklyRatePercent !== undefined) {
    const pct = checkNumber(fn, 'weeklyRatePercent', input.weeklyRatePercent, {
      min: 0,
      unit: '%/week',
    });
    const compared = Math.round(pct * 1e9) / 1e9;
    if (goal === 'lose' && compared > MAX_LOSS_PERCENT_PER_WEEK) {
      findings.push({
        code: 'LOSS_RATE_ABOVE_MAX',
        severity: 'warning',
        message: `Planned loss of ${pct.toFixed(
          2,
        )} % body weight/week is faster than ${MAX_LOSS_PERCENT_PER_WEEK} %/week; faster loss costs more lean mass.`,
        value: pct,
        limit: MAX_LOSS_PERCENT_PER_WEEK,
        unit: '%/week',
        source: 'Helms et al. 2014, J Int Soc Sports Nutr 11:20',
      });
    }
  }
  return findings;
}

export type SafetyAssessment =
  | {
      readonly ok: true;
      readonly findings: readonly TargetFinding[];
      readonly clinicianOverride: OverrideRecord | null;
    }
  | { readonly ok: false; readonly refusal: Refusal };

/**
 * Eligibility and findings in one call: a refusal (`ok: false`) or the findings for the target.
 * @example assessSafety({ ageYears: 30, sex: 'male', weightKg: 80, heightCm: 180, goal: 'lose', targetKcal: 1400 }).ok // true (with a BELOW_CALORIE_FLOOR finding)
 */
export function assessSafety(
  input: EligibilityInput & Omit<SafetyFindingsInput, 'sex' | 'goal'>,
  options?: SafetyOptions,
): SafetyAssessment {
  // Validated under this function's own name, so an error says `fn: 'assessSafety'`.
  const eligibility = eligibilityFor('assessSafety', input, options);
  if (!eligibility.ok) return eligibility;
  return {
    ok: true,
    findings: findingsFor('assessSafety', input),
    clinicianOverride: eligibility.clinicianOverride,
  };
}
