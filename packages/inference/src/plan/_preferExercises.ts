/**
 * @internal The person's preferred exercises in a generated programme. A model writes the
 * exercises it learned to write; a request's `preferredExerciseIds` ("I like the leg press")
 * are a wish the rule planner honours by putting them first in its pool. Here each preferred
 * exercise the programme lacks takes the place of one the model chose with the same movement
 * pattern (a leg press for a hack squat, a cable row for a dumbbell row), in every session and
 * week it appears, so the change holds through the mesocycle and progress stays visible.
 *
 * A swap never breaks what the grammar guarantees: the preferred exercise must be one the
 * request allows (equipment, injuries, level, exclusions: core `exercisesFor`), fit the kind of
 * every session it enters (core `SESSION_REGIONS`: no bench press on a lower day), and not meet
 * another stance of its lift in those sessions (core `stancesOf`). Only like replaces like: the
 * same mechanics (compound or isolation), loaded or not, a hold or not, which are what the
 * planner's dose turns on, so the sets stay (same reps, effort and rest), and a prime mover in
 * common, so the weekly sets stay with the muscle they were written for. A set loaded in kg or
 * %1RM was worked out from that exercise's own training max, so such an exercise is not
 * replaced. A preferred exercise none of the week's could stand in for is added to a session that
 * can take it (see `addMissing`). The weekly volume is balanced again afterwards by `repairWorkout`.
 */
import type { PlanRequestT, ProgressionT, SessionExerciseT, SessionT, WorkoutProgramT } from '@nexfitra/core';
import { MAX_EXERCISES_PER_SESSION, SESSION_REGIONS } from '@nexfitra/core';
import { type ExerciseT, exercisesFor, stancesOf } from '@nexfitra/core/exercises';
import { sessionKindOf } from '@nexfitra/core/language';
import { firstWeekEntry, isHoldExercise, isLoadedExercise, loadStepKg } from '@nexfitra/planner';
import { sessionClock } from './_fitSessions';

export interface PreferResult {
  readonly program: WorkoutProgramT;
  /** One line per swap, for the report ("barbell-row → seated-cable-row (preferred)"). */
  readonly changes: readonly string[];
}

const fitsSession = (e: ExerciseT, name: string): boolean => {
  const kind = sessionKindOf(name);
  return kind === undefined || e.primaryMuscles.every((m) => SESSION_REGIONS[kind].has(m));
};

const absoluteLoad = (x: SessionExerciseT) =>
  x.sets.some((s) => s.load?.type === 'kg' || s.load?.type === 'percent-1rm');

/** How well `p` stands in for `e` (same pattern and kind of dose): shared prime movers, then sidedness. */
const closeness = (p: ExerciseT, e: ExerciseT) =>
  p.primaryMuscles.filter((m) => e.primaryMuscles.includes(m)).length +
  (p.unilateral === e.unilateral ? 0.5 : 0);

/**
 * The progression restated for `to` (loaded like the exercise it replaces): the load step is
 * `to`'s (a dumbbell moves in smaller steps than a barbell); a bodyweight "next harder variant"
 * belonged to the replaced exercise and is dropped (the reps rule stays).
 */
function restate(p: ProgressionT | undefined, to: ExerciseT): ProgressionT | undefined {
  if (p === undefined) return undefined;
  if (p.scheme === 'reps') return p.reps ? { scheme: 'reps', reps: p.reps } : undefined;
  return { ...p, stepKg: loadStepKg(to) };
}

/**
 * `program` with each preferred exercise it lacks swapped in for its closest same-pattern
 * exercise (see the module comment); unchanged when there is nothing to do.
 */
export function preferExercises(
  program: WorkoutProgramT,
  request: PlanRequestT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): PreferResult {
  const p = request.preferences;
  if (p.preferredExerciseIds.length === 0) return { program, changes: [] };
  const excluded = new Set(p.excludedExerciseIds);
  const allowed = new Set(
    exercisesFor({ equipment: p.equipment, injuries: p.injuries, level: p.experience })
      .filter((e) => !excluded.has(e.id))
      .map((e) => e.id),
  );
  const entries = program.weeks.flatMap((w) => w.sessions.flatMap((s) => s.exercises.map((x) => ({ s, x }))));
  const used = new Set(entries.map(({ x }) => x.exerciseId));
  const preferred = new Set(p.preferredExerciseIds);
  const swap = new Map<string, ExerciseT>();
  const changes: string[] = [];
  for (const id of p.preferredExerciseIds) {
    const want = exercisesById.get(id);
    if (!want || used.has(id) || !allowed.has(id)) continue;
    let best: { e: ExerciseT; score: number } | undefined;
    for (const from of used) {
      const e = exercisesById.get(from);
      if (!e || e.pattern !== want.pattern || e.mechanics !== want.mechanics) continue;
      if (isLoadedExercise(e) !== isLoadedExercise(want) || isHoldExercise(e) !== isHoldExercise(want))
        continue;
      if (preferred.has(from) || swap.has(from)) continue;
      const where = entries.filter(({ x }) => x.exerciseId === from);
      if (where.some(({ x }) => absoluteLoad(x))) continue;
      const stances = new Set(stancesOf(id));
      const fits = where.every(
        ({ s }) =>
          fitsSession(want, s.name) &&
          // No other stance of its lift in the session, counting exercises already swapped in.
          !s.exercises.some(
            (y) => y.exerciseId !== from && stances.has(swap.get(y.exerciseId)?.id ?? y.exerciseId),
          ),
      );
      if (!fits) continue;
      // A shared prime mover (cardio aside): a rear-delt fly is no stand-in for a lateral raise,
      // whose side delts would lose their sets.
      const score = closeness(want, e);
      if (score < 1 && want.pattern !== 'cardio') continue;
      if (!best || score > best.score) best = { e, score };
    }
    if (!best) continue;
    swap.set(best.e.id, want);
    changes.push(`${best.e.id} → ${id} (preferred exercise, same ${want.pattern} pattern)`);
  }
  const swapped = swap.size === 0 ? program : withSwaps(program, swap);
  return addMissing(swapped, request, exercisesById, allowed, changes);
}

