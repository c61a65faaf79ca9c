import type { ExerciseT } from '../schemas/exercise';
import type { ExperienceLevelT, MovementPatternT } from '../schemas/vocab';
import type { ProgramWeekT, SessionExerciseT, WorkoutProgramT } from '../schemas/workout';
import { type Violation, violation } from './violation';

/**
 * @internal Realism checks a strength coach would make on a program (NexFitra issue 8), all
 * soft with the measured value:
 * - ONE_SET_OPENER: a resistance session opens with < 3 sets of its first (main) lift;
 * - MOVEMENT_PATTERN_MISSING: a loading week lacks squat (squat or lunge), hinge, horizontal or
 *   vertical push, horizontal or vertical pull (compound exercises; any hinge counts);
 * - TOO_MANY_EXERCISES: more distinct exercises in a loading week than {@link MAX_DISTINCT_EXERCISES};
 * - NO_PROGRESSION: fewer than half of a loading week's exercises progress on the loading week
 *   before (see {@link progresses});
 * - EXERCISE_ORDER: a multiple-joint lift after single-joint work in a session (see
 *   {@link liftOrderRank}).
 * Light conditioning (cardio-only sessions) is left out of all five.
 */
type Path = readonly (string | number)[];
type Lookup = (id: string) => ExerciseT | undefined;

/** Sets of the main lift a session opens with (issue 8; 3×5 and 5/3/1 main work is ≥ 3 sets). */
export const MIN_OPENER_SETS = 3;

/**
 * Distinct exercises in a loading week: beginners ≤ 15 (issue 8: novice programmes such as
 * 3×5 and GZCLP use 5–10); trained lifters ≤ 20 (intermediate) and ≤ 24 (advanced), our
 * settings: a 6-day push/pull/legs week with 4 exercises a day and some A/B variation.
 */
export const MAX_DISTINCT_EXERCISES: Readonly<Record<ExperienceLevelT, number>> = {
  beginner: 15,
  intermediate: 20,
  advanced: 24,
};

/** The six patterns every loading week covers, each with the catalogue patterns that count. */
export const REQUIRED_PATTERNS: readonly {
  readonly name: string;
  readonly patterns: readonly MovementPatternT[];
  readonly compoundOnly: boolean;
}[] = [
  { name: 'squat', patterns: ['squat', 'lunge'], compoundOnly: true },
  { name: 'hinge', patterns: ['hinge'], compoundOnly: false },
  { name: 'horizontal push', patterns: ['horizontal-push'], compoundOnly: true },
  { name: 'vertical push', patterns: ['vertical-push'], compoundOnly: true },
  { name: 'horizontal pull', patterns: ['horizontal-pull'], compoundOnly: true },
  { name: 'vertical pull', patterns: ['vertical-pull'], compoundOnly: true },
];

/** Catalogue patterns of the large-muscle, multiple-joint lifts (with jumps: done fresh, first). */
const MULTI_JOINT: ReadonlySet<MovementPatternT> = new Set([
  'squat',
  'lunge',
  'hinge',
  'horizontal-push',
  'vertical-push',
  'horizontal-pull',
  'vertical-pull',
  'plyometric',
]);

/**
 * Where an exercise goes in a session, the order coaches and the ACSM position stand on
 * progression models (2009) give: 0 the large-muscle, multiple-joint lifts (compound squat,
 * lunge, hinge, push, pull and jumps), 1 single-joint and other accessory work (isolation,
 * carries), 2 core work, 3 cardio. EXERCISE_ORDER flags a rank-0 lift after rank-1 work; core and
 * cardio are left out of the check (a plank between lifts is odd, not a fault).
 */
export function liftOrderRank(e: ExerciseT): 0 | 1 | 2 | 3 {
  if (e.pattern === 'cardio') return 3;
  if (e.pattern === 'core') return 2;
  return e.mechanics === 'compound' && MULTI_JOINT.has(e.pattern) ? 0 : 1;
}

const isResistance = (lookup: Lookup, x: SessionExerciseT) => {
  const e = lookup(x.exerciseId);
  return e !== undefined && e.pattern !== 'cardio';
};

