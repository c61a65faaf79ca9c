/**
 * Repair of a proposed training program by the programmer's rules: every (non-deload) week
 * trains on the days asked, and weekly hard sets per muscle sit inside the level's range
 * (core `WEEKLY_SET_RANGES`, fractional count). The model's exercise choices are kept; only
 * sessions are added and set counts moved.
 */
import {
  DEFAULT_VOLUME_MUSCLES,
  MAX_SETS_PER_EXERCISE,
  type MuscleT,
  type PlanRequestT,
  type ProgramWeekT,
  SECONDARY_SET_WEIGHT,
  type SessionT,
  WEEKLY_SET_RANGES,
  type WorkoutProgramT,
} from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import { sessionClock } from './_fitSessions';

export interface RepairWorkoutResult {
  readonly program: WorkoutProgramT;
  /** What changed, in words; empty when nothing did. */
  readonly changes: readonly string[];
}

function freeDay(used: ReadonlySet<number>, wanted: number): number | undefined {
  for (let d = 0; d < 7; d++) {
    for (const c of [wanted + d, wanted - d]) if (c >= 0 && c <= 6 && !used.has(c)) return c;
  }
  return undefined;
}

/**
 * Weekly hard sets of one muscle, as core `weeklySetsPerMuscle` counts them (a direct set 1, an
 * indirect one `SECONDARY_SET_WEIGHT`; cardio and unknown exercises 0), added in the same order
 * so the sum is the same number; without core's per-call validation of every exercise and
 * muscle (catalogue exercises are valid), which made the balancing loop cost milliseconds.
 */
function muscleSets(week: ProgramWeekT, m: MuscleT, exercisesById: ReadonlyMap<string, ExerciseT>): number {
  let total = 0;
  for (const s of week.sessions) {
    for (const x of s.exercises) {
      const ex = exercisesById.get(x.exerciseId);
      if (!ex || ex.pattern === 'cardio') continue;
      if (ex.primaryMuscles.includes(m)) total += x.sets.length;
      if (ex.secondaryMuscles.includes(m)) total += x.sets.length * SECONDARY_SET_WEIGHT;
    }
  }
  return total;
}

/**
 * Moves sets until each checked muscle is inside the range or no exercise can move it further.
 * A set is added only where its session stays within the `clock`'s limit (core's session model), so
 * the volume goes to the days with time to spare rather than past the time asked.
 */
function balanceVolume(
  week: ProgramWeekT,
  w: number,
  range: { min: number; max: number },
  exercisesById: ReadonlyMap<string, ExerciseT>,
  changes: string[],
  maxSets: number,
  clock: ReturnType<typeof sessionClock>,
): ProgramWeekT {
  const sessions: SessionT[] = week.sessions.map((s) => ({
    ...s,
    exercises: s.exercises.map((x) => ({ ...x, sets: [...x.sets] })),
  }));
  const out = { ...week, sessions };
  const primaryOf = (id: string) => exercisesById.get(id)?.primaryMuscles ?? [];
  const fits = (s: SessionT) => clock.minutes(s) <= clock.limit;
  for (const m of DEFAULT_VOLUME_MUSCLES as readonly MuscleT[]) {
    let moved = 0;
    for (let guard = 0; guard < 40; guard++) {
      const sets = muscleSets(out, m, exercisesById);
      const xs = sessions.flatMap((s) => s.exercises).filter((x) => primaryOf(x.exerciseId).includes(m));
      if (sets > range.max) {
        const x = xs.filter((e) => e.sets.length > 1).sort((a, b) => b.sets.length - a.sets.length)[0];
        if (!x) break;
        x.sets.pop();
        moved--;
      } else if (sets < range.min && sets > 0) {
        // The exercise with fewest sets whose session has time for one more.
        const added = sessions
          .flatMap((s) => s.exercises.map((x) => ({ s, x })))
          .filter(({ x }) => primaryOf(x.exerciseId).includes(m) && x.sets.length < maxSets)
          .sort((a, b) => a.x.sets.length - b.x.sets.length)
          .find(({ s, x }) => {
            x.sets.push(x.sets[x.sets.length - 1]!);
            if (fits(s)) return true;
            x.sets.pop();
            return false;
          });
        if (!added) break;
        moved++;
      } else break;
    }
    if (moved !== 0) {
      changes.push(
        `week ${w + 1}: ${m} ${moved > 0 ? '+' : ''}${moved} sets (weekly range ${range.min}–${range.max})`,
      );
    }
  }
  return out;
}

