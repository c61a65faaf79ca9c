import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { NexFitraError } from '../errors';
import { SEXES, type SexT } from '../schemas/vocab';
import { dateOf } from './_dates';
import { readDays } from './_days';
import type { LogDay } from './checkLog';
import { changeEnergy } from './energyDensity';
import { jacksonFatKg } from './hall/_params';
import { type KalmanOptions, trendWeight } from './trendWeight';

export interface ExpenditureProfile {
  readonly sex: SexT;
  readonly ageYears: number;
  readonly heightCm: number;
  /** Measured body fat, %; otherwise estimated from BMI (Jackson et al. 2002). */
  readonly bodyFatPercent?: number;
}

export interface ExpenditureOptions {
  /** Days at the end of the log to estimate over (14–90; default 28). */
  readonly windowDays?: number;
  /** Fewest complete intake days the estimate may rest on (default 10). */
  readonly minIntakeDays?: number;
  readonly kalman?: KalmanOptions;
}

export interface ExpenditureEstimate {
  readonly ok: true;
  /** Estimated mean daily expenditure over the window, kcal/d. */
  readonly tdeeKcal: number;
  /** 95 % interval, kcal/d. */
  readonly ci95Kcal: readonly [number, number];
  readonly sdKcal: number;
  /** Mean logged intake over the complete intake days, kcal/d. */
  readonly meanIntakeKcal: number;
  /** Change of trend weight over the window, kg, and the energy it stored (negative: released), kcal/d. */
  readonly trendChangeKg: number;
  readonly storedKcalPerDay: number;
  /** kcal per kg of the change (Forbes / Hall 2008; see weightChangeEnergy). */
  readonly energyDensityKcalPerKg: number;
  /** What the estimate rests on. */
  readonly basis: {
    readonly from: string;
    readonly to: string;
    readonly windowDays: number;
    readonly intakeDays: number;
    /** Days with an intake marked `intakeComplete: false`: reported, not averaged. */
    readonly partialIntakeDays: number;
    readonly weighIns: number;
    readonly outliers: number;
    /** intakeDays / windowDays. */
    readonly intakeCoverage: number;
  };
}

export interface ExpenditureRefusal {
  readonly ok: false;
  readonly reason: 'TOO_FEW_INTAKE_DAYS' | 'TOO_FEW_WEIGH_INS';
  readonly message: string;
  readonly intakeDays: number;
  readonly weighIns: number;
}

const FN = 'adaptiveExpenditure';

/**
 * Actual daily energy expenditure from logged intake and the trend weight, by energy balance:
 * expenditure = mean intake − (energy stored in the change of trend weight) / days. The trend is
 * {@link trendWeight}'s Kalman level at both ends of the window; the energy per kg depends on
 * the direction and size of the change and on fat mass (Forbes' curve, Hall 2008 — see
 * {@link weightChangeEnergy}), not a fixed 7,700 kcal/kg.
 *
 * Partial logging is handled honestly: only days with a complete intake are averaged (days
 * marked `intakeComplete: false` are counted and reported), the assumption being that unlogged
 * days look like logged ones; `basis` says how many days and weigh-ins the estimate rests on.
 * With fewer than `minIntakeDays` intake days or 4 weigh-ins in the window the answer is a
 * refusal, not a number. The 95 % interval combines the standard error of mean intake with the
 * SDs of the two trend levels (treated as independent, which widens it).
 *
 * @param days `checkProgressLog(entries).days`
 * @throws {NexFitraError} naming the field
 * @example
 * // 35 days at a steady 80 kg on 2,400 kcal/d: expenditure 2,400 kcal/d (95 % CI about ±180)
 * const days = checkProgressLog(Array.from({ length: 35 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), weight: { value: 80, unit: 'kg' }, intakeKcal: 2400 }))).days;
 * adaptiveExpenditure(days, { sex: 'male', ageYears: 35, heightCm: 180 }).tdeeKcal // 2400
 */
