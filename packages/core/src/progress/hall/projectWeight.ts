import { checkNumber } from '../../_check';
import { NexFitraError } from '../../errors';
import {
  checkState,
  type HallOptions,
  type HallProfile,
  type HallState,
  hallModel,
  rk4Step,
  weightOf,
} from './_model';

export type { HallOptions, HallProfile } from './_model';

/** Intake from day 0: one kcal/d figure, or one per day (the last is held after the list ends). */
export type IntakePlan = number | readonly number[];

/** Longest projection, days (10 years: beyond that age and health change more than the model knows). */
export const MAX_PROJECTION_DAYS = 3650;

/** The model's state at the start of a day. */
export interface ProjectionDay {
  readonly day: number;
  readonly weightKg: number;
  readonly fatKg: number;
  /** Fat-free mass: lean tissue + glycogen with its water + extracellular fluid, kg. */
  readonly fatFreeKg: number;
  readonly glycogenKg: number;
  readonly extracellularFluidKg: number;
  /** Intake on this day, kcal/d. */
  readonly intakeKcal: number;
  /** Total energy expenditure on this day, kcal/d (at the start of the day). */
  readonly expenditureKcal: number;
  /** Adaptive thermogenesis, kcal/d (negative in a deficit). */
  readonly adaptiveThermogenesisKcal: number;
}

export interface Projection {
  /** Days 0…`days`; day 0 is the baseline. */
  readonly days: readonly ProjectionDay[];
  readonly baseline: {
    readonly maintenanceKcal: number;
    readonly rmrKcal: number;
    readonly pal: number;
    readonly fatKg: number;
  };
  /** How it was solved: classical RK4 with a step of 1 day. */
  readonly method: 'rk4, 1-day step';
}

/** @internal Reads an intake plan into a function of the day. */
export function readPlan(fn: string, plan: unknown, field = 'intakePlan'): (day: number) => number {
  const range = { min: 0, max: 10000, unit: 'kcal/d' };
  if (typeof plan === 'number') {
    const v = checkNumber(fn, field, plan, range);
    return () => v;
  }
  if (Array.isArray(plan) && plan.length > 0 && plan.length <= MAX_PROJECTION_DAYS + 1) {
    const v = plan.map((x, i) => checkNumber(fn, [field, i], x, range));
    return (day) => v[Math.min(day, v.length - 1)]!;
  }
  throw new NexFitraError({
    code: 'INVALID_TYPE',
    fn,
    path: [field],
    value: plan,
    allowed: `0–10,000 kcal/d: a number, or up to ${MAX_PROJECTION_DAYS + 1}, one per day`,
  });
}

/**
 * Projects body weight day by day with the Hall et al. (2011, Lancet 378:826) adult model:
 * fat and lean compartments split by Forbes' curve, glycogen with its water, extracellular
 * fluid, the thermic effect of feeding, adaptive thermogenesis and a physical-activity term that
 * scales with weight. The person is at steady weight at day 0 (baseline expenditure = RMR ×
 * PAL, or `profile.maintenanceKcal`); from day 0 they eat `intakePlan`. Solved with classical
 * fourth-order Runge–Kutta at a 1-day step. See docs/progress.md for the equations.
 *
 * @param profile an adult: sex, ageYears, weightKg, heightCm; bodyFatPercent, maintenanceKcal, pal or activityLevel optional
 * @param intakePlan kcal/d from day 0: a number or one per day
 * @param days 1–3650
 * @throws {NexFitraError} naming the field; `INCONSISTENT` for an impossible body composition
 * @example projectWeight({ sex: 'male', ageYears: 40, weightKg: 90, heightCm: 180, pal: 1.5 }, 2248.45, 364).days[364].weightKg // ≈ 76.26 (bw package: 76.2608)
 */
export function projectWeight(
  profile: HallProfile,
  intakePlan: IntakePlan,
  days: number,
  options: HallOptions = {},
): Projection {
  const fn = 'projectWeight';
  const m = hallModel(fn, profile, options);
  const intake = readPlan(fn, intakePlan);
  const n = checkNumber(fn, 'days', days, { min: 1, max: MAX_PROJECTION_DAYS, integer: true });
  const s: HallState = [...m.initial];
  const out: ProjectionDay[] = [];
  for (let day = 0; day <= n; day++) {
    const ei = intake(day);
    const w = weightOf(s);
    const snapshot = {
      day,
      weightKg: w,
      fatKg: s[0],
      fatFreeKg: w - s[0],
      glycogenKg: s[2],
      extracellularFluidKg: s[4],
      intakeKcal: ei,
      adaptiveThermogenesisKcal: s[3],
    };
    const ee = rk4Step(m, s, ei, 1);
    checkState(fn, s, day + 1, ei);
    out.push({ ...snapshot, expenditureKcal: ee });
  }
  return {
    days: out,
    baseline: { maintenanceKcal: m.baselineKcal, rmrKcal: m.rmrKcal, pal: m.pal, fatKg: m.initial[0] },
    method: 'rk4, 1-day step',
  };
}
