import { checkEnum, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { CompletedSetT } from '../schemas/progress';
import {
  estimateOneRepMax,
  ONE_REP_MAX_FORMULAS,
  ONE_REP_MAX_REP_CAPS,
  type OneRepMaxFormula,
} from '../training/oneRepMax';
import { oneRepMaxFromRpe, RPE_CHART_MAX_REPS } from '../training/rpe';
import { toKg } from '../units/index';
import { readDaysWithWorkouts as readDays } from './_workouts';
import type { LogDay } from './checkLog';

/** Why a logged set gave no e1RM (it is still counted in volume). */
export type SetSkipReason = 'no-load' | 'timed' | 'too-many-reps' | 'too-far-from-failure';

export interface E1rmPoint {
  readonly date: string;
  /** Best estimated 1RM of the day, kg. */
  readonly e1rmKg: number;
  /** The set it came from. */
  readonly reps: number;
  readonly loadKg: number;
  readonly rpe: number | null;
  /** `rpe`: from the RPE chart (reps + reps in reserve); `formula`: the set taken as to failure. */
  readonly method: 'rpe' | 'formula';
}

export interface SkippedSet {
  readonly date: string;
  readonly exerciseId: string;
  readonly setIndex: number;
  readonly reason: SetSkipReason;
}

export interface E1rmTrend {
  readonly exerciseId: string;
  readonly points: readonly E1rmPoint[];
  readonly skipped: readonly SkippedSet[];
}

/** @internal e1RM of one set, or why none. */
export function setE1rm(
  set: CompletedSetT,
  formula: OneRepMaxFormula,
): { kg: number; method: 'rpe' | 'formula' } | SetSkipReason {
  if (set.reps === undefined || set.reps === 0) return 'timed';
  if (!set.load || set.load.value === 0) return 'no-load';
  const kg = toKg(set.load);
  if (set.rpe !== undefined) {
    if (set.rpe < 6) return 'too-far-from-failure';
    if (set.reps > RPE_CHART_MAX_REPS) return 'too-many-reps';
    return { kg: oneRepMaxFromRpe(kg, set.reps, Math.round(set.rpe * 2) / 2), method: 'rpe' };
  }
  if (set.reps > ONE_REP_MAX_REP_CAPS[formula]) return 'too-many-reps';
  return { kg: estimateOneRepMax(kg, set.reps, formula), method: 'formula' };
}

/**
 * Estimated one-repetition maximum per training day for one exercise: the best set of the day.
 * A set with an RPE (6–10) uses the RPE chart (core's `oneRepMaxFromRpe`: reps plus reps in
 * reserve, Zourdos et al. 2016); a set without one is taken as done to failure and goes through
 * `estimateOneRepMax` with `formula` (default Epley). Sets that cannot give an estimate
 * (bodyweight, timed, beyond the formula's rep cap, or RPE under 6) are listed in `skipped` with
 * the reason, never silently ignored.
 *
 * @throws {NexFitraError} naming the field
 * @example e1rmTrend(days, 'barbell-back-squat').points.map((p) => p.e1rmKg)
 */
export function e1rmTrend(
  days: readonly LogDay[],
  exerciseId: string,
  formula: OneRepMaxFormula = 'epley',
): E1rmTrend {
  const fn = 'e1rmTrend';
  const list = readDays(fn, days);
  if (typeof exerciseId !== 'string' || exerciseId === '') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['exerciseId'],
      value: exerciseId,
      allowed: 'an exercise id',
    });
  }
  const f = checkEnum(fn, 'formula', formula, ONE_REP_MAX_FORMULAS);
  const points: E1rmPoint[] = [];
  const skipped: SkippedSet[] = [];
  for (const d of list) {
    let best: E1rmPoint | undefined;
    for (const w of d.workouts ?? []) {
      for (const ex of w.exercises) {
        if (ex.exerciseId !== exerciseId) continue;
        ex.sets.forEach((s, setIndex) => {
          const r = setE1rm(s, f);
          if (typeof r === 'string') {
            skipped.push({ date: d.date, exerciseId, setIndex, reason: r });
          } else if (!best || r.kg > best.e1rmKg) {
            best = {
              date: d.date,
              e1rmKg: r.kg,
              reps: s.reps!,
              loadKg: toKg(s.load!),
              rpe: s.rpe ?? null,
              method: r.method,
            };
          }
        });
      }
    }
    if (best) points.push(best);
  }
  return { exerciseId, points, skipped };
}

export interface PersonalRecord {
  readonly exerciseId: string;
  readonly kind: 'e1rm' | 'load';
  readonly date: string;
  readonly kg: number;
  /** The best before this one, kg; null for the first session of the exercise. */
  readonly previousKg: number | null;
}

/**
 * Personal records, in date order: every session that beat the exercise's best estimated 1RM
 * (as in {@link e1rmTrend}) or its heaviest load lifted for at least one rep. The first session
 * of an exercise sets the baseline (`previousKg: null`).
 *
 * @throws {NexFitraError} naming the field
 */
export function personalRecords(
  days: readonly LogDay[],
  formula: OneRepMaxFormula = 'epley',
): PersonalRecord[] {
  const fn = 'personalRecords';
  const list = readDays(fn, days);
  const f = checkEnum(fn, 'formula', formula, ONE_REP_MAX_FORMULAS);
  const bestE1rm = new Map<string, number>();
  const bestLoad = new Map<string, number>();
  const out: PersonalRecord[] = [];
  for (const d of list) {
    const dayE1rm = new Map<string, number>();
    const dayLoad = new Map<string, number>();
    for (const w of d.workouts ?? []) {
      checkObject(fn, `days.${d.date}.workouts`, w);
      for (const ex of w.exercises) {
        for (const s of ex.sets) {
          if (s.load && s.load.value > 0 && (s.reps ?? 0) >= 1) {
            dayLoad.set(ex.exerciseId, Math.max(dayLoad.get(ex.exerciseId) ?? 0, toKg(s.load)));
          }
          const r = setE1rm(s, f);
          if (typeof r !== 'string')
            dayE1rm.set(ex.exerciseId, Math.max(dayE1rm.get(ex.exerciseId) ?? 0, r.kg));
        }
      }
    }
    for (const [kind, day, best] of [
      ['e1rm', dayE1rm, bestE1rm],
      ['load', dayLoad, bestLoad],
    ] as const) {
      for (const [id, kg] of day) {
        const prev = best.get(id);
        if (prev === undefined || kg > prev) {
          out.push({ exerciseId: id, kind, date: d.date, kg, previousKg: prev ?? null });
          best.set(id, kg);
        }
      }
    }
  }
  return out;
}
