/**
 * Repair of a proposed training program by the programmer's rules: every (non-deload) week
 * trains on the days asked, and weekly hard sets per muscle sit inside the level's range
 * (core `WEEKLY_SET_RANGES`, fractional count). The model's exercise choices are kept; only
 * sessions are added and set counts moved.
 */
import {
  DEFAULT_VALIDATION_OPTIONS,
  DEFAULT_VOLUME_MUSCLES,
  MAX_SETS_PER_EXERCISE,
  MIN_OPENER_SETS,
  type MuscleT,
  type PlanRequestT,
  type ProgramWeekT,
  SECONDARY_SET_WEIGHT,
  type SessionT,
  WEEKLY_SET_RANGES,
  type WorkoutProgramT,
} from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import { BALANCE_SIDES, balanceSets, liftOrderRank } from '@nexfitra/core/internal';
import { GLUTE_SLACK } from '@nexfitra/planner';
import { sessionClock } from './_fitSessions';

export interface RepairWorkoutResult {
  readonly program: WorkoutProgramT;
  /** What changed, in words; empty when nothing did. */
  readonly changes: readonly string[];
}

/**
 * Each session in the order a coach writes (core `liftOrderRank`, what `EXERCISE_ORDER` checks):
 * the large-muscle, multiple-joint lifts first, then single-joint and other accessory work, core
 * work, cardio; otherwise as the model wrote them (a stable sort). The rule planner orders its
 * sessions the same way; a model may put a squat after the curls.
 */
