import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { LOAD_RANGE, MIN_INCREMENT } from './_load';
import { roundToIncrement } from './percentTable';

/**
 * Deload weeks: a planned period of reduced training stress.
 *
 * References:
 * - Bell L, Strafford BW, Coleman M, Androulakis Korakakis P, Nolan D. Integrating deloading into
 *   strength and physique sports training programmes: an international Delphi consensus
 *   approach. Sports Med Open. 2023;9:87. doi:10.1186/s40798-023-00633-0. Consensus definition
 *   ("a period of reduced training stress designed to mitigate physiological and psychological
 *   fatigue, promote recovery, and enhance preparedness for subsequent training") and agreement
 *   that a deload may reduce volume, intensity, frequency or proximity to failure.
 * - Bell L, Nolan D, Immonen V, Helms E, Dallamore J, Wolf M, Androulakis Korakakis P. "You can't
 *   shoot another bullet until you've reloaded the gun": coaches' perceptions, practices and
 *   experiences of deloading in strength and physique sports. Front Sports Act Living.
 *   2022;4:1073223. Coaches cut volume (sets and reps) and effort, deload for 5–7 days, and
 *   programme one every 4–6 weeks, with wide variation.
 *
 * Neither paper fixes percentages. Our rule: cut sets by 30–50 % (default 40 %), keep the load
 * or lower it by at most 10 % (default: kept), and schedule a deload every 4–8 weeks (the
 * 4–6 weeks of the coach interviews widened to 8 for longer blocks). These numbers are our
 * settings within those descriptions, not values either paper reports.
 */

/** One exercise of a week's prescription; other fields (name, id…) are carried through. */
export interface DeloadableExercise {
  readonly sets: number;
  readonly reps: number;
  /** Load, kg or lb (0 for unloaded exercises). */
  readonly load: number;
}

export interface DeloadOptions {
  /** Fraction of sets removed, 0.3–0.5; default 0.4. */
  readonly volumeReduction?: number;
  /** Fraction of load removed, 0–0.1; default 0 (intensity kept). */
  readonly loadReduction?: number;
  /** Round reduced loads to this step (e.g. 2.5; 0.01–50); unrounded when absent. */
  readonly roundTo?: number;
}

/**
 * A week's prescription turned into its deload: sets = max(1, round(sets × (1 − volumeReduction)))
 * and load × (1 − loadReduction); reps and every other field are kept. Because sets are whole,
 * the realised cut differs from the nominal one (3 sets at 40 % → 2, a 33 % cut).
 *
 * @throws {NexFitraError} naming the field, e.g. `week.2.sets` or `options.volumeReduction`
 * @example deloadWeek([{ sets: 5, reps: 5, load: 100 }])[0] // { sets: 3, reps: 5, load: 100 } (5 × 0.6 = 3)
 */
export function deloadWeek<T extends DeloadableExercise>(
  week: readonly T[],
  options: DeloadOptions = {},
): T[] {
  const fn = 'deloadWeek';
  const o = checkObject(fn, 'options', options);
  const v = checkNumber(fn, ['options', 'volumeReduction'], o['volumeReduction'] ?? 0.4, {
    min: 0.3,
    max: 0.5,
  });
  const l = checkNumber(fn, ['options', 'loadReduction'], o['loadReduction'] ?? 0, { min: 0, max: 0.1 });
  const roundTo =
    o['roundTo'] === undefined
      ? undefined
      : checkNumber(fn, ['options', 'roundTo'], o['roundTo'], { min: MIN_INCREMENT, max: 50 });
  if (!Array.isArray(week)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['week'], value: week, allowed: 'an array' });
  }
  return week.map((exercise, i) => {
    const e = checkObject(fn, `week.${i}`, exercise);
    const sets = checkNumber(fn, ['week', i, 'sets'], e['sets'], { min: 1, max: 100, integer: true });
    checkNumber(fn, ['week', i, 'reps'], e['reps'], { min: 1, max: 1000, integer: true });
    const load = checkNumber(fn, ['week', i, 'load'], e['load'], {
      min: 0,
      max: LOAD_RANGE.max,
      unit: LOAD_RANGE.unit,
    });
    const reduced = load * (1 - l);
    return {
      ...exercise,
      sets: Math.max(1, Math.round(sets * (1 - v))),
      load: roundTo === undefined || l === 0 ? reduced : roundToIncrement(reduced, roundTo),
    };
  });
}

/**
 * Which weeks of a block are deloads when one comes every `every` weeks: weeks `every`,
 * 2·`every`, … (1-based), i.e. `every − 1` loading weeks then a deload.
 *
 * @param input.weeks length of the block, 1–52 weeks
 * @param input.every deload frequency, 4–8 weeks
 * @throws {NexFitraError} naming `weeks` or `every`
 * @example deloadWeeks({ weeks: 12, every: 4 }) // [4, 8, 12]
 */
export function deloadWeeks(input: { readonly weeks: number; readonly every: number }): number[] {
  const fn = 'deloadWeeks';
  const o = checkObject(fn, 'input', input);
  const weeks = checkNumber(fn, 'weeks', o['weeks'], { min: 1, max: 52, integer: true });
  const every = checkNumber(fn, 'every', o['every'], { min: 4, max: 8, integer: true });
  const out: number[] = [];
  for (let w = every; w <= weeks; w += every) out.push(w);
  return out;
}

/**
 * Whether 1-based `week` is a deload week for a deload every `every` weeks.
 * @example isDeloadWeek(8, 4) // true
 */
export function isDeloadWeek(week: number, every: number): boolean {
  const w = checkNumber('isDeloadWeek', 'week', week, { min: 1, max: 520, integer: true });
  const e = checkNumber('isDeloadWeek', 'every', every, { min: 4, max: 8, integer: true });
  return w % e === 0;
}
