import { checkNumber, checkObject } from '../../_check';
import {
  checkState,
  type HallOptions,
  type HallProfile,
  type HallState,
  hallModel,
  rk4Step,
  weightOf,
} from './_model';
import { MAX_PROJECTION_DAYS, readPlan } from './projectWeight';

export interface TimeToGoalInput {
  readonly profile: HallProfile;
  /** Intake from day 0, kcal/d (a number, or one per day with the last held). */
  readonly intakeKcal: number | readonly number[];
  readonly goalWeightKg: number;
  /** Give up after this many days (1–3650; default 3650). */
  readonly maxDays?: number;
  readonly options?: HallOptions;
}

export interface TimeToGoal {
  /** True when the projected weight reaches the goal within `maxDays`. */
  readonly reached: boolean;
  /** First whole day on which the projected weight is at or past the goal; null if not reached. */
  readonly days: number | null;
  /** `days / 7`; null if not reached. */
  readonly weeks: number | null;
  /** Projected weight on the day the goal is reached, or on day `maxDays`, kg. */
  readonly weightKg: number;
  /** Expenditure on that day, kcal/d. */
  readonly expenditureKcal: number;
  readonly baselineMaintenanceKcal: number;
  readonly method: 'rk4, 1-day step';
}

/**
 * How long the Hall et al. (2011) model takes to reach a goal weight at a given intake — the
 * time-to-target figure of a plan. Because expenditure falls as weight falls, a fixed deficit
 * slows down and plateaus: when the plateau lies short of the goal the answer is
 * `reached: false` with the weight at `maxDays`, never a made-up date. A goal equal to the
 * current weight is reached on day 0. Same model, profile and options as `projectWeight`.
 *
 * @throws {NexFitraError} naming the field
 * @example timeToGoal({ profile: { sex: 'female', ageYears: 35, weightKg: 80, heightCm: 165, pal: 1.6 }, intakeKcal: 1700, goalWeightKg: 75 }).days // 66 (9.4 weeks; 80 → 75 kg at 1,700 kcal/d, maintenance 2,396 kcal/d)
 */
export function timeToGoal(input: TimeToGoalInput): TimeToGoal {
  const fn = 'timeToGoal';
  const o = checkObject(fn, 'input', input);
  const m = hallModel(fn, o['profile'] as HallProfile, (o['options'] ?? {}) as HallOptions);
  const intake = readPlan(fn, o['intakeKcal'], 'intakeKcal');
  const goal = checkNumber(fn, 'goalWeightKg', o['goalWeightKg'], { min: 30, max: 400, unit: 'kg' });
  const maxDays =
    o['maxDays'] === undefined
      ? MAX_PROJECTION_DAYS
      : checkNumber(fn, 'maxDays', o['maxDays'], { min: 1, max: MAX_PROJECTION_DAYS, integer: true });
  const s: HallState = [...m.initial];
  const start = weightOf(s);
  const sign = Math.sign(goal - start); // −1 losing, +1 gaining, 0 already there
  let ee = 0;
  for (let day = 0; day <= maxDays; day++) {
    const w = weightOf(s);
    const done = sign === 0 || (sign < 0 ? w <= goal : w >= goal);
    const ei = intake(day);
    const snapshot = [...s] as HallState;
    ee = rk4Step(m, s, ei, 1);
    checkState(fn, s, day + 1, ei);
    if (done || day === maxDays) {
      return {
        reached: done,
        days: done ? day : null,
        weeks: done ? day / 7 : null,
        weightKg: weightOf(snapshot),
        expenditureKcal: ee,
        baselineMaintenanceKcal: m.baselineKcal,
        method: 'rk4, 1-day step',
      };
    }
  }
  /* c8 ignore next: the loop always returns on day maxDays */
  throw new Error('unreachable');
}
