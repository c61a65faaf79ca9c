import type { SexT } from '../schemas/vocab';
import type { TargetFinding } from './_finding';
import { GAIN_KCAL_PER_KG, LOSS_KCAL_PER_KG } from './calories';
import { CALORIE_FLOOR_KCAL, MAX_LOSS_PERCENT_PER_WEEK } from './safety';

/**
 * The floor policy: what `dailyTargets` plans when the goal as asked would need an unsafe target.
 *
 * A weight-loss target is never planned under the LOWEST SAFE INTAKE, the largest of
 * - the sex's calorie floor (1,200 kcal/d women, 1,500 kcal/d men; NHLBI 1998, NIH 98-4083 and
 *   NIH 00-4084 — intakes below these need medical supervision),
 * - the estimated BMR (NexFitra policy: eating under resting needs only with supervision), and
 * - the intake that loses 1 % of body weight a week by the static 7,700 kcal/kg rule (Helms,
 *   Aragon & Fitschen 2014, J Int Soc Sports Nutr 11:20: 0.5–1 %/week retains lean mass; NHLBI
 *   1998: 0.5–1 kg/week).
 * When the asked target is under it, the plan is made AT it (rounded up to a whole kcal), and the
 * achievable rate and the time to the target weight are recomputed and reported in a
 * `TARGET_RAISED_FOR_SAFETY` finding. When the lowest safe intake is at or above the person's
 * TDEE no safe deficit exists and the goal is refused (`NO_SAFE_DEFICIT`). Maintenance and gain
 * targets under the sex floor are raised to it (a diet under the floor rarely meets the
 * micronutrient DRIs). A clinician override (`options.clinicianOverride` with a reason) is the
 * only way below: the asked target is then planned with the critical findings beside it.
 */

/** Why a planned target differs from the asked one. */
export type TargetLimit = 'calorie-floor' | 'bmr' | 'max-loss-rate';

export interface SafeTargetInput {
  readonly sex: SexT;
  readonly goal: 'lose' | 'maintain' | 'gain';
  /** The target the goal asks for, kcal/d (may be ≤ 0 for an absurd rate). */
  readonly requestedKcal: number;
  readonly tdeeKcal: number;
  readonly bmrKcal: number;
  readonly weightKg: number;
  /** Asked weekly change, kg (≥ 0). */
  readonly requestedRateKg: number;
  /** Goal weight, kg, for the time-to-target figure. */
  readonly targetWeightKg?: number;
  /**
   * Weeks to `targetWeightKg` when eating `targetKcal` a day; `null` when the goal is not reached
   * (a plateau short of it). Default: the static rule (gap / planned weekly rate). `dailyTargets`
   * passes the Hall et al. 2011 dynamic model, which predicts slower loss as expenditure falls.
   */
  readonly weeksToTarget?: (targetKcal: number, weeklyRateKg: number) => number | null;
}

export interface SafeTarget {
  /** The planned daily target, whole kcal. */
  readonly targetKcal: number;
  /** `null` when the asked target was safe and is planned as asked (rounded). */
  readonly limitedBy: TargetLimit | null;
  /** The planned weekly change, kg (static 7,700 kcal/kg rule; ≥ 0, direction from the goal). */
  readonly weeklyRateKg: number;
  readonly weeklyRatePercent: number;
  /** Weeks to the target weight at the planned rate (static rule), or `null` without one. */
  readonly weeksToTarget: number | null;
  readonly findings: readonly TargetFinding[];
}

export type SafeTargetResult =
  | ({ readonly ok: true } & SafeTarget)
  | {
      readonly ok: false;
      /** The lowest safe intake, kcal/d, that is at or above TDEE. */
      readonly lowestSafeKcal: number;
      readonly message: string;
    };