/** ONE_SET_OPENER, MOVEMENT_PATTERN_MISSING and TOO_MANY_EXERCISES of one loading week. */
export function checkWeekRealism(
  week: ProgramWeekT,
  path: Path,
  lookup: Lookup,
  level: ExperienceLevelT,
): { violations: Violation[]; distinctExercises: number; missingPatterns: string[] } {
  const out: Violation[] = [];
  const ids = new Set<string>();
  const seen: ExerciseT[] = [];
  week.sessions.forEach((session, s) => {
    const work = session.exercises.filter((x) => isResistance(lookup, x));
    if (work.length === 0) return;
    const first = session.exercises.find((x) => isResistance(lookup, x))!;
    if (first.sets.length < MIN_OPENER_SETS) {
      out.push(
        violation(
          'ONE_SET_OPENER',
          [...path, 'sessions', s, 'exercises', session.exercises.indexOf(first)],
          `session "${session.name}" opens with ${first.sets.length} set(s) of ${first.exerciseId}; a main lift needs at least ${MIN_OPENER_SETS}`,
          { measured: first.sets.length, expected: { min: MIN_OPENER_SETS }, unit: 'sets' },
        ),
      );
    }
    for (const x of work) {
      ids.add(x.exerciseId);
      seen.push(lookup(x.exerciseId)!);
    }
    // The first multiple-joint lift that comes after single-joint work, if any (one finding a session).
    let accessory: SessionExerciseT | undefined;
    let before = 0;
    for (const x of work) {
      const rank = liftOrderRank(lookup(x.exerciseId)!);
      if (rank === 1) {
        accessory ??= x;
        before++;
      } else if (rank === 0 && accessory !== undefined) {
        out.push(
          violation(
            'EXERCISE_ORDER',
            [...path, 'sessions', s, 'exercises', session.exercises.indexOf(x)],
            `session "${session.name}" has ${x.exerciseId}, a multiple-joint lift, after ${accessory.exerciseId}; large-muscle, multiple-joint lifts come before single-joint work`,
            { measured: before, expected: { max: 0 }, unit: 'single-joint exercises before it' },
          ),
        );
        break;
      }
    }
  });
  if (ids.size === 0) return { violations: out, distinctExercises: 0, missingPatterns: [] };
  const missing = REQUIRED_PATTERNS.filter(
    (r) =>
      !seen.some((e) => r.patterns.includes(e.pattern) && (!r.compoundOnly || e.mechanics === 'compound')),
  ).map((r) => r.name);
  if (missing.length > 0) {
    out.push(
      violation(
        'MOVEMENT_PATTERN_MISSING',
        path,
        `the week has no ${missing.join(', ')} exercise; a balanced week covers squat, hinge, horizontal and vertical push and pull`,
        { measured: missing.length, expected: { max: 0 }, unit: 'patterns missing' },
      ),
    );
  }
  const limit = MAX_DISTINCT_EXERCISES[level];
  if (ids.size > limit) {
    out.push(
      violation(
        'TOO_MANY_EXERCISES',
        path,
        `${ids.size} distinct exercises in the week; at most ${limit} for a ${level} so each lift is practised and its progress is visible`,
        { measured: ids.size, expected: { max: limit }, unit: 'exercises/week' },
      ),
    );
  }
  return { violations: out, distinctExercises: ids.size, missingPatterns: missing };
}

/** Mean target reps (range mid-point) of a set, or its seconds; 0 for neither. */
function work(set: SessionExerciseT['sets'][number]): number {
  if (set.seconds !== undefined) return set.seconds;
  if (set.reps === undefined) return 0;
  return typeof set.reps === 'number' ? set.reps : (set.reps.min + set.reps.max) / 2;
}

/** Largest absolute load (kg or %1RM) over the sets, by type; undefined without one. */
function absLoad(x: SessionExerciseT, type: 'kg' | 'percent-1rm'): number | undefined {
  const v = x.sets.flatMap((s) => (s.load?.type === type ? [s.load.value] : []));
  return v.length ? Math.max(...v) : undefined;
}
const totalWork = (x: SessionExerciseT) => x.sets.reduce((t, s) => t + work(s), 0);
const topWork = (x: SessionExerciseT) => Math.max(0, ...x.sets.map(work));