export function adaptiveExpenditure(
  days: readonly LogDay[],
  profile: ExpenditureProfile,
  options: ExpenditureOptions = {},
): ExpenditureEstimate | ExpenditureRefusal {
  const list = readDays(FN, days);
  const p = checkObject(FN, 'profile', profile);
  const sex = checkEnum(FN, ['profile', 'sex'], p['sex'], SEXES);
  const age = checkNumber(FN, ['profile', 'ageYears'], p['ageYears'], HUMAN.adultAgeYears);
  const height = checkNumber(FN, ['profile', 'heightCm'], p['heightCm'], { min: 120, max: 250, unit: 'cm' });
  const bf =
    p['bodyFatPercent'] === undefined
      ? undefined
      : checkNumber(FN, ['profile', 'bodyFatPercent'], p['bodyFatPercent'], HUMAN.bodyFatPercent);
  const o = checkObject(FN, 'options', options);
  const windowDays =
    o['windowDays'] === undefined
      ? 28
      : checkNumber(FN, ['options', 'windowDays'], o['windowDays'], { min: 14, max: 90, integer: true });
  const minIntakeDays =
    o['minIntakeDays'] === undefined
      ? 10
      : checkNumber(FN, ['options', 'minIntakeDays'], o['minIntakeDays'], { min: 3, max: 90, integer: true });
  const trend = trendWeight(list, (o['kalman'] ?? {}) as KalmanOptions);
  const last = list.length ? list[list.length - 1]!.day : 0;
  const first = last - windowDays; // the trend at `first` is the start level, days first+1…last are averaged
  const inWindow = list.filter((d) => d.day > first && d.day <= last);
  const complete = inWindow.filter((d) => d.intakeKcal !== undefined && d.intakeComplete);
  const partial = inWindow.filter((d) => d.intakeKcal !== undefined && !d.intakeComplete).length;
  const weighIns = inWindow.filter((d) => d.weightKg !== undefined).length;
  const start = trend.points.find((pt) => pt.day === first);
  const end = trend.points.find((pt) => pt.day === last);
  if (complete.length < minIntakeDays) {
    return {
      ok: false,
      reason: 'TOO_FEW_INTAKE_DAYS',
      message: `Only ${complete.length} complete intake day(s) in the last ${windowDays} days; at least ${minIntakeDays} are needed.`,
      intakeDays: complete.length,
      weighIns,
    };
  }
  if (!start || !end || weighIns < 4) {
    return {
      ok: false,
      reason: 'TOO_FEW_WEIGH_INS',
      message: `The trend needs weigh-ins from before ${dateOf(first + 1)} and at least 4 inside the last ${windowDays} days (found ${weighIns}).`,
      intakeDays: complete.length,
      weighIns,
    };
  }
  const n = complete.length;
  const mean = complete.reduce((s, d) => s + d.intakeKcal!, 0) / n;
  const variance = complete.reduce((s, d) => s + (d.intakeKcal! - mean) ** 2, 0) / Math.max(n - 1, 1);
  const change = end.trendKg - start.trendKg;
  const fat0 = bf === undefined ? jacksonFatKg(sex, start.trendKg, height, age) : (start.trendKg * bf) / 100;
  if (!(fat0 > 0.5) || change <= -0.9 * fat0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: ['profile', bf === undefined ? 'heightCm' : 'bodyFatPercent'],
      value: bf ?? height,
      allowed: `more than 0.5 kg of fat at ${start.trendKg.toFixed(1)} kg`,
    });
  }
  const stored = changeEnergy(fat0, change);
  const density = change === 0 ? changeEnergy(fat0, -1e-3) / -1e-3 : stored / change;
  const storedPerDay = stored / windowDays;
  const tdee = mean - storedPerDay;
  const sdChange = Math.sqrt(start.trendSdKg ** 2 + end.trendSdKg ** 2);
  const sd = Math.sqrt(variance / n + ((density * sdChange) / windowDays) ** 2);
  return {
    ok: true,
    tdeeKcal: tdee,
    ci95Kcal: [tdee - 1.96 * sd, tdee + 1.96 * sd],
    sdKcal: sd,
    meanIntakeKcal: mean,
    trendChangeKg: change,
    storedKcalPerDay: storedPerDay,
    energyDensityKcalPerKg: density,
    basis: {
      from: dateOf(first + 1),
      to: dateOf(last),
      windowDays,
      intakeDays: n,
      partialIntakeDays: partial,
      weighIns,
      outliers: trend.outliers.filter((x) => x.date > dateOf(first) && x.date <= dateOf(last)).length,
      intakeCoverage: n / windowDays,
    },
  };
}
