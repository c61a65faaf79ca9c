/**
 * Weeks 2–N of a program derived from a generated week 1 by the programmer's progression: a
 * model writes one week (fewer tokens, fewer model steps) and each later week applies to it the
 * change the rule programme (`programWorkout`, same request and seed) makes from its own week 1
 * to that week — reps added, effort target moved, sets scaled (a deload halves them).
 */
import type { LoadT, PrescribedSetT, ProgramWeekT, SessionExerciseT, WorkoutProgramT } from '@nexfitra/core';

/** How one reference week differs from the reference week 1. */
interface WeekChange {
  readonly deload: boolean;
  /** Most common change of an exercise's first-set rep count (or its range's min). */
  readonly reps: number;
  /** Most common change of the load value, per load type. */
  readonly load: ReadonlyMap<LoadT['type'], number>;
  /** Total sets of the week over total sets of week 1. */
  readonly setRatio: number;
}

function mode(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = 0;
  let n = -1;
  for (const [x, c] of counts) if (c > n || (c === n && Math.abs(x) < Math.abs(best))) [best, n] = [x, c];
  return best;
}

const firstReps = (s: PrescribedSetT | undefined) =>
  s?.reps === undefined ? undefined : typeof s.reps === 'number' ? s.reps : s.reps.min;

const exercisesOf = (w: ProgramWeekT) => w.sessions.flatMap((s) => s.exercises);
const setsOf = (w: ProgramWeekT) => exercisesOf(w).reduce((n, x) => n + x.sets.length, 0);

function changeOf(first: ProgramWeekT, week: ProgramWeekT): WeekChange {
  const a = exercisesOf(first);
  const b = exercisesOf(week);
  const reps: number[] = [];
  const loads = new Map<LoadT['type'], number[]>();
  b.forEach((x, i) => {
    const y = a[i];
    if (!y || y.exerciseId !== x.exerciseId) return;
    const r0 = firstReps(y.sets[0]);
    const r1 = firstReps(x.sets[0]);
    if (r0 !== undefined && r1 !== undefined) reps.push(r1 - r0);
    const l0 = y.sets[0]?.load;
    const l1 = x.sets[0]?.load;
    if (l0 && l1 && l0.type === l1.type)
      loads.set(l0.type, [...(loads.get(l0.type) ?? []), l1.value - l0.value]);
  });
  return {
    deload: week.deload,
    reps: mode(reps),
    load: new Map([...loads].map(([t, d]) => [t, mode(d)])),
    setRatio: setsOf(first) > 0 ? setsOf(week) / setsOf(first) : 1,
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function shiftLoad(load: LoadT | undefined, c: WeekChange): LoadT | undefined {
  const d = load ? c.load.get(load.type) : undefined;
  if (!load || d === undefined) return load;
  if (load.type === 'percent-1rm') return { type: load.type, value: clamp(load.value + d, 1, 100) };
  const v = Math.round(clamp(load.value + d, load.type === 'rpe' ? 1 : 0, 10) * 2) / 2;
  return { type: load.type, value: v };
}

function shiftSet(s: PrescribedSetT, c: WeekChange): PrescribedSetT {
  const reps =
    s.reps === undefined
      ? undefined
      : typeof s.reps === 'number'
        ? clamp(s.reps + c.reps, 1, 100)
        : { min: clamp(s.reps.min + c.reps, 1, 100), max: clamp(s.reps.max + c.reps, 1, 100) };
  const load = shiftLoad(s.load, c);
  return {
    ...(reps !== undefined ? { reps } : {}),
    ...(s.seconds !== undefined ? { seconds: s.seconds } : {}),
    ...(load ? { load } : {}),
    restSeconds: s.restSeconds,
  };
}

function applyChange(week1: ProgramWeekT, c: WeekChange): ProgramWeekT {
  const exercise = (x: SessionExerciseT): SessionExerciseT => {
    const n = clamp(Math.round(x.sets.length * c.setRatio), 1, 20);
    const sets = Array.from({ length: n }, (_, i) => shiftSet(x.sets[Math.min(i, x.sets.length - 1)]!, c));
    return { exerciseId: x.exerciseId, sets };
  };
  return {
    deload: c.deload,
    sessions: week1.sessions.map((s) => ({ ...s, exercises: s.exercises.map(exercise) })),
  };
}

/**
 * `program` (its first week) extended to the weeks of `reference`: week k is week 1 changed as the
 * reference changes from its week 1 to its week k. The result has `reference.weeks.length` weeks
 * and the generated split name.
 */
export function extendProgram(program: WorkoutProgramT, reference: WorkoutProgramT): WorkoutProgramT {
  const week1 = program.weeks[0]!;
  const ref1 = reference.weeks[0]!;
  const weeks = reference.weeks.map((w, k) => (k === 0 ? week1 : applyChange(week1, changeOf(ref1, w))));
  return { ...program, weeks };
}
