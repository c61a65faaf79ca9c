import { ADULT_BMI_PLAUSIBLE, checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { leanMassKg as leanMassFrom } from '../body/leanMass';
import { palFor, tdee } from '../energy/activity';
import { katchMcArdle } from '../energy/katchMcArdle';
import { mifflinStJeor } from '../energy/mifflinStJeor';
import { schofield } from '../energy/schofield';
import { NexFitraError } from '../errors';
import { timeToGoal } from '../progress/hall/timeToGoal';
import {
  ACTIVITY_LEVELS,
  type ActivityLevelT,
  GOAL_TYPES,
  type GoalTypeT,
  SEXES,
  type SexT,
} from '../schemas/vocab';
import { CM_PER_IN, KG_PER_LB } from '../units';
import type { TargetFinding } from './_finding';
import { type AmdrResult, amdrStatus } from './amdr';
import { type CalorieTarget, calorieArithmetic, calorieTarget, type WeeklyRate } from './calories';
import {
  ADULT_AGE_YEARS,
  checkEligibility,
  type OverrideRecord,
  type Refusal,
  type SafetyOptions,
} from './eligibility';
import { fiberAdequateIntake, fiberForEnergy } from './fiber';
import { type MacroTargets, macroTargets, type ProteinPopulation } from './macros';
import { safeTarget, type TargetLimit } from './safeTarget';
import { safetyFindings } from './safety';

export const BMR_EQUATIONS = ['mifflin-st-jeor', 'katch-mcardle', 'schofield'] as const;
export type BmrEquation = (typeof BMR_EQUATIONS)[number];

/**
 * The person, in the SDK's one shape: the `Profile` of a `PlanRequest` — `age` in years and
 * unit-tagged `weight` ({ value, unit: 'kg' | 'lb' }) and `height` ({ value, unit: 'cm' | 'in' }).
 */
export interface PersonProfile {
  readonly sex: SexT;
  readonly age: number;
  readonly weight: { readonly value: number; readonly unit: 'kg' | 'lb' };
  readonly height: { readonly value: number; readonly unit: 'cm' | 'in' };
  readonly activityLevel: ActivityLevelT;
  readonly bodyFatPercent?: number | undefined;
  readonly pregnant?: boolean | undefined;
  readonly lactating?: boolean | undefined;
}

/** The same person with plain numbers in kg, cm and years (what the formulas take). */
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
  /** Required for `lose` / `gain`; unit `'kg/week'` or `'%bw/week'` (as in `PlanRequest.goal`). */
  readonly rate?: WeeklyRate;
  /** Goal weight, for the time-to-target figure: kg as a number, or unit-tagged as in `Goal`. */
  readonly targetWeight?: number | { readonly value: number; readonly unit: 'kg' | 'lb' };
}

/**
 * The planned calorie target. `targetKcal` — whole kcal — is THE daily target of the request:
 * `macros` are computed from it and a plan's `targets.kcal` is this number. Rate fields describe
 * the planned target (static 7,700 / 5,600 kcal/kg rules); `requested` keeps what the goal asked.
 */
