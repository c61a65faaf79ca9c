import { checkNumber, checkObject } from '../_check';
import { dateOf } from './_dates';
import { readDays } from './_days';
import type { LogDay } from './checkLog';

/**
 * Tuning of the local-linear-trend Kalman filter, all in kg and days. The defaults are ours,
 * chosen on simulated logs (a true loss of 0.5 kg/week plus day-to-day scatter of 0.6 kg SD,
 * the size of the water and gut-content swings usually quoted for daily weigh-ins): the trend
 * settles within about two weeks of a change in rate.
 */
export interface KalmanOptions {
  /** SD of one weigh-in around the true (trend) weight, kg (default 0.6). */
  readonly observationSdKg?: number;
  /** SD of the day-to-day random change of the level, kg (default 0.05). */
  readonly levelSdKg?: number;
  /** SD of the day-to-day change of the slope, kg/day (default 0.002). */
  readonly slopeSdKgPerDay?: number;
  /** SD of the slope before any data, kg/day (default 0.1, i.e. ±0.7 kg/week). */
  readonly initialSlopeSdKgPerDay?: number;
  /** A weigh-in whose innovation exceeds this many SDs is an outlier (default 3.5). */
  readonly outlierZ?: number;
}

export const KALMAN_DEFAULTS = Object.freeze({
  observationSdKg: 0.6,
  levelSdKg: 0.05,
  slopeSdKgPerDay: 0.002,
  initialSlopeSdKgPerDay: 0.1,
  outlierZ: 3.5,
}) satisfies Required<KalmanOptions>;

/** One day of the trend (every calendar day from the first weigh-in to the last day of the log). */
export interface TrendPoint {
  readonly date: string;
  readonly day: number;
  /** Filtered trend weight, kg. */
  readonly trendKg: number;
  /** SD of the trend weight, kg. */
  readonly trendSdKg: number;
  /** Rate of change, kg/week (negative = losing). */
  readonly rateKgPerWeek: number;
  readonly rateSdKgPerWeek: number;
  /** The day's (mean) weigh-in, kg; absent on days without one. */
  readonly observedKg?: number;
  /** True when the day's weigh-in was judged an outlier and not used. */
  readonly outlier: boolean;
}

export interface WeightOutlier {
  readonly date: string;
  readonly observedKg: number;
  /** What the filter expected that day, kg. */
  readonly expectedKg: number;
  /** Innovation in SDs. */
  readonly z: number;
  /** `ignored`: not used; `level-shift`: the third outlier in a row on the same side, accepted as a real change and the filter reset to it. */
  readonly action: 'ignored' | 'level-shift';
}

export interface WeightTrend {
  readonly points: readonly TrendPoint[];
  readonly outliers: readonly WeightOutlier[];
  /** Weigh-ins used / days covered. */
  readonly weighInsUsed: number;
  readonly daysCovered: number;
  readonly options: Required<KalmanOptions>;
}

const FN = 'trendWeight';

function readOptions(options: KalmanOptions): Required<KalmanOptions> {
  const o = checkObject(FN, 'options', options);
  const read = (k: keyof KalmanOptions, max: number, min = 0) =>
    o[k] === undefined
      ? KALMAN_DEFAULTS[k]
      : checkNumber(FN, ['options', k], o[k], { min, max, unit: k === 'outlierZ' ? 'SD' : 'kg or kg/day' });
  return {
    observationSdKg: read('observationSdKg', 10, 0.01),
    levelSdKg: read('levelSdKg', 5),
    slopeSdKgPerDay: read('slopeSdKgPerDay', 1),
    initialSlopeSdKgPerDay: read('initialSlopeSdKgPerDay', 2),
    outlierZ: read('outlierZ', 100, 1),
  };
}

/**
 * Trend weight from noisy daily weigh-ins by a local-linear-trend Kalman filter (level and
 * slope; Harvey AC. Forecasting, Structural Time Series Models and the Kalman Filter. Cambridge
 * University Press; 1989, ch. 2): each day the level moves by the slope plus noise; each
 * weigh-in is the level plus noise. The filter gives, every day, the trend weight, the rate of
 * change per week, and the SD of both. Days without a weigh-in only predict (the SDs grow);
 * a weigh-in more than `outlierZ` SDs from the prediction is reported in `outliers` and not
 * used, unless it is the third in a row on the same side, which is taken as a real change.
 *
 * @param days `checkProgressLog(entries).days` (weigh-ins already in kg, one day per date)
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INCONSISTENT` naming the field
 * @example trendWeight(checkProgressLog([{ date: '2026-01-01', weight: { value: 80, unit: 'kg' } }, { date: '2026-01-02', weight: { value: 80, unit: 'kg' } }]).days).points[1].trendKg // 80
 */
