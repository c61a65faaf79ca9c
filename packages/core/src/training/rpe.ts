import { checkNumber } from '../_check';
import { NexFitraError } from '../errors';
import { LOAD_RANGE } from './_load';

/**
 * Resistance-training RPE and repetitions in reserve (RIR): RIR = 10 − RPE, for RPE 6–10 in
 * steps of 0.5 (RPE 10 = no rep left, 9 = one left, 8 = two, …, 6 = four).
 *
 * References:
 * - Zourdos MC, Klemp A, Dolan C, Quiles JM, Schau KA, Jo E, Helms E, Esgro B, Duncan S,
 *   Garcia Merino S, Blanco R. Novel resistance training-specific rating of perceived exertion
 *   scale measuring repetitions in reserve. J Strength Cond Res. 2016;30(1):267–275.
 * - Helms ER, Cronin J, Storey A, Zourdos MC. Application of the repetitions in reserve-based
 *   rating of perceived exertion scale for resistance training. Strength Cond J.
 *   2016;38(4):42–49.
 *
 * Zourdos's scale gives half points as ranges (9.5 = "no further reps but could add load",
 * 8.5 = "1–2 reps left") and RPE 5–6 as "4–6 reps left"; we read each half point as the midpoint
 * (RIR 0.5, 1.5, …) and RPE 6 as RIR 4, the usual reading in RPE charts.
 */
export const RPE_VALUES = [6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10] as const;

function checkHalfStep(fn: string, field: string, value: unknown, min: number, max: number): number {
  const v = checkNumber(fn, field, value, { min, max });
  if (!Number.isInteger(v * 2)) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn,
      path: [field],
      value,
      allowed: `a multiple of 0.5 in [${min}, ${max}]`,
    });
  }
  return v;
}

/**
 * Reps in reserve for a resistance-training RPE: RIR = 10 − RPE (Zourdos et al. 2016).
 * @param rpe 6–10 in steps of 0.5
 * @throws {NexFitraError} `OUT_OF_RANGE` naming `rpe`
 * @example rpeToRir(8) // 2
 */
export function rpeToRir(rpe: number): number {
  return 10 - checkHalfStep('rpeToRir', 'rpe', rpe, 6, 10);
}

/**
 * RPE for a number of reps in reserve: RPE = 10 − RIR.
 * @param rir 0–4 in steps of 0.5
 * @throws {NexFitraError} `OUT_OF_RANGE` naming `rir`
 * @example rirToRpe(1.5) // 8.5
 */
export function rirToRpe(rir: number): number {
  return 10 - checkHalfStep('rirToRpe', 'rir', rir, 0, 4);
}

/** Reps accepted by the RPE chart. */
export const RPE_CHART_MAX_REPS = 12;

function chartPercent(reps: number, rpe: number): number {
  const toFailure = reps + (10 - rpe);
  return toFailure === 1 ? 100 : 100 / (1 + toFailure / 30);
}

/**
 * Percentage of 1RM for `reps` reps at a given RPE, derived from Epley's equation (see
 * `estimateOneRepMax`) applied to the reps the lifter could have done to failure:
 * %1RM = 100 / (1 + (reps + RIR) / 30), and 100 when reps + RIR = 1 (one-rep convention).
 *
 * This is our derivation, not Tuchscherer's Reactive Training Systems (RTS) chart: the RTS
 * values circulate in several inconsistent copies and we could not trace a primary table. The
 * derived chart lands close to the commonly quoted RTS cells (e.g. 5 reps @ RPE 8: 100/(1 + 7/30)
 * = 81.08 % here, 81.1 % as quoted). Low RPE with high reps reaches 16 reps to failure (12 reps @
 * RPE 6), beyond the 12-rep cap of the 1RM estimators: those cells are an extrapolation.
 *
 * @param reps whole reps, 1–12
 * @param rpe 6–10 in steps of 0.5
 * @returns percent of 1RM (0–100)
 * @throws {NexFitraError} `OUT_OF_RANGE` naming `reps` or `rpe`
 * @example rpePercentOfOneRepMax(5, 8) // 81.08108108108108 (100 / (1 + 7/30) = 3000/37)
 */
export function rpePercentOfOneRepMax(reps: number, rpe: number): number {
  const fn = 'rpePercentOfOneRepMax';
  const r = checkNumber(fn, 'reps', reps, { min: 1, max: RPE_CHART_MAX_REPS, integer: true });
  return chartPercent(r, checkHalfStep(fn, 'rpe', rpe, 6, 10));
}

/**
 * Load to use for `reps` reps at a target RPE: 1RM × {@link rpePercentOfOneRepMax} / 100.
 * @param oneRepMax 1RM, kg or lb (> 0, ≤ 2000); the load is in the same unit
 * @example loadForRpe(200, 5, 8) // 162.16216216216216 (200 · 30/37)
 */
export function loadForRpe(oneRepMax: number, reps: number, rpe: number): number {
  const m = checkNumber('loadForRpe', 'oneRepMax', oneRepMax, LOAD_RANGE);
  const r = checkNumber('loadForRpe', 'reps', reps, { min: 1, max: RPE_CHART_MAX_REPS, integer: true });
  return (m * chartPercent(r, checkHalfStep('loadForRpe', 'rpe', rpe, 6, 10))) / 100;
}

/**
 * Estimated 1RM from a set's load, reps and RPE: load × 100 / {@link rpePercentOfOneRepMax}.
 * @param load load lifted, kg or lb (> 0, ≤ 2000)
 * @example oneRepMaxFromRpe(150, 3, 9) // 170 (150 · (1 + 4/30))
 */
export function oneRepMaxFromRpe(load: number, reps: number, rpe: number): number {
  const fn = 'oneRepMaxFromRpe';
  const w = checkNumber(fn, 'load', load, LOAD_RANGE);
  const r = checkNumber(fn, 'reps', reps, { min: 1, max: RPE_CHART_MAX_REPS, integer: true });
  return (w * 100) / chartPercent(r, checkHalfStep(fn, 'rpe', rpe, 6, 10));
}

/**
 * The whole chart: one row per rep count 1–12, `percent[i]` for `RPE_VALUES[i]` (6 … 10).
 * Computed from {@link rpePercentOfOneRepMax}'s definition, not typed in.
 */
export const RPE_CHART: readonly { readonly reps: number; readonly percent: readonly number[] }[] =
  Array.from({ length: RPE_CHART_MAX_REPS }, (_, i) => ({
    reps: i + 1,
    percent: RPE_VALUES.map((rpe) => chartPercent(i + 1, rpe)),
  }));
