/**
 * @internal Sessions inside the time the person has. The validators flag a session longer than
 * `sessionMinutes` + 10 % (core `estimateSessionMinutes`: a warm-up, work at 3 s a rep, the rest
 * prescribed); the rule planner builds every session inside its minutes, and a model that learned
 * its programmes mostly stays inside too, but the volume repair adds sets without a clock (93 %
 * of the default model's sessions fitted on the standard suite). A session over its limit loses
 * sets, most first, from exercises that keep at least two (the opener at least three, as the
 * planner's main lift); if that is not enough, its last single-joint exercise goes, then its last
 * exercise, never the opener, and a preferred exercise only when no other can go. Time before
 * volume: a person told "45 minutes" who is handed an hour stops early, and the validators report
 * the volume that is left.
 */
import {
  DEFAULT_VALIDATION_OPTIONS,
  type PlanRequestT,
  type SessionT,
  type WorkoutProgramT,
} from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import { sessionMinutes } from '@nexfitra/core/internal';

/**
 * The validators' session clock for this request: the most minutes a session may take (the time
 * asked + the validators' tolerance) and a session's estimated minutes (core's model, without
 * input checks: the sessions are schema-valid).
 */
export function sessionClock(
  request: PlanRequestT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): { readonly limit: number; readonly minutes: (s: SessionT) => number } {
  const o = DEFAULT_VALIDATION_OPTIONS;
  const lookup = (id: string) => exercisesById.get(id);
  return {
    limit: request.preferences.sessionMinutes * (1 + o.sessionTolerancePercent / 100),
    minutes: (s) => sessionMinutes(s, lookup, o.secondsPerRep, o.warmupMinutes),
  };
}

export interface FitSessionsResult {
  readonly program: WorkoutProgramT;
  /** One line per session shortened ("week 1, Full body A: 68 → 64 min, 2 sets fewer"). */
  readonly changes: readonly string[];
}

/** Fewest sets an exercise keeps while others lose theirs: 3 for the opener, else 2. */
const keep = (i: number) => (i === 0 ? 3 : 2);

function fit(
  session: SessionT,
  limit: number,
  minutes: (s: SessionT) => number,
  exercisesById: ReadonlyMap<string, ExerciseT>,
  preferred: ReadonlySet<string>,
): { session: SessionT; sets: number; dropped: string[] } {
  const exercises = session.exercises.map((x) => ({ ...x, sets: [...x.sets] }));
  const now = () => minutes({ ...session, exercises });
  let sets = 0;
  const dropped: string[] = [];
  while (now() > limit) {
    let best = -1;
    exercises.forEach((x, i) => {
      if (x.sets.length > keep(i) && (best < 0 || x.sets.length >= exercises[best]!.sets.length)) best = i;
    });
    if (best >= 0) {
      exercises[best]!.sets.pop();
      sets++;
      continue;
    }
    if (exercises.length <= 1) break;
    // The last isolation exercise, else the last one, never the opener; a preferred one only when nothing else can go.
    const lastWhere = (ok: (id: string) => boolean) => {
      for (let i = exercises.length - 1; i > 0; i--) if (ok(exercises[i]!.exerciseId)) return i;
      return -1;
    };
    const droppable = (id: string) => !preferred.has(id);
    let last = lastWhere((id) => droppable(id) && exercisesById.get(id)?.mechanics === 'isolation');
    if (last < 0) last = lastWhere(droppable);
    if (last < 0) last = exercises.length - 1;
    dropped.push(exercises[last]!.exerciseId);
    exercises.splice(last, 1);
  }
  return { session: { ...session, exercises }, sets, dropped };
}

/**
 * `program` with every session inside `preferences.sessionMinutes` + the validators' tolerance
 * (see the module comment); unchanged sessions are the same objects.
 */
export function fitSessions(
  program: WorkoutProgramT,
  request: PlanRequestT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): FitSessionsResult {
  const { limit, minutes } = sessionClock(request, exercisesById);
  const preferred = new Set(request.preferences.preferredExerciseIds);
  const changes: string[] = [];
  const weeks = program.weeks.map((week, w) => ({
    ...week,
    sessions: week.sessions.map((session) => {
      const before = minutes(session);
      if (before <= limit) return session;
      const r = fit(session, limit, minutes, exercisesById, preferred);
      const what = [
        r.sets > 0 ? `${r.sets} set${r.sets === 1 ? '' : 's'} fewer` : '',
        r.dropped.length > 0 ? `without ${r.dropped.join(', ')}` : '',
      ].filter((x) => x !== '');
      changes.push(
        `week ${w + 1}, ${session.name}: ${Math.round(before)} → ${Math.round(minutes(r.session))} min (${request.preferences.sessionMinutes} asked), ${what.join(', ')}`,
      );
      return r.session;
    }),
  }));
  return { program: changes.length > 0 ? { ...program, weeks } : program, changes };
}
