import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { NexFitraError } from '../errors';
import { GOAL_TYPES, type GoalTypeT } from '../schemas/vocab';

/**
 * Energy per kilogram of weight lost, for the static conversion: 3,500 kcal/lb (Wishnofsky M.
 * Caloric equivalents of gained or lost weight. Am J Clin Nutr 1958;6:542–546) is 7,716 kcal/kg,
 * conventionally rounded to 7,700.
 *
 * The static rule OVERESTIMATES long-term loss: expenditure falls as weight falls, so a fixed
 * deficit yields a loss that slows and plateaus rather than a straight line. See Hall KD, Sacks
 * G, Chandramohan D, et al. Quantification of the effect of energy imbalance on bodyweight.
 * Lancet 2011;378:826–837; Thomas DM, Martin CK, Lettieri S, et al. Can a weight loss of one
 * pound a week be achieved with a 3500-kcal deficit? Int J Obes 2013;37:1611–1613; Hall KD, Chow
 * CC. Why is the 3500 kcal per pound weight loss rule wrong? Int J Obes 2013;37:1614–1618. Use it
 * to set a starting target, then adjust from measured weight change.
 */
export const LOSS_KCAL_PER_KG = 7700;

/**
 * Energy per kilogram of weight gained: a smaller, explicitly conventional figure. Gain during
 * resistance training is part fat-free mass (≈ 7.6 MJ/kg) and part fat (≈ 39.5 MJ/kg). Hall KD.
 * What is the required energy deficit per unit weight loss? Int J Obes 2008;32:573–576 supplies
 * only these two tissue energy densities (for weight *loss*); the 50:50 lean:fat split below is
 * our convention, not a figure from Hall. Half of each gives (7.6 + 39.5) / 2 = 23.55 MJ/kg
 * ≈ 5,629 kcal/kg, rounded to 5,600. It counts the energy stored in the new tissue only, not the
 * (unknown) cost of synthesising it (Slater GJ et al. Is an energy surplus required to maximize
 * skeletal muscle hypertrophy associated with resistance training? Front Nutr 2019;6:131), so it
 * is a floor rather than an estimate of the surplus needed.
 *
 * With the recommended gain of ~0.25–0.5 % body weight/week for novice/intermediate lifters
 * (Iraki J, Fitschen P, Espinar S, Helms E. Nutrition recommendations for bodybuilders in the
 * off-season: a narrative review. Sports 2019;7(7):154) it gives surpluses of 140–360 kcal/d for a
 * 70–90 kg adult (0.175 kg × 5600 / 7 = 140; 0.45 kg × 5600 / 7 = 360), about 5–12 % of a
 * 2,500–3,000 kcal TDEE: at or below the low end of the ~10–20 % surplus that review pairs with
 * that rate. Expect the measured gain to run slower than planned and adjust from the scale.
 */
export const GAIN_KCAL_PER_KG = 5600;

/**
 * How a weekly rate is stated: kilograms per week, or percent of current body weight per week —
 * the same vocabulary as `PlanRequest.goal.rate` (`GOAL_RATE_UNITS`). `'%/week'` is accepted as
 * an older spelling of `'%bw/week'`.
 */