export interface PlannedCalories extends CalorieTarget {
  /** What the goal asked for, before the floor policy (unrounded). */
  readonly requested: CalorieTarget;
  /** Why the planned target differs from the asked one; `null` when it does not. */
  readonly limitedBy: TargetLimit | null;
  /**
   * Weeks to `goal.targetWeight` eating `targetKcal` every day, by the Hall et al. 2011 dynamic
   * model for adults (static rule for minors served under an override): `null` without a target
   * weight, or when the model levels off short of it within ten years.
   */
  readonly weeksToTarget: number | null;
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
  readonly calories: PlannedCalories;
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

export { ADULT_BMI_PLAUSIBLE };

const WEIGHT_RANGES = { kg: HUMAN.weightKg, lb: { min: 4.41, max: 881.84, unit: 'lb' } } as const;
const HEIGHT_RANGES = { cm: HUMAN.heightCm, in: { min: 17.72, max: 98.42, unit: 'in' } } as const;

/** Years, kg and cm from either person shape, each error naming the caller's own field. */
function personNumbers(p: PersonProfile | TargetProfile): {
  ageYears: number;
  weightKg: number;
  heightCm: number;
} {
  let ageYears: number;
  let weightKg: number;
  let heightCm: number;
  let weightPath: string[];
  if ('age' in p || 'weight' in p || 'height' in p) {
    const q = p as PersonProfile;
    ageYears = checkNumber(FN, ['profile', 'age'], q.age, HUMAN.ageYears);
    checkObject(FN, ['profile', 'weight'], q.weight);
    const wu = checkEnum(FN, ['profile', 'weight', 'unit'], q.weight.unit, ['kg', 'lb'] as const);
    const w = checkNumber(FN, ['profile', 'weight', 'value'], q.weight.value, WEIGHT_RANGES[wu]);
    weightKg = wu === 'kg' ? w : w * KG_PER_LB;
    checkObject(FN, ['profile', 'height'], q.height);
    const hu = checkEnum(FN, ['profile', 'height', 'unit'], q.height.unit, ['cm', 'in'] as const);
    const h = checkNumber(FN, ['profile', 'height', 'value'], q.height.value, HEIGHT_RANGES[hu]);
    heightCm = hu === 'cm' ? h : h * CM_PER_IN;
    weightPath = ['profile', 'weight', 'value'];
  } else {
    ageYears = checkNumber(FN, ['profile', 'ageYears'], p.ageYears, HUMAN.ageYears);
    weightKg = checkNumber(FN, ['profile', 'weightKg'], p.weightKg, HUMAN.weightKg);
    heightCm = checkNumber(FN, ['profile', 'heightCm'], p.heightCm, HUMAN.heightCm);
    weightPath = ['profile', 'weightKg'];
  }
  const bmi = weightKg / (heightCm / 100) ** 2;
  if (ageYears >= ADULT_AGE_YEARS && (bmi < ADULT_BMI_PLAUSIBLE.min || bmi > ADULT_BMI_PLAUSIBLE.max)) {
    const m2 = (heightCm / 100) ** 2;
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: weightPath,
      value: weightKg,
      allowed: `an adult weight of ${Math.ceil(ADULT_BMI_PLAUSIBLE.min * m2)}–${Math.floor(ADULT_BMI_PLAUSIBLE.max * m2)} kg at ${Math.round(heightCm)} cm (BMI ${ADULT_BMI_PLAUSIBLE.min}–${ADULT_BMI_PLAUSIBLE.max}; BMI ${bmi.toFixed(1)} is a typo or a unit mix-up)`,
    });
  }
  return { ageYears, weightKg, heightCm };
}

function goalWeightKg(t: TargetGoal['targetWeight']): number | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'number') return checkNumber(FN, ['goal', 'targetWeight'], t, HUMAN.weightKg);
  checkObject(FN, ['goal', 'targetWeight'], t);
  const u = checkEnum(FN, ['goal', 'targetWeight', 'unit'], t.unit, ['kg', 'lb'] as const);
  const v = checkNumber(FN, ['goal', 'targetWeight', 'value'], t.value, WEIGHT_RANGES[u]);
  return u === 'kg' ? v : v * KG_PER_LB;
}

