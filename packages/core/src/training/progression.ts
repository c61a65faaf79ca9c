import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { LOAD_RANGE, MIN_INCREMENT } from './_load';
import { roundToIncrement } from './percentTable';

/**
 * Progression rules as pure functions `(state, outcome) → next state`. The state carries both
 * the prescription (load, reps) and the rule's settings, so a plan can store it as is.
 *
 * Background: Ratamess NA et al. American College of Sports Medicine position stand. Progression
 * models in resistance training for healthy adults. Med Sci Sports Exerc. 2009;41(3):687–708
 * (progressive overload; load increases of about 2–10 % once the current load is mastered).
 */

/** Load increments and rounding steps: 0.01–50 (kg or lb); see MIN_INCREMENT in ./_load. */
const INCREMENT_RANGE = { min: MIN_INCREMENT, max: 50, unit: '(kg or lb)' } as const;

function round(load: number, roundTo: number | undefined): number {
  return roundTo === undefined ? load : roundToIncrement(load, roundTo);
}

function checkRoundTo(fn: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkNumber(fn, ['state', 'roundTo'], value, INCREMENT_RANGE);
}

function checkSuccess(fn: string, outcome: unknown): boolean {
  const o = checkObject(fn, 'outcome', outcome);
  if (typeof o['success'] !== 'boolean') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['outcome', 'success'],
      value: o['success'],
      allowed: 'a boolean',
    });
  }
  return o['success'];
}

export interface LinearProgressionState {
  /** Current working load, kg or lb. */
  readonly load: number;
  /** Load added after each successful session (e.g. 2.5 kg; 0.01–50). */
  readonly increment: number;
  /** Consecutive failed sessions at the current load. */
  readonly failures: number;
  /** Failures in a row that trigger a reset; default 3. */
  readonly maxFailures?: number;
  /** Fraction taken off the load on reset; default 0.10. */
  readonly resetFraction?: number;
  /** Round a reset load to this step (e.g. 2.5; 0.01–50); unrounded when absent. */
  readonly roundTo?: number;
}

/**
 * Linear progression: after a successful session add `increment`; after a failed one repeat the
 * load; after `maxFailures` failures in a row take `resetFraction` (10 %) off and start again.
 * The 3-failure / 10 % reset is the usual convention of novice linear programmes (a coaching
 * rule of thumb, not a measured constant); both are settings.
 *
 * @throws {NexFitraError} naming the field, e.g. `state.failures`
 * @example linearProgression({ load: 100, increment: 2.5, failures: 2 }, { success: false }).load // 90
 */
export function linearProgression(
  state: LinearProgressionState,
  outcome: { readonly success: boolean },
): LinearProgressionState {
  const fn = 'linearProgression';
  const s = checkObject(fn, 'state', state);
  const load = checkNumber(fn, ['state', 'load'], s['load'], LOAD_RANGE);
  const increment = checkNumber(fn, ['state', 'increment'], s['increment'], INCREMENT_RANGE);
  const maxFailures = checkNumber(fn, ['state', 'maxFailures'], s['maxFailures'] ?? 3, {
    min: 1,
    max: 10,
    integer: true,
  });
  const failures = checkNumber(fn, ['state', 'failures'], s['failures'], {
    min: 0,
    max: maxFailures - 1,
    integer: true,
  });
  const resetFraction = checkNumber(fn, ['state', 'resetFraction'], s['resetFraction'] ?? 0.1, {
    min: 0,
    minExclusive: true,
    max: 0.5,
  });
  const roundTo = checkRoundTo(fn, s['roundTo']);
  if (checkSuccess(fn, outcome)) return { ...state, load: load + increment, failures: 0 };
  if (failures + 1 >= maxFailures) {
    return { ...state, load: round(load * (1 - resetFraction), roundTo), failures: 0 };
  }
  return { ...state, load, failures: failures + 1 };
}

export interface DoubleProgressionState {
  readonly load: number;
  /** Reps to aim for in every working set this session. */
  readonly targetReps: number;
  /** Bottom of the rep range (reps return here after a load increase). */
  readonly minReps: number;
  /** Top of the rep range (reaching it in every set earns a load increase). */
  readonly maxReps: number;
  readonly increment: number;
}