export const RATE_UNITS = ['kg/week', '%bw/week', '%/week'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

/** A planned weekly rate of change; its direction comes from the goal, so the value is ≥ 0. */
export interface WeeklyRate {
  readonly value: number;
  readonly unit: RateUnit;
}

/** Accepted rate inputs. Wide on purpose: the safety policy, not input checking, flags fast rates. */
export const RATE_RANGES = {
  'kg/week': { min: 0, max: 2, unit: 'kg/week' },
  '%bw/week': { min: 0, max: 2, unit: '%bw/week' },
  '%/week': { min: 0, max: 2, unit: '%/week' },
} as const;

/** Accepted TDEE input (kcal/d). */
export const TDEE_RANGE = { min: 500, max: 10000, unit: 'kcal/d' } as const;

export interface CalorieTargetInput {
  readonly tdeeKcal: number;
  readonly weightKg: number;
  readonly goal: GoalTypeT;
  /** Required for `lose` and `gain`; absent (or 0) for `maintain`. */
  readonly rate?: WeeklyRate;
}

export interface CalorieTarget {
  readonly goal: GoalTypeT;
  /** Daily calorie target, kcal/d (not rounded). */
  readonly targetKcal: number;
  /** Signed daily energy change versus TDEE: negative for a deficit. */
  readonly dailyDeltaKcal: number;
  /** Planned weekly change, kg (≥ 0; direction from `goal`). */
  readonly weeklyRateKg: number;
  /** Planned weekly change as % of current body weight (≥ 0). */
  readonly weeklyRatePercent: number;
  /** kcal per kg used for the conversion (0 for maintain). */
  readonly kcalPerKg: number;
}

const FN = 'calorieTarget';

/**
 * Daily calorie target for a weight goal: TDEE − rate × 7,700 / 7 to lose, TDEE + rate × 5,600 / 7
 * to gain, TDEE to maintain (rate in kg/week; a %/week rate is first converted with the current
 * weight). See {@link LOSS_KCAL_PER_KG} for why the static 7,700 kcal/kg rule overestimates
 * long-term loss, and {@link GAIN_KCAL_PER_KG} for the gain convention.
 *
 * This function checks inputs only; it applies no safety limit. Pass the result to
 * `safetyFindings` / `assessSafety` (or use `dailyTargets`) to get calorie-floor and rate findings.
 *
 * @param input.tdeeKcal total daily energy expenditure, kcal/d (500–10,000)
 * @param input.weightKg current body weight, kg (2–400)
 * @param input.goal 'lose' | 'maintain' | 'gain'
 * @param input.rate weekly rate, { value ≥ 0, unit: 'kg/week' (≤ 2) | '%bw/week' (≤ 2) }
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when `maintain` has a non-zero rate, `lose`/`gain` has none or a zero rate,
 *   or the deficit would leave a target ≤ 0 kcal
 * @example calorieTarget({ tdeeKcal: 2500, weightKg: 80, goal: 'lose', rate: { value: 0.5, unit: 'kg/week' } }).targetKcal // 1950
 * @example calorieTarget({ tdeeKcal: 2800, weightKg: 70, goal: 'gain', rate: { value: 0.25, unit: 'kg/week' } }).targetKcal // 3000
 */
export function calorieTarget(input: CalorieTargetInput): CalorieTarget {
  const t = calorieArithmetic(FN, input);
  if (t.targetKcal <= 0) throw nonPositiveTarget(FN, t, input);
  return t;
}

/**
 * @internal {@link calorieTarget}'s checks and arithmetic without its refusal of a target ≤ 0:
 * `dailyTargets` applies the floor policy to whatever the goal asks (see `safeTarget`).
 */
export function calorieArithmetic(fn: string, input: CalorieTargetInput): CalorieTarget {
  const FN = fn;
  checkObject(FN, 'input', input);
  const tdeeKcal = checkNumber(FN, 'tdeeKcal', input.tdeeKcal, TDEE_RANGE);
  const weightKg = checkNumber(FN, 'weightKg', input.weightKg, HUMAN.weightKg);
  const goal = checkEnum(FN, 'goal', input.goal, GOAL_TYPES);

  let value = 0;
  let unit: RateUnit = 'kg/week';
  if (input.rate !== undefined) {
    checkObject(FN, 'rate', input.rate);
    unit = checkEnum(FN, ['rate', 'unit'], input.rate.unit, RATE_UNITS);
    value = checkNumber(FN, ['rate', 'value'], input.rate.value, RATE_RANGES[unit]);
  }
  if (goal === 'maintain' && value !== 0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: ['rate', 'value'],
      value,
      allowed: "no rate (or 0) when goal is 'maintain'",
    });
  }
  if (goal !== 'maintain' && value === 0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: ['rate'],
      value: input.rate,
      allowed: `a rate > 0 when goal is '${goal}' (use goal 'maintain' for no change)`,
    });
  }

  const weeklyRateKg = unit === 'kg/week' ? value : (value / 100) * weightKg;
  const weeklyRatePercent = unit === 'kg/week' ? (100 * value) / weightKg : value;
  const kcalPerKg = goal === 'lose' ? LOSS_KCAL_PER_KG : goal === 'gain' ? GAIN_KCAL_PER_KG : 0;
  const sign = goal === 'lose' ? -1 : 1;
  const dailyDeltaKcal = goal === 'maintain' ? 0 : (sign * weeklyRateKg * kcalPerKg) / 7;
  const targetKcal = tdeeKcal + dailyDeltaKcal;
  return { goal, targetKcal, dailyDeltaKcal, weeklyRateKg, weeklyRatePercent, kcalPerKg };
}

function nonPositiveTarget(fn: string, t: CalorieTarget, input: CalorieTargetInput): NexFitraError {
  // State the limit in the caller's own unit, so the message says what to type instead.
  const unit = input.rate?.unit ?? 'kg/week';
  const value = input.rate?.value ?? 0;
  const tdeeKcal = t.targetKcal - t.dailyDeltaKcal;
  const maxKg = (7 * tdeeKcal) / t.kcalPerKg;
  const max = unit === 'kg/week' ? maxKg : (100 * maxKg) / input.weightKg;
  const shown = (Math.floor(max * 100) / 100).toFixed(2); // floored, so every rate below it works
  return new NexFitraError({
    code: 'INCONSISTENT',
    fn,
    path: ['rate', 'value'],
    value,
    allowed: `a rate below ${shown} ${unit}: at ${value} ${unit} the deficit of ${Math.round(-t.dailyDeltaKcal)} kcal/d would use up the whole TDEE of ${Math.round(tdeeKcal)} kcal/d (target ${Math.round(t.targetKcal)} kcal/d)`,
  });
}