/**
 * Whether `now` progresses on `before` (the same slot a loading week earlier): more sets, more
 * reps or seconds per set, a heavier kg or %1RM load, the harder variant `before` named
 * (`progression.nextExerciseId`), or — under double progression — reps back at the bottom of
 * the range after the top was reached (the stated load step). A lower RIR or higher RPE alone
 * is not progression: it asks for more effort without a change a person can record.
 */
export function progresses(before: SessionExerciseT, now: SessionExerciseT): boolean {
  if (now.exerciseId !== before.exerciseId) {
    return before.progression?.nextExerciseId === now.exerciseId;
  }
  if (now.sets.length > before.sets.length) return true;
  if (topWork(now) > topWork(before) || totalWork(now) > totalWork(before)) return true;
  for (const type of ['kg', 'percent-1rm'] as const) {
    const a = absLoad(before, type);
    const b = absLoad(now, type);
    if (a !== undefined && b !== undefined && b > a) return true;
  }
  const p = before.progression;
  if (p?.scheme === 'double' && p.reps !== undefined && p.stepKg !== undefined) {
    const wasTop = before.sets.every((s) => typeof s.reps === 'number' && s.reps >= p.reps!.max);
    const nowBottom = now.sets.every((s) => typeof s.reps === 'number' && s.reps <= p.reps!.min);
    if (wasTop && nowBottom) return true;
  }
  return false;
}

/** Exercises of a week keyed by session (day + name) and position, resistance work only. */
function slots(week: ProgramWeekT, lookup: Lookup): Map<string, SessionExerciseT> {
  const out = new Map<string, SessionExerciseT>();
  for (const s of week.sessions) {
    s.exercises.forEach((x, i) => {
      if (isResistance(lookup, x)) out.set(`${s.day}|${s.name}|${i}`, x);
    });
  }
  return out;
}

/**
 * NO_PROGRESSION over the program. Each loading week is compared with the loading week before
 * it; the first week after a deload may instead progress on the first week of the block before
 * (a new block starting above the last one's start). Returns the share of progressing
 * exercises of each week (`null` for deloads and the first loading week).
 */
export function checkProgression(
  program: WorkoutProgramT,
  base: Path,
  lookup: Lookup,
): { violations: Violation[]; progressedShare: (number | null)[] } {
  const out: Violation[] = [];
  const shares: (number | null)[] = [];
  let prev: Map<string, SessionExerciseT> | undefined;
  let blockStart: Map<string, SessionExerciseT> | undefined;
  let prevBlockStart: Map<string, SessionExerciseT> | undefined;
  let afterDeload = false;
  program.weeks.forEach((week, w) => {
    if (week.deload) {
      shares.push(null);
      if (prev) afterDeload = true;
      return;
    }
    const now = slots(week, lookup);
    if (afterDeload) {
      prevBlockStart = blockStart;
      blockStart = now;
    } else if (blockStart === undefined) blockStart = now;
    if (prev === undefined || now.size === 0) {
      shares.push(null);
      prev = now;
      return;
    }
    let matched = 0;
    let up = 0;
    for (const [key, x] of now) {
      const a = prev.get(key);
      const b = afterDeload ? prevBlockStart?.get(key) : undefined;
      if (a === undefined && b === undefined) continue;
      matched++;
      if ((a !== undefined && progresses(a, x)) || (b !== undefined && progresses(b, x))) up++;
    }
    const share = matched === 0 ? 0 : up / matched;
    shares.push(share);
    if (share < 0.5) {
      out.push(
        violation(
          'NO_PROGRESSION',
          [...base, 'weeks', w],
          `week ${w + 1}: ${up} of ${matched} exercises progress on the loading week before (more reps, sets or load, or a harder variant); at least half should`,
          { measured: share, expected: { min: 0.5 }, unit: 'share of exercises progressing' },
        ),
      );
    }
    prev = now;
    afterDeload = false;
  });
  return { violations: out, progressedShare: shares };
}