/**
 * A session with each exercise once: a repeat's sets join its first listing (at most
 * `maxSets`, core `MAX_SETS_PER_EXERCISE`, and never fewer than the first listing had), and the repeat
 * goes. A coach writes "bench 4 × 8", not "bench 2 × 8 … bench 2 × 8" in one session.
 */
function mergeRepeats(session: SessionT, where: string, changes: string[], maxSets: number): SessionT {
  const first = new Map<string, SessionT['exercises'][number]>();
  const exercises: SessionT['exercises'][number][] = [];
  for (const x of session.exercises) {
    const seen = first.get(x.exerciseId);
    if (!seen) {
      const copy = { ...x, sets: [...x.sets] };
      first.set(x.exerciseId, copy);
      exercises.push(copy);
      continue;
    }
    const room = Math.max(0, maxSets - seen.sets.length);
    seen.sets.push(...x.sets.slice(0, room));
    changes.push(`${where}: ${x.exerciseId} listed twice, merged into ${seen.sets.length} sets`);
  }
  return exercises.length === session.exercises.length ? session : { ...session, exercises };
}

/**
 * The program with each session's exercises listed once, missing sessions filled in and weekly
 * volume balanced.
 *
 * - An exercise listed twice in one session is merged into its first listing (see mergeRepeats).
 * - A non-deload week with fewer sessions than `trainingDaysPerWeek` gets the rule programme's
 *   sessions of the same week (the ones whose names it lacks first), each on its own day or the
 *   nearest free one; deload weeks may train on fewer days.
 * - In non-deload weeks each muscle of core `DEFAULT_VOLUME_MUSCLES` that is trained below or
 *   above the level's weekly range gets sets added to (at most 4 an exercise for a beginner, 5
 *   otherwise: core `MAX_SETS_PER_EXERCISE`; only where the session stays within the minutes
 *   asked + 10 %, core's session clock) or taken from (at least 1 left) the exercises that
 *   train it directly.
 *
 * @param reference the rule programme for the same request (`programWorkout`), the source of added sessions
 */
export function repairWorkout(
  program: WorkoutProgramT,
  request: PlanRequestT,
  reference: WorkoutProgramT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): RepairWorkoutResult {
  const asked = request.preferences.trainingDaysPerWeek;
  const range = WEEKLY_SET_RANGES[request.preferences.experience];
  // The rule planner's cap (core MAX_SETS_PER_EXERCISE); the repair used to allow 6, which gave a
  // beginner squat 6 × 8 and bench 6 × 8 in one session to reach the weekly range on two days.
  const maxSets = MAX_SETS_PER_EXERCISE[request.preferences.experience];
  // Sets are added only where the session stays inside the time asked (+ the validators' 10 %).
  const clock = sessionClock(request, exercisesById);
  const changes: string[] = [];
  const weeks = program.weeks.map((raw, w) => {
    const week = {
      ...raw,
      sessions: raw.sessions.map((s) => mergeRepeats(s, `week ${w + 1}, ${s.name}`, changes, maxSets)),
    };
    if (week.deload) return week;
    let sessions = [...week.sessions];
    if (sessions.length < asked) {
      const ref = reference.weeks[w % reference.weeks.length]!.sessions;
      const names = new Set(sessions.map((s) => s.name));
      const candidates = [...ref.filter((s) => !names.has(s.name)), ...ref.filter((s) => names.has(s.name))];
      const used = new Set(sessions.map((s) => s.day));
      for (const s of candidates) {
        if (sessions.length >= asked) break;
        const day = freeDay(used, s.day);
        if (day === undefined) break;
        used.add(day);
        sessions.push({ ...s, day });
        changes.push(
          `week ${w + 1}: added "${s.name}" on day ${day + 1} (${sessions.length - 1} of ${asked} sessions written)`,
        );
      }
      sessions = sessions.sort((a, b) => a.day - b.day);
    }
    return balanceVolume({ ...week, sessions }, w, range, exercisesById, changes, maxSets, clock);
  });
  return { program: { ...program, weeks }, changes };
}
