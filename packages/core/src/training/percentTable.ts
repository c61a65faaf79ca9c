import { checkEnum, checkNumber, checkObject } from '../_check';
import { LOAD_RANGE, MIN_INCREMENT } from './_load';
import { ONE_REP_MAX_FORMULAS, ONE_REP_MAX_REP_CAPS, type OneRepMaxFormula, repFactor } from './oneRepMax';

/**
 * Smallest load step of a standard plate-loaded bar: a pair of 1.25 kg plates (2.5 kg) or a
 * pair of 2.5 lb plates (5 lb). Gyms with fractional plates can pass any other increment.
 */
export const PLATE_INCREMENTS = { kg: 2.5, lb: 5 } as const;

export const ROUNDING_MODES = ['nearest', 'down', 'up'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/**
 * Rounds a load to a multiple of `increment`. `nearest` rounds halves up; `down` never exceeds
 * the load (the safe choice for a prescribed top set). Results are snapped to 1e-9 so that
 * e.g. 41 × 2.5 prints as 102.5.
 *
 * @param load load, kg or lb (≥ 0, ≤ 2000)
 * @param increment step, e.g. {@link PLATE_INCREMENTS}`.kg` (≥ 0.01, ≤ 100; a smaller step is
 *   no plate anyone loads, and a step near zero would overflow `load / increment`)
 * @throws {NexFitraError} naming `load`, `increment` or `mode`
 * @example roundToIncrement(103.7, 2.5) // 102.5 (103.7 / 2.5 = 41.48 → 41 → 102.5)
 */
export function roundToIncrement(load: number, increment: number, mode: RoundingMode = 'nearest'): number {
  const fn = 'roundToIncrement';
  const w = checkNumber(fn, 'load', load, { min: 0, max: LOAD_RANGE.max, unit: LOAD_RANGE.unit });
  const step = checkNumber(fn, 'increment', increment, { min: MIN_INCREMENT, max: 100 });
  const m = checkEnum(fn, 'mode', mode, ROUNDING_MODES);
  const q = w / step;
  // The 1e-9 slack keeps exact multiples (computed with float error) from moving a whole step.
  const k = m === 'nearest' ? Math.round(q) : m === 'down' ? Math.floor(q + 1e-9) : Math.ceil(q - 1e-9);
  return Math.round(k * step * 1e9) / 1e9;
}

export interface PercentTableRow {
  readonly reps: number;
  /** Percent of 1RM the formula predicts for this many reps to failure (100 at one rep). */
  readonly percent: number;
  /** 1RM × percent / 100, rounded when an increment is given. */
  readonly load: number;
}

export interface PercentTableOptions {
  /** Default `epley`. */
  readonly formula?: OneRepMaxFormula;
  /** Round loads to this step (e.g. 2.5 kg or 5 lb; 0.01–100); unrounded when absent. */
  readonly increment?: number;
  /** Default `nearest`. */
  readonly rounding?: RoundingMode;
}

/**
 * The %1RM table: for each rep count 1–12 the load a formula predicts can be lifted for exactly
 * that many reps, `load = 1RM / factor(reps)` (see `loadForReps`). Rows stop at the formula's
 * rep cap, so `brzycki` and `lander` give 1–10 and the others 1–12.
 *
 * @param oneRepMax 1RM, kg or lb (> 0, ≤ 2000)
 * @throws {NexFitraError} naming `oneRepMax`, `options.formula`, `options.increment` or
 *   `options.rounding`
 * @example percentTable(100, { formula: 'epley' })[4] // { reps: 5, percent: 85.714…, load: 85.714… } (100 / (1 + 5/30) = 600/7)
 */
export function percentTable(oneRepMax: number, options: PercentTableOptions = {}): PercentTableRow[] {
  const fn = 'percentTable';
  const m = checkNumber(fn, 'oneRepMax', oneRepMax, LOAD_RANGE);
  const o = checkObject(fn, 'options', options);
  const formula = checkEnum(fn, ['options', 'formula'], o['formula'] ?? 'epley', ONE_REP_MAX_FORMULAS);
  const increment =
    o['increment'] === undefined
      ? undefined
      : checkNumber(fn, ['options', 'increment'], o['increment'], { min: MIN_INCREMENT, max: 100 });
  const rounding = checkEnum(fn, ['options', 'rounding'], o['rounding'] ?? 'nearest', ROUNDING_MODES);
  const rows: PercentTableRow[] = [];
  for (let reps = 1; reps <= Math.min(12, ONE_REP_MAX_REP_CAPS[formula]); reps++) {
    const percent = 100 / repFactor(formula, reps);
    const exact = (m * percent) / 100;
    rows.push({
      reps,
      percent,
      load: increment === undefined ? exact : roundToIncrement(exact, increment, rounding),
    });
  }
  return rows;
}