export function trendWeight(days: readonly LogDay[], options: KalmanOptions = {}): WeightTrend {
  const list = readDays(FN, days);
  const opt = readOptions(options);
  const weighed = list.filter((d) => d.weightKg !== undefined);
  if (weighed.length === 0) {
    return { points: [], outliers: [], weighInsUsed: 0, daysCovered: 0, options: opt };
  }
  const R = opt.observationSdKg ** 2;
  const qL = opt.levelSdKg ** 2;
  const qB = opt.slopeSdKgPerDay ** 2;
  const first = weighed[0]!;
  const lastDay = list[list.length - 1]!.day;
  const byDay = new Map(weighed.map((d) => [d.day, d]));
  let l = first.weightKg!;
  let b = 0;
  let p00 = R;
  let p01 = 0;
  let p11 = opt.initialSlopeSdKgPerDay ** 2;
  const points: TrendPoint[] = [];
  const outliers: WeightOutlier[] = [];
  let used = 0;
  let run = 0; // consecutive outliers on one side (signed count)
  for (let day = first.day; day <= lastDay; day++) {
    if (day > first.day) {
      // Predict: level += slope; P = F P F' + Q with F = [[1, 1], [0, 1]].
      l += b;
      const n00 = p00 + 2 * p01 + p11 + qL;
      const n01 = p01 + p11;
      p11 += qB;
      p00 = n00;
      p01 = n01;
    }
    const obs = byDay.get(day)?.weightKg;
    let outlier = false;
    if (obs !== undefined) {
      const s = p00 + R;
      const nu = obs - l;
      const z = nu / Math.sqrt(s);
      if (day === first.day) {
        used++; // the level starts at this weigh-in (P00 = R): no second update with it
      } else if (Math.abs(z) > opt.outlierZ) {
        run = Math.sign(z) === Math.sign(run) ? run + Math.sign(z) : Math.sign(z);
        const shift = Math.abs(run) >= 3;
        outliers.push({
          date: dateOf(day),
          observedKg: obs,
          expectedKg: l,
          z,
          action: shift ? 'level-shift' : 'ignored',
        });
        if (shift) {
          // A sustained shift (new scale, real change): restart the level there, keep the slope.
          l = obs;
          p00 = R;
          p01 = 0;
          run = 0;
          used++;
        } else {
          outlier = true;
        }
      } else {
        run = 0;
        const k0 = p00 / s;
        const k1 = p01 / s;
        l += k0 * nu;
        b += k1 * nu;
        p11 -= k1 * p01;
        p00 *= 1 - k0;
        p01 *= 1 - k0;
        used++;
      }
    }
    points.push({
      date: dateOf(day),
      day,
      trendKg: l,
      trendSdKg: Math.sqrt(Math.max(p00, 0)),
      rateKgPerWeek: 7 * b,
      rateSdKgPerWeek: 7 * Math.sqrt(Math.max(p11, 0)),
      ...(obs !== undefined ? { observedKg: obs } : {}),
      outlier,
    });
  }
  return { points, outliers, weighInsUsed: used, daysCovered: points.length, options: opt };
}

/** Smoothing factor of the Hacker's Diet moving average (10 % of each new weigh-in). */
export const EWMA_ALPHA = 0.1;

/**
 * Exponentially smoothed trend weight, the Hacker's Diet rule (Walker J. The Hacker's Diet.
 * Fourmilab; 1991, "Signal and noise"): `trend = trend + α × (weight − trend)` with α = 0.1,
 * started at the first weigh-in; days without a weigh-in carry the trend over. Every value is a
 * weighted mean of weigh-ins, so it stays within their range. No outlier handling and no
 * uncertainty: use {@link trendWeight} for those.
 *
 * @returns one `{ date, trendKg }` per weigh-in day
 * @throws {NexFitraError} naming the field
 * @example ewmaTrend(checkProgressLog([80, 81, 79].map((kg, i) => ({ date: `2026-01-0${i + 1}`, weight: { value: kg, unit: 'kg' } }))).days).map((p) => p.trendKg) // [80, 80.1, 79.99]
 */
export function ewmaTrend(
  days: readonly LogDay[],
  alpha: number = EWMA_ALPHA,
): { readonly date: string; readonly trendKg: number }[] {
  const list = readDays('ewmaTrend', days);
  const a = checkNumber('ewmaTrend', 'alpha', alpha, { min: 0, minExclusive: true, max: 1 });
  const out: { date: string; trendKg: number }[] = [];
  let t: number | undefined;
  for (const d of list) {
    if (d.weightKg === undefined) continue;
    t = t === undefined ? d.weightKg : t + a * (d.weightKg - t);
    out.push({ date: d.date, trendKg: t });
  }
  return out;
}
