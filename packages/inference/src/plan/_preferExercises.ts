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
 * replaced. The weekly volume is balanced again afterwards by `repairWorkout`.
 */
import type { PlanRequestT, ProgressionT, SessionExerciseT, WorkoutProgramT } from '@nexfitra/core';
import { SESSION_REGIONS } from '@nexfitra/core';
import { type ExerciseT, exercisesFor, stancesOf } from '@nexfitra/core/exercises';
import { sessionKindOf } from '@nexfitra/core/language';
import { isHoldExercise, isLoadedExercise, loadStepKg } from '@nexfitra/planner';

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
  if (swap.size === 0) return { program, changes };
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
  return { program: { ...program, weeks }, changes };
}
