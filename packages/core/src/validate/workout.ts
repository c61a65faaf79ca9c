import { Exercise, type ExerciseT } from '../schemas/exercise';
import { parseOrThrow } from '../schemas/parse';
import { PlanRequest, type PlanRequestT } from '../schemas/plan';
import { EXPERIENCE_LEVELS, type MuscleT } from '../schemas/vocab';
import { WorkoutProgram, type WorkoutProgramT } from '../schemas/workout';
import { requireLookup } from './_context';
import { parseForViolations } from './_schema';
import { checkProgression, checkWeekRealism } from './_workoutRealism';
import { checkWeekLoad } from './_workoutWeek';
import { type ResolvedOptions, resolveOptions, type ValidationOptions } from './options';
import { sessionMinutes } from './sessionLength';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

export interface WorkoutContext {
  /** The exercise with this id, or `undefined` (e.g. `byIdLookup(EXERCISES)`). */
  readonly exercises: (id: string) => ExerciseT | undefined;
}

export interface WorkoutWeekMetrics {
  readonly deload: boolean;
  /** Distinct days of the week with a session. */
  readonly trainingDays: number;
  /** Weekly sets per muscle, fractional count; `null` for a deload week (not checked). */
  readonly setsPerMuscle: Readonly<Record<MuscleT, number>> | null;
  readonly pushShare: number | null;
  readonly quadShare: number | null;
  /** Estimated minutes of each session, in order (see `estimateSessionMinutes`). */
  readonly sessionMinutes: readonly number[];
  /** Distinct resistance exercises; `null` for a deload week. */
  readonly distinctExercises: number | null;
  /** Required movement patterns the week lacks (`REQUIRED_PATTERNS`); `null` for a deload week. */
  readonly missingPatterns: readonly string[] | null;
  /**
   * Share of exercises progressing on the loading week before (see NO_PROGRESSION); `null` for
   * deloads and the first loading week.
   */
  readonly progressedShare: number | null;
}

export interface WorkoutMetrics {
  readonly weeks: readonly WorkoutWeekMetrics[];
  /** Longest run of consecutive training days over the whole program. */
  readonly longestTrainingStreak: number;
}

export interface WorkoutValidation {
  /** `true` when no violation is `hard`. */
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  /** `null` when the program failed its schema. */
  readonly metrics: WorkoutMetrics | null;
}

/**
 * The most consecutive training days the asked frequency forces: `d` days in a 7-day week
 * leave `7 − d` rest days, so some run is at least ⌈d / (7 − d)⌉ long (∞ for 7 days).
 */
function forcedStreak(daysPerWeek: number): number {
  return daysPerWeek >= 7 ? Number.POSITIVE_INFINITY : Math.ceil(daysPerWeek / (7 - daysPerWeek));
}

/** The path of exercise `i` of session `s` of week `w`, built only for a finding (most have none). */
function exercisePath(base: Path, w: number, s: number, i: number): (string | number)[] {
  return [...base, 'weeks', w, 'sessions', s, 'exercises', i];
}