/** `program` with each exercise of `swap`'s keys replaced by its value, sets kept, progression restated. */
function withSwaps(program: WorkoutProgramT, swap: ReadonlyMap<string, ExerciseT>): WorkoutProgramT {
  const weeks = program.weeks.map((w) => ({
    ...w,
    sessions: w.sessions.map((s) => ({
      ...s,
      exercises: s.exercises.map((x) => {
        const to = swap.get(x.exerciseId);
        if (!to) return x;
        const progression = restate(x.progression, to);
        return { exerciseId: to.id, sets: x.sets, ...(progression ? { progression } : {}) };
      }),
    })),
  }));
  return { ...program, weeks };
}

/**
 * A preferred exercise that no exercise of the week could stand in for (a calf raise in a week
 * without calf work) is added, as the rule planner would write it (planner `firstWeekEntry`: its
 * dose for the person's focus and level; 3 sets, 2 where the time is short), to the week-1
 * session with the most time to spare that can take it: its kind fits the exercise (core
 * `SESSION_REGIONS`), it has fewer than core `MAX_EXERCISES_PER_SESSION` exercises, no exercise
 * of the same movement pattern and no other stance of the lift, and it stays inside the minutes
 * asked + 10 % (core's session clock). Compounds go after the session's last compound, isolation
 * work at the end. Only a one-week programme (the week the model writes; later weeks are derived
 * from it) and never cardio (its dose is minutes, not sets).
 */
function addMissing(
  program: WorkoutProgramT,
  request: PlanRequestT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
  allowed: ReadonlySet<string>,
  changes: string[],
): PreferResult {
  const [week] = program.weeks;
  if (program.weeks.length !== 1 || !week || week.deload) return { program, changes };
  const clock = sessionClock(request, exercisesById);
  let sessions = week.sessions;
  for (const id of request.preferences.preferredExerciseIds) {
    const want = exercisesById.get(id);
    if (!want || want.pattern === 'cardio' || !allowed.has(id)) continue;
    if (sessions.some((s) => s.exercises.some((x) => x.exerciseId === id))) continue;
    const stances = new Set(stancesOf(id));
    let best: { at: number; session: SessionT; spare: number } | undefined;
    sessions.forEach((s, at) => {
      if (s.exercises.length >= MAX_EXERCISES_PER_SESSION || !fitsSession(want, s.name)) return;
      // No other stance of its lift, and no exercise of its pattern: an addition fills a gap (calf
      // work in a week without any), it does not stack a second press on the bench press.
      if (
        s.exercises.some(
          (y) => stances.has(y.exerciseId) || exercisesById.get(y.exerciseId)?.pattern === want.pattern,
        )
      )
        return;
      for (const sets of [3, 2]) {
        const session = insert(s, firstWeekEntry(request, want, sets), want, exercisesById);
        const spare = clock.limit - clock.minutes(session);
        if (spare < 0) continue;
        if (!best || spare > best.spare) best = { at, session, spare };
        break;
      }
    });
    if (!best) continue;
    const { at, session } = best;
    sessions = sessions.map((s, i) => (i === at ? session : s));
    const sets = session.exercises.find((x) => x.exerciseId === id)!.sets.length;
    changes.push(
      `${id} added to ${session.name}, ${sets} sets (preferred exercise, none of the week's could stand in)`,
    );
  }
  if (sessions === week.sessions) return { program, changes };
  return { program: { ...program, weeks: [{ ...week, sessions }] }, changes };
}

/** `s` with `entry` after its last compound (a compound) or at its end (isolation work). */
function insert(
  s: SessionT,
  entry: SessionExerciseT,
  e: ExerciseT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): SessionT {
  let at = s.exercises.length;
  if (e.mechanics === 'compound') {
    at = 0;
    s.exercises.forEach((x, i) => {
      if (exercisesById.get(x.exerciseId)?.mechanics === 'compound') at = i + 1;
    });
  }
  return { ...s, exercises: [...s.exercises.slice(0, at), entry, ...s.exercises.slice(at)] };
}
