import { checkObject } from '../_check';
import type { GoalTypeT, SexT } from '../schemas/vocab';
import type { TargetFinding } from '../targets/_finding';
import { type CalorieTarget, calorieTarget, LOSS_KCAL_PER_KG, type WeeklyRate } from '../targets/calories';
import { eligibilityFor } from '../targets/eligibility';
import {
  CALORIE_FLOOR_KCAL,
  type OverrideRecord,
  type Refusal,
  type SafetyOptions,
  safetyFindings,
} from '../targets/safety';

export interface RecommendTargetInput {
  /** Measured expenditure, kcal/d (e.g. `adaptiveExpenditure(...).tdeeKcal`). */
  readonly tdeeKcal: number;
  readonly profile: {
    readonly sex: SexT;
    readonly ageYears: number;
    /** Current (trend) weight, kg. */
    readonly weightKg: number;
    readonly heightCm: number;
    readonly pregnant?: boolean;
    readonly lactating?: boolean;
  };
  readonly goal: { readonly type: GoalTypeT; readonly rate?: WeeklyRate };
}

export type RecommendedTarget =
  | {
      readonly ok: true;
      /** The calorie target to follow, kcal/d. */
      readonly targetKcal: number;
      /** The target the goal asked for, before the floor (equal to targetKcal unless raised). */
      readonly requestedKcal: number;
      readonly calories: CalorieTarget;
      /**
       * Set when the requested target was under the calorie floor and no clinician override was
       * given: the plan is made AT the floor and the rate it can achieve is recomputed.
       */
      readonly raisedToFloor: {
        readonly floorKcal: number;
        /** Planned loss at the floor, kg/week (static 7,700 kcal/kg, as for the request). */
        readonly achievableRateKgPerWeek: number;
      } | null;
      readonly findings: readonly TargetFinding[];
      readonly clinicianOverride: OverrideRecord | null;
    }
  | { readonly ok: false; readonly refusal: Refusal };

/**
 * The new calorie target from a measured expenditure, under the same safety policy as
 * `dailyTargets`: the eligibility refusals (minors, pregnancy, lactation, weight loss when
 * underweight) come first, then `calorieTarget` for the goal, then the floor — a target under
 * the sex-specific floor (1,200 / 1,500 kcal/d) is planned AT the floor, with the achievable
 * rate recomputed, unless `options.clinicianOverride` is given (then the computed target
 * stands, with its BELOW_CALORIE_FLOOR finding). Findings (`safetyFindings`) describe the
 * returned target.
 *
 * @throws {NexFitraError} naming the field
 * @example recommendTarget({ tdeeKcal: 1900, profile: { sex: 'female', ageYears: 40, weightKg: 70, heightCm: 165 }, goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } } }).targetKcal // 1200 (requested 1075)
 */
export function recommendTarget(input: RecommendTargetInput, options: SafetyOptions = {}): RecommendedTarget {
  const fn = 'recommendTarget';
  const o = checkObject(fn, 'input', input);
  const p = checkObject(fn, 'profile', o['profile']);
  const g = checkObject(fn, 'goal', o['goal']);
  const eligibility = eligibilityFor(
    fn,
    {
      ageYears: p['ageYears'] as number,
      sex: p['sex'] as SexT,
      weightKg: p['weightKg'] as number,
      heightCm: p['heightCm'] as number,
      goal: g['type'] as GoalTypeT,
      ...(p['pregnant'] !== undefined ? { pregnant: p['pregnant'] as boolean } : {}),
      ...(p['lactating'] !== undefined ? { lactating: p['lactating'] as boolean } : {}),
    },
    options,
  );
  if (!eligibility.ok) return eligibility;
  const sex = p['sex'] as SexT;
  const calories = calorieTarget({
    tdeeKcal: o['tdeeKcal'] as number,
    weightKg: p['weightKg'] as number,
    goal: g['type'] as GoalTypeT,
    ...(g['rate'] !== undefined ? { rate: g['rate'] as WeeklyRate } : {}),
  });
  const floor = CALORIE_FLOOR_KCAL[sex];
  const override = options.clinicianOverride !== undefined;
  const raise = calories.targetKcal < floor && !override;
  const targetKcal = raise ? floor : calories.targetKcal;
  const achievable = Math.max(
    0,
    ((calories.targetKcal - calories.dailyDeltaKcal - floor) * 7) / LOSS_KCAL_PER_KG,
  );
  const weeklyRatePercent = raise
    ? (100 * achievable) / (p['weightKg'] as number)
    : calories.weeklyRatePercent;
  return {
    ok: true,
    targetKcal,
    requestedKcal: calories.targetKcal,
    calories,
    raisedToFloor: raise ? { floorKcal: floor, achievableRateKgPerWeek: achievable } : null,
    findings: safetyFindings({ sex, goal: calories.goal, targetKcal, weeklyRatePercent }),
    clinicianOverride: override
      ? (eligibility.clinicianOverride ?? {
          reason: options.clinicianOverride!.reason,
          ...(options.clinicianOverride!.clinician !== undefined
            ? { clinician: options.clinicianOverride!.clinician }
            : {}),
          waived: [],
        })
      : eligibility.clinicianOverride,
  };
}
