import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { MuscleT } from '../schemas/vocab';
import { SECONDARY_SET_WEIGHT, type SetCountExercise, weeklySetsPerMuscle } from '../training/volume';
import { dateOf } from './_dates';
import { readDaysWithWorkouts as readDays } from './_workouts';
import type { LogDay } from './checkLog';

/** What set counting needs of a catalogue exercise (the `Exercise` schema has these fields). */
export interface MuscleLookupEntry {
  readonly primaryMuscles: readonly MuscleT[];
  readonly secondaryMuscles: readonly MuscleT[];
}

export interface WeekSets {
  /** First day of the week (weeks run from the first logged day, 7 days each). */
  readonly weekStart: string;
  /** Hard sets per muscle: 1 per set for a primary muscle, ½ for a secondary one. */
  readonly sets: Record<MuscleT, number>;
  /** Sets not counted as hard (RPE under `hardRpeMin`). */
  readonly easySets: number;
  /** Exercise ids not found in the lookup (their sets are not counted). */
  readonly unknownExercises: readonly string[];
}

/** Default lowest RPE of a hard set: RPE 6 = 4 reps in reserve. */
export const HARD_SET_MIN_RPE = 6;

/**
 * Weekly hard sets per muscle over time, counted as core's `weeklySetsPerMuscle` counts a plan
 * (each set 1 for every primary muscle, ½ for every secondary: Pelland et al. 2024's fractional
 * method), so logs and plans compare like for like. A set is hard unless it has an RPE under
 * `hardRpeMin` (default 6, i.e. more than 4 reps in reserve — our convention for "close enough
 * to failure", after the proximity-to-failure literature, e.g. Refalo et al. 2023, Sports Med
 * 53:649); sets without an RPE count as hard. Weeks run 7 days from the first logged day; weeks
 * without workouts appear with zeros.
 *
 * @param lookup exercise id → muscles, e.g. `byIdLookup(EXERCISES)` from `@nexfitra/core/exercises`
 * @throws {NexFitraError} naming the field
 */
export function weeklyHardSets(
  days: readonly LogDay[],
  lookup: (id: string) => MuscleLookupEntry | undefined,
  options: { readonly hardRpeMin?: number; readonly secondaryWeight?: number } = {},
): WeekSets[] {
  const fn = 'weeklyHardSets';
  const list = readDays(fn, days);
  if (typeof lookup !== 'function') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['lookup'],
      value: lookup,
      allowed: 'a function from exercise id to { primaryMuscles, secondaryMuscles }',
    });
  }
  const o = checkObject(fn, 'options', options);
  const minRpe =
    o['hardRpeMin'] === undefined
      ? HARD_SET_MIN_RPE
      : checkNumber(fn, ['options', 'hardRpeMin'], o['hardRpeMin'], { min: 1, max: 10 });
  const secondaryWeight =
    o['secondaryWeight'] === undefined
      ? SECONDARY_SET_WEIGHT
      : checkNumber(fn, ['options', 'secondaryWeight'], o['secondaryWeight'], { min: 0, max: 1 });
  if (list.length === 0) return [];
  const start = list[0]!.day;
  const weeks = new Map<number, { exercises: SetCountExercise[]; easy: number; unknown: Set<string> }>();
  const nWeeks = Math.floor((list[list.length - 1]!.day - start) / 7) + 1;
  for (let k = 0; k < nWeeks; k++) weeks.set(k, { exercises: [], easy: 0, unknown: new Set() });
  for (const d of list) {
    const wk = weeks.get(Math.floor((d.day - start) / 7))!;
    for (const w of d.workouts ?? []) {
      for (const ex of w.exercises) {
        const hard = ex.sets.filter((s) => s.rpe === undefined || s.rpe >= minRpe).length;
        wk.easy += ex.sets.length - hard;
        const entry = lookup(ex.exerciseId);
        if (!entry) {
          wk.unknown.add(ex.exerciseId);
          continue;
        }
        wk.exercises.push({ sets: hard, primary: entry.primaryMuscles, secondary: entry.secondaryMuscles });
      }
    }
  }
  return [...weeks.entries()].map(([k, wk]) => ({
    weekStart: dateOf(start + 7 * k),
    sets: weeklySetsPerMuscle([{ exercises: wk.exercises }], { secondaryWeight }),
    easySets: wk.easy,
    unknownExercises: [...wk.unknown],
  }));
}
