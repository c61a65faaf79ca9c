import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { leanMassKg as leanMassFrom } from '../body/leanMass';
import { palFor, tdee } from '../energy/activity';
import { katchMcArdle } from '../energy/katchMcArdle';
import { mifflinStJeor } from '../energy/mifflinStJeor';
import { schofield } from '../energy/schofield';
import { NexFitraError } from '../errors';
import {
  ACTIVITY_LEVELS,
  type ActivityLevelT,
  GOAL_TYPES,
  type GoalTypeT,
  SEXES,
  type SexT,
} from '../schemas/vocab';
import type { TargetFinding } from './_finding';
import { type AmdrResult, amdrStatus } from './amdr';
import { type CalorieTarget, calorieTarget, type WeeklyRate } from './calories';
import {
  ADULT_AGE_YEARS,
  checkEligibility,
  type OverrideRecord,
  type Refusal,
  type SafetyOptions,
} from './eligibility';
import { fiberAdequateIntake, fiberForEnergy } from './fiber';
import { type MacroTargets, macroTargets, type ProteinPopulation } from './macros';
import { safetyFindings } from './safety';

export const BMR_EQUATIONS = ['mifflin-st-jeor', 'katch-mcardle', 'schofield'] as const;
export type BmrEquation = (typeof BMR_EQUATIONS)[number];

export interface TargetProfile {
  readonly sex: SexT;
  readonly ageYears: number;
  readonly weightKg: number;
  readonly heightCm: number;
  readonly activityLevel: ActivityLevelT;
  /** Body fat, % of weight; gives lean mass for Katch–McArdle and deficit protein. */
  readonly bodyFatPercent?: number;
  readonly pregnant?: boolean;
  readonly lactating?: boolean;
}

export interface TargetGoal {
  readonly type: GoalTypeT;
  /** Required for `lose` / `gain`. */
  readonly rate?: WeeklyRate;
}

export interface DailyTargetsOptions extends SafetyOptions {
  /** Default `mifflin-st-jeor` (adults); `schofield` under 18 (reachable only with an override). */
  readonly bmrEquation?: BmrEquation;
  /** Physical activity level replacing the multiplier of `activityLevel` (1.0–2.5). */
  readonly pal?: number;
  readonly population?: ProteinPopulation;
  readonly proteinGPerKg?: number;
  readonly fatPercent?: number;
}

export interface DailyTargetsOk {
  readonly ok: true;
  readonly bmr: { readonly kcal: number; readonly equation: BmrEquation };
  readonly tdee: { readonly kcal: number; readonly pal: number };
  readonly leanMassKg: number | null;
  readonly calories: CalorieTarget;
  readonly macros: MacroTargets;
  readonly fiber: {
    /** 14 g per 1,000 kcal of the calorie target. */
    readonly forEnergyG: number;
    /** DRI adequate intake for age and sex. */
    readonly adequateIntakeG: number;
  };
  readonly amdr: AmdrResult;
  /** Safety findings, then macro findings; shown to the user, never applied. */
  readonly findings: readonly TargetFinding[];
  /** Set when a clinician override waived a refusal. */
  readonly clinicianOverride: OverrideRecord | null;
}

export type DailyTargets = DailyTargetsOk | { readonly ok: false; readonly refusal: Refusal };

const FN = 'dailyTargets';

/**
 * Runs a step and re-throws its input errors as dailyTargets errors, with the step's field mapped
 * to the caller's path (calorieTarget's `rate.value` is the caller's `goal.rate.value`), so every
 * error names the function the caller called and the field the caller passed.
 */
function step<T>(fields: Readonly<Record<string, readonly string[]>>, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const head = e instanceof NexFitraError ? e.path[0] : undefined;
    const prefix = typeof head === 'string' ? fields[head] : undefined;
    if (!(e instanceof NexFitraError) || prefix === undefined) throw e;
    const { code, value, allowed } = e;
    throw new NexFitraError({ code, fn: FN, path: [...prefix, ...e.path.slice(1)], value, allowed });
  }
}

/**
 * Everything for one day: BMR → TDEE (BMR × activity multiplier) → calorie target for the goal →
 * protein/fat/carbohydrate → fiber → AMDR status, with the safety findings beside them.
 *
 * Eligibility is checked first: under-18s, pregnancy, lactation and weight loss at BMI < 18.5
 * return `{ ok: false, refusal }` (nothing is computed) unless `options.clinicianOverride` is
 * given, in which case the result records the waiver in `clinicianOverride`. Under 18 the BMR
 * defaults to Schofield (the adult equations reject the age); note that BMR × PAL omits the
 * energy cost of growth. Findings never change a number: a target below the floor is returned
 * as computed, with a `BELOW_CALORIE_FLOOR` finding. Each step is its own module (calories,
 * macros, fiber, amdr, safety) with its citations.
 *
 * @throws {NexFitraError} for invalid input (naming the field); a refusal is returned, not thrown
 * @example dailyTargets({ sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180, activityLevel: 'moderate' }, { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } })
 *   // { ok: true, bmr: { kcal: 1780, … }, tdee: { kcal: 2759, pal: 1.55 }, calories: { targetKcal: 2209, … }, … }
 */