function checkExercises(
  program: WorkoutProgramT,
  request: PlanRequestT,
  lookup: (id: string) => ExerciseT | undefined,
  base: Path,
): Violation[] {
  const p = request.preferences;
  const have = new Set<string>(p.equipment);
  const excluded = new Set(p.excludedExerciseIds);
  const level = EXPERIENCE_LEVELS.indexOf(p.experience);
  const out: Violation[] = [];
  program.weeks.forEach((week, w) => {
    week.sessions.forEach((session, s) => {
      session.exercises.forEach((x, i) => {
        const id = x.exerciseId;
        const ex = lookup(id);
        if (ex === undefined) {
          out.push(
            violation(
              'UNKNOWN_EXERCISE',
              exercisePath(base, w, s, i),
              `exercise "${id}" is not in the catalogue`,
            ),
          );
          return;
        }
        if (excluded.has(id)) {
          out.push(
            violation(
              'EXCLUDED_EXERCISE',
              exercisePath(base, w, s, i),
              `exercise "${id}" is on the excluded list`,
            ),
          );
        }
        const missing = ex.equipment.filter((q) => q !== 'bodyweight' && !have.has(q));
        if (missing.length > 0) {
          out.push(
            violation(
              'EQUIPMENT_MISSING',
              exercisePath(base, w, s, i),
              `exercise "${id}" needs ${missing.join(', ')}, which the person lacks`,
            ),
          );
        }
        const hurt = ex.contraindications.filter((c) => p.injuries.includes(c));
        if (hurt.length > 0) {
          out.push(
            violation(
              'CONTRAINDICATED_EXERCISE',
              exercisePath(base, w, s, i),
              `exercise "${id}" is contraindicated for a ${hurt.join(', ')} injury`,
            ),
          );
        }
        if (EXPERIENCE_LEVELS.indexOf(ex.level) > level) {
          out.push(
            violation(
              'EXERCISE_ABOVE_LEVEL',
              exercisePath(base, w, s, i),
              `exercise "${id}" is for ${ex.level} lifters; the person is ${p.experience}`,
            ),
          );
        }
      });
    });
  });
  return out;
}

/** Runs of consecutive training days across the program's weeks (week w, day d → 7w + d). */
function checkStreaks(
  program: WorkoutProgramT,
  daysAsked: number,
  o: ResolvedOptions,
  base: Path,
): { violations: Violation[]; longest: number } {
  const first = new Map<number, Path>();
  program.weeks.forEach((week, w) => {
    week.sessions.forEach((session, s) => {
      const t = 7 * w + session.day;
      if (!first.has(t)) first.set(t, [...base, 'weeks', w, 'sessions', s]);
    });
  });
  const allowed = Math.max(o.maxConsecutiveTrainingDays, forcedStreak(daysAsked));
  const days = [...first.keys()].sort((a, b) => a - b);
  const violations: Violation[] = [];
  let longest = 0;
  let start = 0;
  for (let i = 0; i < days.length; i++) {
    if (i > 0 && days[i] !== days[i - 1]! + 1) start = i;
    const end = i + 1 === days.length || days[i + 1] !== days[i]! + 1;
    if (!end) continue;
    const run = i - start + 1;
    longest = Math.max(longest, run);
    if (run > allowed) {
      violations.push(
        violation(
          'TOO_MANY_CONSECUTIVE_DAYS',
          first.get(days[start]!)!,
          `${run} training days in a row without a rest day; at most ${allowed} (max(${o.maxConsecutiveTrainingDays}, ⌈${daysAsked}/(7−${daysAsked})⌉) for ${daysAsked} days a week)`,
          { measured: run, expected: { max: allowed }, unit: 'days' },
        ),
      );
    }
  }
  return { violations, longest };
}