export function orderLifts(
  program: WorkoutProgramT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): RepairWorkoutResult {
  const changes: string[] = [];
  const rank = (id: string) => {
    const e = exercisesById.get(id);
    return e === undefined ? 1 : liftOrderRank(e);
  };
  const weeks = program.weeks.map((week, w) => ({
    ...week,
    sessions: week.sessions.map((session) => {
      const ranks = session.exercises.map((x) => rank(x.exerciseId));
      if (ranks.every((r, i) => i === 0 || r >= ranks[i - 1]!)) return session;
      const order = ranks.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const exercises = order.map(([, i]) => session.exercises[i]!);
      const moved = order
        .filter(([r, i], k) => r === 0 && k < i)
        .map(([, i]) => session.exercises[i]!.exerciseId);
      if (moved.length > 0)
        changes.push(
          `week ${w + 1}, ${session.name}: ${moved.join(', ')} before the single-joint work (large-muscle lifts first)`,
        );
      return { ...session, exercises };
    }),
  }));
  return { program: { ...program, weeks }, changes };
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

/** Each volume muscle's weekly sets in `week` (core `DEFAULT_VOLUME_MUSCLES`). */
function volumeTotals(
  week: ProgramWeekT,
  exercisesById: ReadonlyMap<string, ExerciseT>,
): ReadonlyMap<MuscleT, number> {
  return new Map(
    (DEFAULT_VOLUME_MUSCLES as readonly MuscleT[]).map((m) => [m, muscleSets(week, m, exercisesById)]),
  );
}

/** No volume muscle of `week` is now under the weekly range that was not `before`, nor over it that was not. */
function keepsRange(
  week: ProgramWeekT,
  before: ReadonlyMap<MuscleT, number>,
  range: { readonly min: number; readonly max: number },
  exercisesById: ReadonlyMap<string, ExerciseT>,
): boolean {
  return (DEFAULT_VOLUME_MUSCLES as readonly MuscleT[]).every((m) => {
    const was = before.get(m)!;
    const now = muscleSets(week, m, exercisesById);
    return (
      (was < range.min - 1e-9 || now >= range.min - 1e-9) &&
      (was > range.max + 1e-9 || now <= range.max + 1e-9)
    );
  });
}

/** A copy of `week` whose sessions, exercise lists and set lists the repairs may change in place. */
function editableWeek(week: ProgramWeekT): ProgramWeekT & { sessions: SessionT[] } {
  return {
    ...week,
    sessions: week.sessions.map((s) => ({
      ...s,
      exercises: s.exercises.map((x) => ({ ...x, sets: [...x.sets] })),
    })),
  };
}

/** What the week repairs (volume, single sets) read and write: the request's bounds and the changes said. */
interface WeekRepair {
  /** The level's weekly hard sets per muscle (core `WEEKLY_SET_RANGES`). */
  readonly range: { readonly min: number; readonly max: number };
  readonly exercisesById: ReadonlyMap<string, ExerciseT>;
  /** What changed, in words (appended to). */
  readonly changes: string[];
  /** Most sets an exercise (core `MAX_SETS_PER_EXERCISE`). */
  readonly maxSets: number;
  /** The session's time limit and minutes (core's session model). */
  readonly clock: ReturnType<typeof sessionClock>;
  /** The exercises the person asked for: never the ones that leave. */
  readonly preferred: ReadonlySet<string>;
}

/**
 * Moves sets until each checked muscle is inside the range or no exercise can move it further.
 * A set is added only where its session stays within the `clock`'s limit (core's session model), so
 * the volume goes to the days with time to spare rather than past the time asked.
 */
function balanceVolume(week: ProgramWeekT, w: number, ctx: WeekRepair): ProgramWeekT {
  const { range, exercisesById, changes, maxSets, clock } = ctx;
  const out = editableWeek(week);
  const { sessions } = out;
  const primaryOf = (id: string) => exercisesById.get(id)?.primaryMuscles ?? [];
  const fits = (s: SessionT) => clock.minutes(s) <= clock.limit;
  const volume: ReadonlySet<MuscleT> = new Set(DEFAULT_VOLUME_MUSCLES as readonly MuscleT[]);
  for (const m of DEFAULT_VOLUME_MUSCLES as readonly MuscleT[]) {
    let moved = 0;
    for (let guard = 0; guard < 40; guard++) {
      const sets = muscleSets(out, m, exercisesById);
      if (sets > range.max) {
        // The exercise with the most sets, the last listed of equals (accessories before the
        // session's lifts); a session's opener keeps its 3 (core MIN_OPENER_SETS), as the rule
        // planner keeps its main lift's: cutting the opener first gave plan-default's sessions
        // "deadlift 2 × 6" openers (ONE_SET_OPENER 2.5 a plan on standard, the rules 0).
        // A set that would take another of its prime movers under the range is cut only where
        // `m` is past the rule planner's slack (the glutes, a prime mover of every squat, lunge
        // and hinge, may sit GLUTE_SLACK sets over the top so that quads and hamstrings reach
        // theirs: the teacher's own weeks are left as they are).
        const keepsOthers = (x: SessionT['exercises'][number]) =>
          primaryOf(x.exerciseId).every(
            (o) => o === m || !volume.has(o) || muscleSets(out, o, exercisesById) - 1 >= range.min - 1e-9,
          );
        const past = sets > range.max + (m === 'glutes' ? GLUTE_SLACK : 0) + 1e-9;
        let cut: SessionT['exercises'][number] | undefined;
        for (const s of sessions) {
          const opener = s.exercises.find((x) => exercisesById.get(x.exerciseId)?.pattern !== 'cardio');
          for (const x of s.exercises) {
            // Cardio counts toward no muscle's sets (muscleSets): cutting it would change nothing.
            if (!primaryOf(x.exerciseId).includes(m) || exercisesById.get(x.exerciseId)?.pattern === 'cardio')
              continue;
            if (x.sets.length <= (x === opener ? MIN_OPENER_SETS : 1)) continue;
            if (!past && !keepsOthers(x)) continue;
            if (!cut || x.sets.length >= cut.sets.length) cut = x;
          }
        }
        if (!cut) break;
        cut.sets.pop();
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
 * No single sets, by the rule programmer's rule (planner `_week.ts`, step 3b): a coach writes
 * "calf raise 2 × 12" or leaves it out, not "1 × 12". Each one-set exercise (cardio aside):
 * 1. gets a second set where its session stays inside the `clock`'s limit and none of its prime
 *    movers goes over the weekly range (in session order: the exercises listed first, the
 *    session's priorities, get the time first);
 * then, for the ones left, from the end of each session:
 * 2. hands its set to another exercise of the week for the same prime mover (its own session
 *    first, where dropping it frees its time; another single one first, which fixes both, then in
 *    session order), with room under `maxSets` and in its
 *    session's time, and leaves the session; never the week's only exercise of its movement
 *    pattern or a preferred one;
 * 3. else takes a set from an exercise of its session that keeps at least 2 (the opener at
 *    least 3), where the session's time allows;
 * 4. else takes one, on the same terms, from an exercise of another session for the same prime
 *    mover (the week's sets stay where they were, one moves to this day);
 * 5. else stays, unless it is its session's only exercise: then it gets its second set where the
 *    session's time allows, even one set over a weekly range.
 * Step 2 never takes a session's last exercise out of it (the session would be empty: a "Lower A"
 * of three lifts that the weekly range had cut to 1 × 8 each gave all three away).
 * Steps 2 to 4 are undone when a muscle would leave the weekly range (fall under it or go over it).
 * Plan-default's week 1 had 5.7 % single-set exercises on 40 generated requests (the teacher's:
 * 3.4 %), a whole "Lower A" of four lifts at 1 × 8 among them.
 */
function noSingleSets(week: ProgramWeekT, w: number, ctx: WeekRepair): ProgramWeekT {
  const { range, exercisesById, changes, maxSets, clock, preferred } = ctx;
  const out = editableWeek(week);
  const { sessions } = out;
  const exOf = (id: string) => exercisesById.get(id);
  const volume = DEFAULT_VOLUME_MUSCLES as readonly MuscleT[];
  const totals = () => volumeTotals(out, exercisesById);
  const inRange = (before: ReadonlyMap<MuscleT, number>) => keepsRange(out, before, range, exercisesById);
  const fits = (s: SessionT) => clock.minutes(s) <= clock.limit;
  const where = (s: SessionT) => `week ${w + 1}, ${s.name}`;
  const single = (x: SessionT['exercises'][number]) => {
    const ex = exOf(x.exerciseId);
    return x.sets.length === 1 && ex !== undefined && ex.pattern !== 'cardio' ? ex : undefined;
  };
  // 1. A second set, in session order (the exercises listed first get the time first).
  for (const session of sessions) {
    for (const x of session.exercises) {
      const ex = single(x);
      if (!ex) continue;
      const room = ex.primaryMuscles.every(
        (m) => !volume.includes(m) || muscleSets(out, m, exercisesById) + 1 <= range.max + 1e-9,
      );
      if (!room) continue;
      x.sets.push({ ...x.sets[0]! });
      if (fits(session)) changes.push(`${where(session)}: ${x.exerciseId} 1 → 2 sets (no single sets)`);
      else x.sets.pop();
    }
  }
  // 2–3, from the end of each session: a lower-priority exercise gives its set to another single
  // one, else an earlier one (four lifts at 1 × 8 become squat and deadlift at 2 × 8, not one
  // lift at 4 × 8).
  for (const session of sessions) {
    for (const x of [...session.exercises].reverse()) {
      const ex = single(x);
      if (!ex || !session.exercises.includes(x)) continue;
      const before = totals();
      let done = false;
      // 2. Its set to another exercise for the same prime mover.
      const patternElsewhere = sessions.some((s) =>
        s.exercises.some((y) => y !== x && exOf(y.exerciseId)?.pattern === ex.pattern),
      );
      // Never the session's last exercise: the session would be left empty (a "Lower A" trimmed
      // to three lifts at 1 × 8 by the weekly range gave each set away to "Lower B").
      if (patternElsewhere && !preferred.has(x.exerciseId) && session.exercises.length > 1) {
        const at = session.exercises.indexOf(x);
        for (const s of [session, ...sessions.filter((t) => t !== session)]) {
          // Another single first (one move fixes both), then in session order.
          const order = [...s.exercises].sort((a, b) => +(a.sets.length !== 1) - +(b.sets.length !== 1));
          for (const to of order) {
            const toEx = exOf(to.exerciseId);
            if (to === x || !toEx || toEx.pattern === 'cardio' || to.sets.length >= maxSets) continue;
            if (!toEx.primaryMuscles.some((m) => ex.primaryMuscles.includes(m))) continue;
            session.exercises.splice(at, 1);
            to.sets.push({ ...to.sets[to.sets.length - 1]! });
            if (fits(s) && inRange(before)) {
              changes.push(
                `${where(session)}: ${x.exerciseId}'s single set moved to ${to.exerciseId}${s === session ? '' : ` (${s.name})`}`,
              );
              done = true;
              break;
            }
            to.sets.pop();
            session.exercises.splice(at, 0, x);
          }
          if (done) break;
        }
      }
      if (done) continue;
      // 3. A set from an exercise of the session that can spare one.
      const donors = session.exercises
        .map((y, i) => ({ y, keep: i === 0 ? 3 : 2, s: session }))
        .filter(({ y, keep }) => y !== x && y.sets.length > keep)
        .sort((a, b) => b.y.sets.length - a.y.sets.length);
      // 4. Else a set from an exercise of another session for the same prime mover.
      const elsewhere = sessions
        .filter((s) => s !== session)
        .flatMap((s) =>
          s.exercises
            .map((y, i) => ({ y, keep: i === 0 ? 3 : 2, s }))
            .filter(({ y, keep }) => {
              const yEx = exOf(y.exerciseId);
              return (
                y.sets.length > keep &&
                yEx !== undefined &&
                yEx.pattern !== 'cardio' &&
                yEx.primaryMuscles.some((m) => ex.primaryMuscles.includes(m))
              );
            }),
        )
        .sort((a, b) => b.y.sets.length - a.y.sets.length);
      for (const { y, s } of [...donors, ...elsewhere]) {
        const taken = y.sets.pop()!;
        x.sets.push({ ...x.sets[0]! });
        if (fits(session) && inRange(before)) {
          changes.push(
            `${where(session)}: ${x.exerciseId} 1 → 2 sets, one from ${y.exerciseId}${s === session ? '' : ` (${s.name})`} (no single sets)`,
          );
          break;
        }
        x.sets.pop();
        y.sets.push(taken);
      }
      // 5. A session's only exercise gets its second set anyway (time allowing): one set over a
      // weekly range reads better than a day of "squat 1 × 8".
      if (x.sets.length === 1 && session.exercises.length === 1) {
        x.sets.push({ ...x.sets[0]! });
        if (fits(session))
          changes.push(`${where(session)}: ${x.exerciseId} 1 → 2 sets (the session's only exercise)`);
        else x.sets.pop();
      }
    }
  }
  return out;
}

/** The two sides each balance check weighs, and the share of the first it allows (core's validator defaults). */
const BALANCES = [
  { first: 'push', second: 'pull', share: DEFAULT_VALIDATION_OPTIONS.pushShare },
  { first: 'quad', second: 'hip', share: DEFAULT_VALIDATION_OPTIONS.quadShare },
] as const;

/**
 * Push against pull sets, and quad- against hip-dominant ones, inside the shares core's
 * validators allow (`PUSH_PULL_IMBALANCE`: push 1/3–0.6 of push + pull sets; `QUAD_HIP_IMBALANCE`:
 * quad 1/3–2/3 of quad + hip), as the rule planner builds its weeks. While one side is over its
 * share, one set moves from that side's exercise with the most sets (the last listed of equals; a
 * session's opener keeps core `MIN_OPENER_SETS`, any other exercise 2) to the other side's
 * exercise with the fewest (under `maxSets`): in the same session first, where the minutes
 * hardly change, else in another with time for it. A move that would take a volume muscle out of
 * its weekly range, or a session past its time, is undone. A week with no exercise on the short
 * side stays as written (the repair adds no exercises). Plan-default's weeks had 16 push against
 * 10 pull sets, 12 against 6: one or two sets moved put them inside.
 */
function balancePatterns(week: ProgramWeekT, w: number, ctx: WeekRepair): ProgramWeekT {
  const { range, exercisesById, changes, maxSets, clock } = ctx;
  const out = editableWeek(week);
  const { sessions } = out;
  const fits = (s: SessionT) => clock.minutes(s) <= clock.limit;
  const lookup = (id: string) => exercisesById.get(id);
  const patternOf = (id: string) => lookup(id)?.pattern;
  for (const { first, second, share } of BALANCES) {
    const count = () => {
      const sets = balanceSets(out, lookup);
      return [sets[first], sets[second]] as const;
    };
    const [a0, b0] = count();
    for (let guard = 0; guard < 20; guard++) {
      const [a, b] = count();
      if (a + b === 0) break;
      const s = a / (a + b);
      const over = s > share.max + 1e-9 ? first : s < share.min - 1e-9 ? second : undefined;
      if (over === undefined) break;
      const heavy = BALANCE_SIDES[over];
      const light = BALANCE_SIDES[over === first ? second : first];
      const donors = sessions
        .flatMap((session) => {
          const opener = session.exercises.find((x) => patternOf(x.exerciseId) !== 'cardio');
          return session.exercises
            .map((x, i) => ({ session, x, i }))
            .filter(({ x }) => {
              const p = patternOf(x.exerciseId);
              return p !== undefined && heavy.has(p) && x.sets.length > (x === opener ? MIN_OPENER_SETS : 2);
            });
        })
        .sort((p, q) => q.x.sets.length - p.x.sets.length || q.i - p.i);
      const receivers = sessions
        .flatMap((session) => session.exercises.map((x) => ({ session, x })))
        .filter(({ x }) => {
          const p = patternOf(x.exerciseId);
          return p !== undefined && light.has(p) && x.sets.length < maxSets;
        })
        .sort((p, q) => p.x.sets.length - q.x.sets.length);
      const before = volumeTotals(out, exercisesById);
      let moved = false;
      for (const d of donors) {
        const ordered = [
          ...receivers.filter((r) => r.session === d.session),
          ...receivers.filter((r) => r.session !== d.session),
        ];
        for (const r of ordered) {
          const taken = d.x.sets.pop()!;
          r.x.sets.push({ ...r.x.sets[r.x.sets.length - 1]! });
          if (fits(r.session) && keepsRange(out, before, range, exercisesById)) {
            moved = true;
            break;
          }
          r.x.sets.pop();
          d.x.sets.push(taken);
        }
        if (moved) break;
      }
      if (!moved) break;
    }
    const [a1, b1] = count();
    if (a1 !== a0)
      changes.push(
        `week ${w + 1}: ${first}/${second} sets ${a0}/${b0} → ${a1}/${b1} (${first} ${Math.round(100 * share.min)}–${Math.round(100 * share.max)} % of ${first} + ${second} sets)`,
      );
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
 *   asked + 10 %, core's session clock) or taken from the exercises that train it directly
 *   (the most sets first, the last listed of equals; at least 1 left, a session's opener at
 *   least 3).
 * - Then push against pull sets and quad- against hip-dominant ones are moved inside the shares
 *   core's validators allow, where an exercise on the short side can take a set (see
 *   balancePatterns).
 * - Then no exercise of a non-deload week is a single set where its session's time and the
 *   weekly ranges allow otherwise (see noSingleSets).
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
  const preferred = new Set(request.preferences.preferredExerciseIds);
  const changes: string[] = [];
  const ctx: WeekRepair = { range, exercisesById, changes, maxSets, clock, preferred };
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
    return noSingleSets(balancePatterns(balanceVolume({ ...week, sessions }, w, ctx), w, ctx), w, ctx);
  });
  return { program: { ...program, weeks }, changes };
}