function planned(
  asked: CalorieTarget,
  tdeeKcal: number,
  targetKcal: number,
  weeklyRateKg: number,
  weightKg: number,
  limitedBy: TargetLimit | null,
  weeksToTarget: number | null,
): PlannedCalories {
  return {
    goal: asked.goal,
    targetKcal,
    dailyDeltaKcal: targetKcal - tdeeKcal,
    weeklyRateKg,
    weeklyRatePercent: (100 * weeklyRateKg) / weightKg,
    kcalPerKg: asked.kcalPerKg,
    requested: asked,
    limitedBy,
    weeksToTarget,
  };
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
  profile: PersonProfile | TargetProfile,
  goal: TargetGoal,
  options: DailyTargetsOptions = {},
): DailyTargets {
  checkObject(FN, 'profile', profile);
  checkObject(FN, 'goal', goal);
  checkObject(FN, 'options', options);
  const goalType = checkEnum(FN, ['goal', 'type'], goal.type, GOAL_TYPES);
  // Checked here too so that errors name dailyTargets and the `profile.` path.
  const sex = checkEnum(FN, ['profile', 'sex'], profile.sex, SEXES);
  const { ageYears, weightKg, heightCm } = personNumbers(profile);
  const targetWeightKg = goalWeightKg(goal.targetWeight);
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

  const calorieInput = {
    tdeeKcal,
    weightKg,
    goal: goalType,
    ...(goal.rate !== undefined ? { rate: goal.rate } : {}),
  };
  const policyFindings: TargetFinding[] = [];
  // Time to the goal weight by the Hall 2011 model (adults; expenditure falls as weight falls).
  const hallWeeks = (kcal: number): number | null => {
    if (targetWeightKg === undefined) return null;
    const t = timeToGoal({
      profile: {
        sex,
        ageYears,
        weightKg,
        heightCm,
        maintenanceKcal: tdeeKcal,
        ...(profile.bodyFatPercent !== undefined ? { bodyFatPercent: profile.bodyFatPercent } : {}),
      },
      intakeKcal: kcal,
      goalWeightKg: Math.max(30, targetWeightKg),
    });
    return t.weeks;
  };
  const weeksToTarget = ageYears >= ADULT_AGE_YEARS ? (kcal: number) => hallWeeks(kcal) : undefined;
  let calories: PlannedCalories;
  if (options.clinicianOverride !== undefined) {
    // A clinician may plan below the floor; a target ≤ 0 is still an input error.
    const asked = step({ rate: ['goal', 'rate'] }, () => calorieTarget(calorieInput));
    const kcal = Math.round(asked.targetKcal);
    const gap = targetWeightKg === undefined ? null : Math.abs(weightKg - targetWeightKg);
    const weeks =
      weeksToTarget !== undefined && gap !== null
        ? weeksToTarget(kcal)
        : gap === null || asked.weeklyRateKg === 0
          ? null
          : gap / asked.weeklyRateKg;
    calories = planned(asked, tdeeKcal, kcal, asked.weeklyRateKg, weightKg, null, weeks);
  } else {
    const asked = step({ rate: ['goal', 'rate'] }, () => calorieArithmetic('calorieTarget', calorieInput));
    const safe = safeTarget({
      sex,
      goal: goalType,
      requestedKcal: asked.targetKcal,
      tdeeKcal,
      bmrKcal,
      weightKg,
      requestedRateKg: asked.weeklyRateKg,
      ...(targetWeightKg !== undefined ? { targetWeightKg } : {}),
      ...(weeksToTarget !== undefined ? { weeksToTarget } : {}),
    });
    if (!safe.ok) {
      return {
        ok: false,
        refusal: {
          reasons: [
            {
              code: 'NO_SAFE_DEFICIT',
              message: safe.message,
              value: Math.round(tdeeKcal),
              limit: safe.lowestSafeKcal,
            },
          ],
          message: safe.message,
        },
      };
    }
    policyFindings.push(...safe.findings);
    calories = planned(
      asked,
      tdeeKcal,
      safe.targetKcal,
      safe.weeklyRateKg,
      weightKg,
      safe.limitedBy,
      safe.weeksToTarget,
    );
  }
  const macroOptions = {
    population: ['options', 'population'],
    proteinGPerKg: ['options', 'proteinGPerKg'],
    fatPercent: ['options', 'fatPercent'],
  };
  const macros = step(macroOptions, () =>
    macroTargets({
      targetKcal: calories.targetKcal,
      weightKg,
      heightCm,
      goal: goalType,
      ...(leanMassKg !== null ? { leanMassKg } : {}),
      ...(options.population !== undefined ? { population: options.population } : {}),
      ...(options.proteinGPerKg !== undefined ? { proteinGPerKg: options.proteinGPerKg } : {}),
      ...(options.fatPercent !== undefined ? { fatPercent: options.fatPercent } : {}),
    }),
  );
  const findings = [
    ...policyFindings,
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