/** @internal The checks on a schema-valid program; paths start at `base`. */
export function checkWorkoutProgram(
  program: WorkoutProgramT,
  request: PlanRequestT,
  lookup: (id: string) => ExerciseT | undefined,
  o: ResolvedOptions,
  base: Path,
): { violations: Violation[]; metrics: WorkoutMetrics } {
  const p = request.preferences;
  const violations = checkExercises(program, request, lookup, base);
  const limit = p.sessionMinutes * (1 + o.sessionTolerancePercent / 100);
  const weeks = program.weeks.map((week, w): WorkoutWeekMetrics => {
    const path = [...base, 'weeks', w];
    const trainingDays = new Set(week.sessions.map((s) => s.day)).size;
    const asked = p.trainingDaysPerWeek;
    // A deload week may drop sessions but never adds them.
    if (week.deload ? trainingDays > asked : trainingDays !== asked) {
      violations.push(
        violation(
          'TRAINING_DAYS_MISMATCH',
          path,
          `${week.deload ? 'deload ' : ''}week ${w + 1} trains on ${trainingDays} days; ${asked} asked`,
          {
            measured: trainingDays,
            expected: week.deload ? { max: asked } : { min: asked, max: asked },
            unit: 'days',
          },
        ),
      );
    }
    const minutes = week.sessions.map((session, s) => {
      const m = sessionMinutes(session, lookup, o.secondsPerRep, o.warmupMinutes);
      if (m > limit) {
        violations.push(
          violation(
            'SESSION_TOO_LONG',
            [...path, 'sessions', s],
            `session "${session.name}" takes about ${Math.round(m)} min (${o.warmupMinutes} min warm-up + work at ${o.secondsPerRep} s/rep + rest); ${p.sessionMinutes} min asked (+${o.sessionTolerancePercent} %)`,
            { measured: m, expected: { max: limit }, unit: 'min' },
          ),
        );
      }
      return m;
    });
    if (week.deload) {
      return {
        deload: true,
        trainingDays,
        setsPerMuscle: null,
        pushShare: null,
        quadShare: null,
        sessionMinutes: minutes,
        distinctExercises: null,
        missingPatterns: null,
        progressedShare: null,
      };
    }
    const load = checkWeekLoad(week, path, lookup, p.experience, p.trainingDaysPerWeek, o);
    violations.push(...load.violations);
    const realism = checkWeekRealism(week, path, lookup, p.experience);
    violations.push(...realism.violations);
    return {
      deload: false,
      trainingDays,
      setsPerMuscle: load.setsPerMuscle,
      pushShare: load.pushShare,
      quadShare: load.quadShare,
      sessionMinutes: minutes,
      distinctExercises: realism.distinctExercises,
      missingPatterns: realism.missingPatterns,
      progressedShare: null,
    };
  });
  const progression = checkProgression(program, base, lookup);
  violations.push(...progression.violations);
  const withShares = weeks.map((m, w) => ({ ...m, progressedShare: progression.progressedShare[w] ?? null }));
  const streaks = checkStreaks(program, p.trainingDaysPerWeek, o, base);
  violations.push(...streaks.violations);
  return { violations, metrics: { weeks: withShares, longestTrainingStreak: streaks.longest } };
}

/**
 * Checks a workout program against the request it was made for. Hard: unknown or excluded
 * exercises, missing equipment, contraindication for a stated injury, training days per week
 * not as asked. Soft: exercise above the person's level, weekly sets per muscle outside
 * `WEEKLY_SET_RANGES` for the level, frequency per muscle, push/pull and quad/hip balance,
 * session length (`estimateSessionMinutes`), consecutive training days, and the coach's
 * realism checks: a session opening with < 3 sets of its main lift (ONE_SET_OPENER), a week
 * without one of the six movement patterns (MOVEMENT_PATTERN_MISSING), too many distinct
 * exercises (TOO_MANY_EXERCISES), a loading week that does not progress on the one before
 * (NO_PROGRESSION), a multiple-joint lift after single-joint work (EXERCISE_ORDER). Volume, frequency, balance and realism are checked on non-deload weeks only. See {@link ValidationOptions} for the thresholds.
 *
 * @param program the program, untrusted: schema errors come back as `SCHEMA` violations
 * @param request the request the program answers (must be a valid `PlanRequest`)
 * @param context `{ exercises }` lookup
 * @throws {NexFitraError} only for misuse: an invalid request (`SCHEMA`), a missing lookup or bad options
 * @example validateWorkoutProgram(program, request, { exercises: byIdLookup(EXERCISES) }).ok
 */
export function validateWorkoutProgram(
  program: unknown,
  request: PlanRequestT,
  context: WorkoutContext,
  options: ValidationOptions = {},
): WorkoutValidation {
  const fn = 'validateWorkoutProgram';
  const lookup = requireLookup(fn, context, 'exercises', Exercise) as WorkoutContext['exercises'];
  const o = resolveOptions(fn, options);
  const req = parseOrThrow(PlanRequest, request, fn);
  const parsed = parseForViolations(WorkoutProgram, program, []);
  if ('violations' in parsed) return { ok: false, violations: parsed.violations, metrics: null };
  const { violations, metrics } = checkWorkoutProgram(parsed.data, req, lookup, o, []);
  return { ok: violations.every((v) => v.severity !== 'hard'), violations, metrics };
}
