import { checkObject } from '../_check';
import { mifflinStJeor } from '../energy/mifflinStJeor';
import { schofield } from '../energy/schofield';
import type { GoalTypeT, SexT } from '../schemas/vocab';
import type { TargetFinding } from '../targets/_finding';
import { type CalorieTarget, calorieTarget, type WeeklyRate } from '../targets/calories';
import { eligibilityFor } from '../targets/eligibility';
import { safeTarget, type TargetLimit } from '../targets/safeTarget';
import { type OverrideRecord, type Refusal, type SafetyOptions, safetyFindings } from '../targets/safety';

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
      /** The calorie target to follow, kcal/d (whole kcal, as `dailyTargets` plans it). */
      readonly targetKcal: number;
      /** The target the goal asked for (before the safety policy), kcal/d. */
      readonly requestedKcal: number;
      readonly calories: CalorieTarget;
      /** What raised the target, when the asked one was unsafe (see `safeTarget`); null otherwise. */
      readonly limitedBy: TargetLimit | null;
      /** The weekly change the planned target gives, kg (static 7,700 kcal/kg rule, ≥ 0). */
      readonly weeklyRateKg: number;
      readonly findings: readonly TargetFinding[];
      readonly clinicianOverride: OverrideRecord | null;
    }
  | { readonly ok: false; readonly refusal: Refusal };

/**
 * The new calorie target from a measured expenditure, under the same safety policy as
 * `dailyTargets`: the eligibility refusals first (minors, pregnancy, lactation, weight loss when
 * underweight), then `calorieTarget` for the goal, then `safeTarget` — an unsafe loss goal is
 * planned at the lowest safe intake (the sex floor of 1,200 / 1,500 kcal/d, the estimated BMR, or
 * 1 % body weight a week, whichever is highest) with the achievable rate recomputed, or refused
 * (`NO_SAFE_DEFICIT`) when no safe deficit exists. With `options.clinicianOverride` the asked
 * target stands, with its safety findings.
 *
 * @throws {NexFitraError} naming the field
 * @example recommendTarget({ tdeeKcal: 1900, profile: { sex: 'female', ageYears: 40, weightKg: 70, heightCm: 165 }, goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } } }).targetKcal // 1371 (raised from 1075 to the BMR)
 */
export function recommendTarget(input: RecommendTargetInput, options: SafetyOptions = {}): RecommendedTarget {
  const fn = 'recommendTarget';
  const o = checkObject(fn, 'input', input);
  const p = checkObject(fn, 'profile', o['profile']);
  const g = checkObject(fn, 'goal', o['goal']);
  const sex = p['sex'] as SexT;
  const ageYears = p['ageYears'] as number;
  const weightKg = p['weightKg'] as number;
  const heightCm = p['heightCm'] as number;
  const eligibility = eligibilityFor(
    fn,
    {
      ageYears,
      sex,
      weightKg,
      heightCm,
      goal: g['type'] as GoalTypeT,
      ...(p['pregnant'] !== undefined ? { pregnant: p['pregnant'] as boolean } : {}),
      ...(p['lactating'] !== undefined ? { lactating: p['lactating'] as boolean } : {}),
    },
    options,
  );
  if (!eligibility.ok) return eligibility;
  const calories = calorieTarget({
    tdeeKcal: o['tdeeKcal'] as number,
    weightKg,
    goal: g['type'] as GoalTypeT,
    ...(g['rate'] !== undefined ? { rate: g['rate'] as WeeklyRate } : {}),
  });
  // The BMR dailyTargets uses: Mifflin–St Jeor for adults, Schofield under 18 (override only).
  const bmrKcal =
    ageYears >= 18
      ? mifflinStJeor({ weightKg, heightCm, ageYears, sex })
      : schofield({ weightKg, ageYears, sex });
  const override = options.clinicianOverride !== undefined;
  const record = (): OverrideRecord | null =>
    eligibility.clinicianOverride ??
    (override
      ? {
          reason: options.clinicianOverride!.reason,
          ...(options.clinicianOverride!.clinician !== undefined
            ? { clinician: options.clinicianOverride!.clinician }
            : {}),
          waived: [],
        }
      : null);
  if (override) {
    const targetKcal = Math.round(calories.targetKcal);
    return {
      ok: true,
      targetKcal,
      requestedKcal: calories.targetKcal,
      calories,
      limitedBy: null,
      weeklyRateKg: calories.weeklyRateKg,
      findings: safetyFindings({
        sex,
        goal: calories.goal,
        targetKcal,
        bmrKcal,
        weeklyRatePercent: calories.weeklyRatePercent,
      }),
      clinicianOverride: record(),
    };
  }
  const safe = safeTarget({
    sex,
    goal: calories.goal,
    requestedKcal: calories.targetKcal,
    tdeeKcal: calories.targetKcal - calories.dailyDeltaKcal,
    bmrKcal,
    weightKg,
    requestedRateKg: calories.weeklyRateKg,
  });
  if (!safe.ok) {
    return {
      ok: false,
      refusal: {
        reasons: [
          {
            code: 'NO_SAFE_DEFICIT',
            message: safe.message,
            value: Math.round(o['tdeeKcal'] as number),
            limit: safe.lowestSafeKcal,
          },
        ],
        message: safe.message,
      },
    };
  }
  return {
    ok: true,
    targetKcal: safe.targetKcal,
    requestedKcal: calories.targetKcal,
    calories,
    limitedBy: safe.limitedBy,
    weeklyRateKg: safe.weeklyRateKg,
    findings: [
      ...safe.findings,
      ...safetyFindings({
        sex,
        goal: calories.goal,
        targetKcal: safe.targetKcal,
        bmrKcal,
        weeklyRatePercent: safe.weeklyRatePercent,
      }),
    ],
    clinicianOverride: record(),
  };
}
