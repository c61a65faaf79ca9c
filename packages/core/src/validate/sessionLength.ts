import { Exercise, type ExerciseT } from '../schemas/exercise';
import { parseOrThrow } from '../schemas/parse';
import { type PrescribedSetT, Session, type SessionT } from '../schemas/workout';
import { requireLookup } from './_context';
import { resolveOptions, type ValidationOptions } from './options';

/**
 * @internal Seconds one prescribed set takes, rest included: the set's `seconds`, or its reps
 * (the mid-point of a range) × `secondsPerRep`, doubled for a unilateral exercise (each side is
 * worked in turn), plus `restSeconds`.
 */
export function setSeconds(set: PrescribedSetT, unilateral: boolean, secondsPerRep: number): number {
  const reps =
    set.reps === undefined ? 0 : typeof set.reps === 'number' ? set.reps : (set.reps.min + set.reps.max) / 2;
  const work = set.seconds ?? reps * secondsPerRep;
  return work * (unilateral ? 2 : 1) + set.restSeconds;
}

/** @internal {@link estimateSessionMinutes} without input checks, for the validators. */
export function sessionMinutes(
  session: SessionT,
  lookup: (id: string) => ExerciseT | undefined,
  secondsPerRep: number,
  warmupMinutes: number,
): number {
  let seconds = 0;
  for (const x of session.exercises) {
    const unilateral = lookup(x.exerciseId)?.unilateral === true;
    for (const set of x.sets) seconds += setSeconds(set, unilateral, secondsPerRep);
  }
  return warmupMinutes + seconds / 60;
}

/**
 * Estimated length of a training session, minutes: a warm-up allowance plus, for every set, its
 * work time and the rest prescribed after it. Work time is the set's `seconds`, or its
 * repetitions (the mid-point of a rep range) × seconds per repetition, doubled for a unilateral
 * exercise. The model and its defaults (3 s per repetition, about a 1-0-2 tempo; 5 min warm-up)
 * are a house estimate, not a published one; change them in `options`. Set-up and moving between
 * stations are not counted: the rest after the last set of an exercise stands in for them.
 *
 * @param session a session as in `WorkoutProgram`
 * @param context `exercises` lookup, to know which exercises are unilateral (unknown ids count as bilateral)
 * @throws {NexFitraError} `SCHEMA` for an invalid session, `INVALID_TYPE` without the lookup
 * @example estimateSessionMinutes({ day: 0, name: 'A', exercises: [{ exerciseId: 'push-up', sets: [{ reps: 10, restSeconds: 90 }, { reps: 10, restSeconds: 90 }] }] }, { exercises: () => undefined })
 *   // 5 + 2 × (10 × 3 + 90) / 60 = 9
 */
export function estimateSessionMinutes(
  session: SessionT,
  context: { readonly exercises: (id: string) => ExerciseT | undefined },
  options: Pick<ValidationOptions, 'secondsPerRep' | 'warmupMinutes'> = {},
): number {
  const fn = 'estimateSessionMinutes';
  const lookup = requireLookup(fn, context, 'exercises', Exercise) as (id: string) => ExerciseT | undefined;
  const o = resolveOptions(fn, options);
  return sessionMinutes(parseOrThrow(Session, session, fn), lookup, o.secondsPerRep, o.warmupMinutes);
}