export function dailyTargets(
  profile: TargetProfile,
  goal: TargetGoal,
  options: DailyTargetsOptions = {},
): DailyTargets {
  checkObject(FN, 'profile', profile);
  checkObject(FN, 'goal', goal);
  checkObject(FN, 'options', options);
  const goalType = checkEnum(FN, ['goal', 'type'], goal.type, GOAL_TYPES);
  // Checked here too so that errors name dailyTargets and the `profile.` path.
  const sex = checkEnum(FN, ['profile', 'sex'], profile.sex, SEXES);
  const ageYears = checkNumber(FN, ['profile', 'ageYears'], profile.ageYears, HUMAN.ageYears);
  const weightKg = checkNumber(FN, ['profile', 'weightKg'], profile.weightKg, HUMAN.weightKg);
  const heightCm = checkNumber(FN, ['profile', 'heightCm'], profile.heightCm, HUMAN.heightCm);
  const eligibility = checkEligibility(
    {
      ageYears,
      sex,
      weightKg,
      heightCm,
      goal: goalType,
      ...(profile.pregnant !== undefined ? { pregnant: profile.pregnant } : {}),
      ...(profile.lactating !== undefined ? { lactating: profile.lactating } : {}),
    },
    options,
  );
  if (!eligibility.ok) return eligibility;

  const activityLevel = checkEnum(FN, ['profile', 'activityLevel'], profile.activityLevel, ACTIVITY_LEVELS);
  const leanMassKg =
    profile.bodyFatPercent === undefined
      ? null
      : leanMassFrom({
          weightKg,
          bodyFatPercent: checkNumber(
            FN,
            ['profile', 'bodyFatPercent'],
            profile.bodyFatPercent,
            HUMAN.bodyFatPercent,
          ),
        });
  const equation =
    options.bmrEquation === undefined
      ? ageYears < ADULT_AGE_YEARS
        ? 'schofield'
        : 'mifflin-st-jeor'
      : checkEnum(FN, ['options', 'bmrEquation'], options.bmrEquation, BMR_EQUATIONS);
  let bmrKcal: number;
  if (equation === 'katch-mcardle') {
    if (leanMassKg === null) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: FN,
        path: ['profile', 'bodyFatPercent'],
        value: undefined,
        allowed: "a body-fat percentage (2–70 %) when bmrEquation is 'katch-mcardle'",
      });
    }
    bmrKcal = katchMcArdle({ leanMassKg });
  } else if (equation === 'schofield') {
    bmrKcal = schofield({ weightKg, ageYears, sex });
  } else {
    // Mifflin–St Jeor is fitted on adults: a minor served under an override who asks for it
    // gets profile.ageYears named (18–120), as does a BMR ≤ 0 (profile.weightKg).
    const profileFields = { ageYears: ['profile', 'ageYears'], weightKg: ['profile', 'weightKg'] };
    bmrKcal = step(profileFields, () => mifflinStJeor({ weightKg, heightCm, ageYears, sex }));
  }
  const pal = options.pal === undefined ? palFor(activityLevel) : options.pal;
  const tdeeKcal = step({ pal: ['options', 'pal'] }, () => tdee({ bmrKcal, pal }));

  const calories = step({ rate: ['goal', 'rate'] }, () =>
    calorieTarget({
      tdeeKcal,
      weightKg,
      goal: goalType,
      ...(goal.rate !== undefined ? { rate: goal.rate } : {}),
    }),
  );
  const macroOptions = {
    population: ['options', 'population'],
    proteinGPerKg: ['options', 'proteinGPerKg'],
    fatPercent: ['options', 'fatPercent'],
  };
  const macros = step(macroOptions, () =>
    macroTargets({
      targetKcal: calories.targetKcal,
      weightKg,
      goal: goalType,
      ...(leanMassKg !== null ? { leanMassKg } : {}),
      ...(options.population !== undefined ? { population: options.population } : {}),
      ...(options.proteinGPerKg !== undefined ? { proteinGPerKg: options.proteinGPerKg } : {}),
      ...(options.fatPercent !== undefined ? { fatPercent: options.fatPercent } : {}),
    }),
  );
  const findings = [
    ...safetyFindings({
      sex,
      goal: goalType,
      targetKcal: calories.targetKcal,
      bmrKcal,
      weeklyRatePercent: calories.weeklyRatePercent,
    }),
    ...macros.findings,
  ];
  return {
    ok: true,
    bmr: { kcal: bmrKcal, equation },
    tdee: { kcal: tdeeKcal, pal },
    leanMassKg,
    calories,
    macros,
    fiber: {
      forEnergyG: fiberForEnergy(calories.targetKcal),
      // No fiber AI or AMDR band is set under 1 year: that surfaces as profile.ageYears.
      adequateIntakeG: step({ ageYears: ['profile', 'ageYears'] }, () =>
        fiberAdequateIntake({
          ageYears,
          sex,
          ...(profile.pregnant !== undefined ? { pregnant: profile.pregnant } : {}),
          ...(profile.lactating !== undefined ? { lactating: profile.lactating } : {}),
        }),
      ),
    },
    amdr: step({ options: ['profile'] }, () => amdrStatus(macros, { ageYears })),
    findings,
    clinicianOverride: eligibility.clinicianOverride,
  };
}