/**
 * Double progression: progress reps first, then load. If every working set reached `maxReps`,
 * add `increment` and drop back to `minReps`; else if the target was met, aim one rep higher
 * next time (by the reps actually achieved); else repeat. This is the "2-for-2"-style rule of
 * the ACSM stand (Ratamess et al. 2009) cast as a rep range.
 *
 * @param outcome.repsCompleted reps in the weakest working set (0–100)
 * @throws {NexFitraError} `INCONSISTENT` unless minReps < maxReps and minReps ≤ targetReps ≤ maxReps
 * @example doubleProgression({ load: 20, targetReps: 12, minReps: 8, maxReps: 12, increment: 2 }, { repsCompleted: 12 }) // { …, load: 22, targetReps: 8 }
 */
export function doubleProgression(
  state: DoubleProgressionState,
  outcome: { readonly repsCompleted: number },
): DoubleProgressionState {
  const fn = 'doubleProgression';
  const s = checkObject(fn, 'state', state);
  const load = checkNumber(fn, ['state', 'load'], s['load'], LOAD_RANGE);
  const increment = checkNumber(fn, ['state', 'increment'], s['increment'], INCREMENT_RANGE);
  const reps = { min: 1, max: 100, integer: true } as const;
  const minReps = checkNumber(fn, ['state', 'minReps'], s['minReps'], reps);
  const maxReps = checkNumber(fn, ['state', 'maxReps'], s['maxReps'], reps);
  if (minReps >= maxReps) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: ['state', 'maxReps'],
      value: maxReps,
      allowed: `an integer greater than minReps (${minReps})`,
    });
  }
  const targetReps = checkNumber(fn, ['state', 'targetReps'], s['targetReps'], {
    min: minReps,
    max: maxReps,
    integer: true,
  });
  const o = checkObject(fn, 'outcome', outcome);
  const done = checkNumber(fn, ['outcome', 'repsCompleted'], o['repsCompleted'], {
    min: 0,
    max: 100,
    integer: true,
  });
  if (done >= maxReps) return { ...state, load: load + increment, targetReps: minReps };
  if (done >= targetReps) return { ...state, load, targetReps: done + 1 };
  return { ...state, load, targetReps };
}

/**
 * Default load change per RPE point, as a fraction of the load. Derived from the Epley-based RPE
 * chart (see `rpePercentOfOneRepMax`): one RPE point is one rep in reserve, and with n reps to
 * failure the load for n + 1 is lighter by 1/(31 + n), from 3.1 % (n = 1) to 2.2 % (n = 15).
 * 3 % is a round value inside that span and inside the ~2–4 % per point commonly used in
 * RPE-based programming (a practitioner range: we found no trial that fixes the constant).
 */
export const LOAD_CHANGE_PER_RPE = 0.03;

export interface RpeProgressionState {
  readonly load: number;
  /** RPE the set should land at, 6–10. */
  readonly targetRpe: number;
  /** Fraction of load per RPE point, 0.01–0.05; default {@link LOAD_CHANGE_PER_RPE}. */
  readonly percentPerRpe?: number;
  /** Round the new load to this step (e.g. 2.5; 0.01–50); unrounded when absent. */
  readonly roundTo?: number;
}

/**
 * RPE-based load change: next load = load × (1 − k · (reported RPE − target RPE)), k = 3 % by
 * default. A set that felt harder than planned lowers the load; easier raises it.
 *
 * @param outcome.rpe reported RPE of the set, 6–10 (the RIR-anchored part of the scale, see `rpeToRir`)
 * @throws {NexFitraError} naming the field
 * @example rpeProgression({ load: 100, targetRpe: 8 }, { rpe: 9 }).load // 97 (100 · (1 − 0.03 · 1))
 */
export function rpeProgression(
  state: RpeProgressionState,
  outcome: { readonly rpe: number },
): RpeProgressionState {
  const fn = 'rpeProgression';
  const s = checkObject(fn, 'state', state);
  const load = checkNumber(fn, ['state', 'load'], s['load'], LOAD_RANGE);
  const target = checkNumber(fn, ['state', 'targetRpe'], s['targetRpe'], { min: 6, max: 10 });
  const k = checkNumber(fn, ['state', 'percentPerRpe'], s['percentPerRpe'] ?? LOAD_CHANGE_PER_RPE, {
    min: 0.01,
    max: 0.05,
  });
  const roundTo = checkRoundTo(fn, s['roundTo']);
  const o = checkObject(fn, 'outcome', outcome);
  const rpe = checkNumber(fn, ['outcome', 'rpe'], o['rpe'], { min: 6, max: 10 });
  return { ...state, load: round(load * (1 - k * (rpe - target)), roundTo) };
}
