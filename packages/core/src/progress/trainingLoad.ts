import { checkEnum, checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { checkArray, dateOf } from './_dates';
import { readDaysWithWorkouts as readDays } from './_workouts';
import type { LogDay } from './checkLog';

export interface DailyLoad {
  readonly date: string;
  /** Session-RPE load of the day, arbitrary units (sum over rated workouts; 0 on rest days). */
  readonly load: number;
  /** Workouts of the day without sessionRpe or durationMinutes (not in `load`). */
  readonly unrated: number;
}

/**
 * Session-RPE training load per calendar day: for each workout, the session's CR-10 rating
 * times its duration in minutes (Foster C, Florhaug JA, Franklin J, et al. A new approach to
 * monitoring exercise training. J Strength Cond Res 2001;15:109–115), summed over the day.
 * Every day from the first to the last logged day is listed; a day without a logged workout is
 * a rest day (load 0), which is the assumption a load ratio makes — log every session. Workouts
 * without a rating or duration are counted in `unrated`, not guessed.
 *
 * @throws {NexFitraError} naming the field
 */
export function sessionLoads(days: readonly LogDay[]): DailyLoad[] {
  const list = readDays('sessionLoads', days);
  if (list.length === 0) return [];
  const byDay = new Map(list.map((d) => [d.day, d]));
  const out: DailyLoad[] = [];
  for (let day = list[0]!.day; day <= list[list.length - 1]!.day; day++) {
    let load = 0;
    let unrated = 0;
    for (const w of byDay.get(day)?.workouts ?? []) {
      if (w.sessionRpe === undefined || w.durationMinutes === undefined) unrated++;
      else load += w.sessionRpe * w.durationMinutes;
    }
    out.push({ date: dateOf(day), load, unrated });
  }
  return out;
}

/** Descriptive bands of the acute:chronic workload ratio (see {@link acuteChronicRatio}). */
export const ACWR_ZONES = Object.freeze([
  { zone: 'low', below: 0.8 },
  { zone: 'moderate', below: 1.3 },
  { zone: 'high', below: 1.5 },
  { zone: 'very-high', below: Number.POSITIVE_INFINITY },
] as const);
export type AcwrZone = (typeof ACWR_ZONES)[number]['zone'];

export interface AcwrPoint {
  readonly date: string;
  readonly acute: number;
  readonly chronic: number;
  /** Acute ÷ chronic; null until a full chronic window has passed, or when chronic load is 0. */
  readonly ratio: number | null;
  readonly zone: AcwrZone | null;
}

/**
 * Acute:chronic workload ratio per day from daily loads (e.g. {@link sessionLoads}): the mean
 * load of the last `acuteDays` (default 7) over that of the last `chronicDays` (default 28),
 * either as rolling means (`rolling`, the coupled form of Hulin et al. 2016, Br J Sports Med
 * 50:231) or as exponentially weighted means with λ = 2/(N + 1) (`ewma`, Williams et al. 2017,
 * Br J Sports Med 51:209). Zones: < 0.8 low, 0.8–1.3 moderate (the "sweet spot"), 1.3–1.5 high,
 * ≥ 1.5 very high, after Gabbett TJ. The training–injury prevention paradox. Br J Sports Med
 * 2016;50:273–280.
 *
 * Read it as a description of how this week compares with the last month, not as an injury
 * predictor: the ratio and its thresholds have been criticised as statistically flawed
 * (mathematical coupling, ratio artefacts, arbitrary bands) and not shown to predict injury —
 * Impellizzeri FM, Tenan MS, Kempton T, Novak A, Coutts AJ. Acute:chronic workload ratio:
 * conceptual issues and fundamental pitfalls. Int J Sports Physiol Perform 2020;15:907–913.
 *
 * @throws {NexFitraError} naming the field
 * @example acuteChronicRatio(sessionLoads(days), { method: 'ewma' }).at(-1)?.ratio
 */
export function acuteChronicRatio(
  loads: readonly { readonly date: string; readonly load: number }[],
  options: {
    readonly method?: 'rolling' | 'ewma';
    readonly acuteDays?: number;
    readonly chronicDays?: number;
  } = {},
): AcwrPoint[] {
  const fn = 'acuteChronicRatio';
  const o = checkObject(fn, 'options', options);
  const method =
    o['method'] === undefined
      ? 'rolling'
      : checkEnum(fn, ['options', 'method'], o['method'], ['rolling', 'ewma'] as const);
  const a =
    o['acuteDays'] === undefined
      ? 7
      : checkNumber(fn, ['options', 'acuteDays'], o['acuteDays'], { min: 1, max: 28, integer: true });
  const c =
    o['chronicDays'] === undefined
      ? 28
      : checkNumber(fn, ['options', 'chronicDays'], o['chronicDays'], { min: a + 1, max: 90, integer: true });
  const values = checkArray(fn, ['loads'], loads).map((l, i) => {
    const x = checkObject(fn, `loads.${i}`, l);
    if (typeof x['date'] !== 'string') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['loads', i, 'date'],
        value: x['date'],
        allowed: 'a date string',
      });
    }
    return checkNumber(fn, ['loads', i, 'load'], x['load'], { min: 0, max: 1e5 });
  });
  const out: AcwrPoint[] = [];
  let ea = 0;
  let ec = 0;
  let sumA = 0;
  let sumC = 0;
  values.forEach((v, i) => {
    sumA += v - (i >= a ? values[i - a]! : 0);
    sumC += v - (i >= c ? values[i - c]! : 0);
    ea = i === 0 ? v : ea + (2 / (a + 1)) * (v - ea);
    ec = i === 0 ? v : ec + (2 / (c + 1)) * (v - ec);
    const acute = method === 'rolling' ? sumA / a : ea;
    const chronic = method === 'rolling' ? sumC / c : ec;
    const ratio = i + 1 >= c && chronic > 0 ? acute / chronic : null;
    out.push({
      date: (loads[i] as { date: string }).date,
      acute,
      chronic,
      ratio,
      zone: ratio === null ? null : ACWR_ZONES.find((z) => ratio < z.below)!.zone,
    });
  });
  return out;
}