const fmt = (x: number, d = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The lowest safe intake for a weight-loss goal and what sets it (see the module doc). */
export function lowestSafeIntake(
  sex: SexT,
  bmrKcal: number,
  tdeeKcal: number,
  weightKg: number,
): { readonly kcal: number; readonly limit: TargetLimit } {
  const byRate = tdeeKcal - ((MAX_LOSS_PERCENT_PER_WEEK / 100) * weightKg * LOSS_KCAL_PER_KG) / 7;
  const candidates: [number, TargetLimit][] = [
    [CALORIE_FLOOR_KCAL[sex], 'calorie-floor'],
    [bmrKcal, 'bmr'],
    [byRate, 'max-loss-rate'],
  ];
  let best = candidates[0] as [number, TargetLimit];
  for (const c of candidates) if (c[0] > best[0]) best = c;
  return { kcal: best[0], limit: best[1] };
}

const LIMIT_TEXT: Record<TargetLimit, string> = {
  'calorie-floor': 'the calorie floor',
  bmr: 'the estimated BMR',
  'max-loss-rate': 'the 1 %/week maximum loss rate',
};

/**
 * Applies the floor policy (module doc) to an asked calorie target. Inputs are trusted (checked
 * by `dailyTargets`).
 *
 * @example safeTarget({ sex: 'female', goal: 'lose', requestedKcal: 638, tdeeKcal: 1463, bmrKcal: 1219, weightKg: 60, requestedRateKg: 0.75 })
 *   // { ok: true, targetKcal: 1219, limitedBy: 'bmr', weeklyRateKg: 0.222…, … }
 */
export function safeTarget(input: SafeTargetInput): SafeTargetResult {
  const { sex, goal, requestedKcal, tdeeKcal, bmrKcal, weightKg, requestedRateKg } = input;
  const floor = CALORIE_FLOOR_KCAL[sex];
  const findings: TargetFinding[] = [];
  const weeksAt = (kcal: number, rateKg: number): number | null => {
    if (input.targetWeightKg === undefined) return null;
    const gap = goal === 'lose' ? weightKg - input.targetWeightKg : input.targetWeightKg - weightKg;
    if (gap <= 0) return 0;
    if (input.weeksToTarget !== undefined) return input.weeksToTarget(kcal, rateKg);
    return rateKg > 0 ? gap / rateKg : null;
  };
  const asked = Math.round(requestedKcal);

  if (goal === 'lose') {
    const low = lowestSafeIntake(sex, bmrKcal, tdeeKcal, weightKg);
    const lowKcal = Math.ceil(low.kcal - 1e-9);
    if (lowKcal >= tdeeKcal) {
      return {
        ok: false,
        lowestSafeKcal: lowKcal,
        message: `No safe deficit: the lowest safe intake (${fmt(lowKcal)} kcal/d, set by ${LIMIT_TEXT[low.limit]}) is not below the estimated expenditure of ${fmt(tdeeKcal)} kcal/d. Raise daily activity, or plan weight loss with a clinician.`,
      };
    }
    if (asked >= lowKcal) {
      const rate = requestedRateKg;
      return {
        ok: true,
        targetKcal: asked,
        limitedBy: null,
        weeklyRateKg: rate,
        weeklyRatePercent: (100 * rate) / weightKg,
        weeksToTarget: weeksAt(asked, rate),
        findings,
      };
    }
    const rate = ((tdeeKcal - lowKcal) * 7) / LOSS_KCAL_PER_KG;
    const w = weeksAt(lowKcal, rate);
    const toGo =
      input.targetWeightKg === undefined
        ? ''
        : w === null
          ? `; ${fmt(input.targetWeightKg, 1)} kg is not reached at this intake (weight levels off above it)`
          : `, ${fmt(weightKg - input.targetWeightKg, 1)} kg in ${fmt(Math.ceil(w))} weeks`;
    findings.push({
      code: 'TARGET_RAISED_FOR_SAFETY',
      severity: 'warning',
      message: `${fmt(requestedRateKg, 2)} kg/week needs ${fmt(requestedKcal)} kcal/day; planned ${fmt(lowKcal)} kcal/day (${LIMIT_TEXT[low.limit]}) → ${fmt(rate, 2)} kg/week${toGo}.`,
      value: requestedKcal,
      limit: lowKcal,
      unit: 'kcal/d',
      source:
        low.limit === 'max-loss-rate'
          ? 'Helms et al. 2014, J Int Soc Sports Nutr 11:20'
          : low.limit === 'calorie-floor'
            ? 'NHLBI 1998 (NIH 98-4083); NIH 00-4084'
            : 'NexFitra policy',
    });
    return {
      ok: true,
      targetKcal: lowKcal,
      limitedBy: low.limit,
      weeklyRateKg: rate,
      weeklyRatePercent: (100 * rate) / weightKg,
      weeksToTarget: w,
      findings,
    };
  }

  // Maintenance and gain: only the sex floor can bind (TDEE ≥ BMR by construction).
  const rateOf = (kcal: number) =>
    goal === 'gain' ? Math.max(0, ((kcal - tdeeKcal) * 7) / GAIN_KCAL_PER_KG) : 0;
  if (asked >= floor) {
    const rate = goal === 'gain' ? requestedRateKg : 0;
    return {
      ok: true,
      targetKcal: asked,
      limitedBy: null,
      weeklyRateKg: rate,
      weeklyRatePercent: (100 * rate) / weightKg,
      weeksToTarget: weeksAt(asked, rate),
      findings,
    };
  }
  findings.push({
    code: 'TARGET_RAISED_FOR_SAFETY',
    severity: 'info',
    message: `The ${goal === 'gain' ? 'gain' : 'maintenance'} target of ${fmt(requestedKcal)} kcal/day is under the ${fmt(floor)} kcal/day floor; planned ${fmt(floor)} kcal/day so the diet can meet its nutrient needs${goal === 'maintain' ? ' (expect a slow gain; add activity to hold weight)' : ''}.`,
    value: requestedKcal,
    limit: floor,
    unit: 'kcal/d',
    source: 'NHLBI 1998 (NIH 98-4083); NIH 00-4084',
  });
  const rate = goal === 'gain' ? rateOf(floor) : 0;
  return {
    ok: true,
    targetKcal: floor,
    limitedBy: 'calorie-floor',
    weeklyRateKg: rate,
    weeklyRatePercent: (100 * rate) / weightKg,
    weeksToTarget: weeksAt(floor, rate),
    findings,
  };
}
