import { describe, expect, it } from 'vitest';
import type { PlanT } from '../src/schemas/plan';
import { validatePlan } from '../src/validate/plan';
import { estimateSessionMinutes } from '../src/validate/sessionLength';
import type { Violation } from '../src/validate/violation';
import { validateWorkoutProgram } from '../src/validate/workout';
import { cleanPlan, context, edit, SESSION_MINUTES, session, sets } from './validate.fixtures';

const W0 = ['workoutProgram', 'weeks', 0] as const;

/** The plan's workout violations (the meal part is another test file's business). */
function workoutViolations(plan: PlanT): Violation[] {
  return validatePlan(plan, context).violations.filter((v) => v.path[0] === 'workoutProgram');
}

/** Validates a plan and returns its single workout violation, failing when there is not exactly one. */
function only(plan: PlanT): Violation {
  const violations = workoutViolations(plan);
  expect(violations.map((v) => v.code)).toHaveLength(1);
  return violations[0]!;
}

/**
 * The clean plan with `exercise` (n sets) in the first session of week 1: appended after its
 * single-joint work, or at `at` (a multiple-joint lift after the session's six, where a coach
 * puts it, so that EXERCISE_ORDER stays another test's business).
 */
function withExtra(exerciseId: string, n = 1, change: (p: PlanT) => void = () => {}, at = 10): PlanT {
  return edit(cleanPlan, (p) => {
    p.workoutProgram.weeks[0].sessions[0].exercises.splice(at, 0, { exerciseId, sets: sets(n) });
    change(p);
  });
}
const EXTRA = [...W0, 'sessions', 0, 'exercises', 10];
/** Where {@link withExtra} puts a multiple-joint lift: after the session's six. */
const LIFT_AT = 6;
const EXTRA_LIFT = [...W0, 'sessions', 0, 'exercises', LIFT_AT];

describe('workout program: hard violations', () => {
  it('UNKNOWN_EXERCISE (skipped by the volume count)', () => {
    expect(only(withExtra('no-such-exercise'))).toMatchObject({
      code: 'UNKNOWN_EXERCISE',
      severity: 'hard',
      path: EXTRA,
    });
  });

  it('EXCLUDED_EXERCISE: wall-push-up (chest; triceps, front-delts) on the excluded list', () => {
    // chest 9 + 1 = 10 and push 13 / (13 + 9) = 0.59 stay in range.
    const plan = withExtra(
      'wall-push-up',
      1,
      (p) => p.request.preferences.excludedExerciseIds.push('wall-push-up'),
      LIFT_AT,
    );
    expect(only(plan)).toMatchObject({ code: 'EXCLUDED_EXERCISE', path: EXTRA_LIFT });
  });

  it('EQUIPMENT_MISSING: lying-leg-curl needs a machine', () => {
    // lying-leg-curl: hamstrings; calves — knee-flexion, machine, B. hamstrings 10, quad share 9/19.
    const v = only(withExtra('lying-leg-curl'));
    expect(v).toMatchObject({ code: 'EQUIPMENT_MISSING', path: EXTRA });
    expect(v.message).toContain('machine');
  });

  it('CONTRAINDICATED_EXERCISE: push-up is tagged wrist', () => {
    // push-up: chest; triceps, front-delts, abs — horizontal-push, bodyweight, B, ['wrist'].
    const plan = withExtra('push-up', 1, (p) => p.request.preferences.injuries.push('wrist'), LIFT_AT);
    const v = only(plan);
    expect(v).toMatchObject({ code: 'CONTRAINDICATED_EXERCISE', path: EXTRA_LIFT });
    expect(v.message).toContain('wrist');
  });

  it('TRAINING_DAYS_MISMATCH: 3 days trained, 4 asked; a deload week may train fewer days', () => {
    // Week 2 (deload) trains 2 ≤ 4 days: fine. Rest-day limit max(3, ⌈4/3⌉) = 3 is unchanged.
    const v = only(edit(cleanPlan, (p) => (p.request.preferences.trainingDaysPerWeek = 4)));
    expect(v).toMatchObject({
      code: 'TRAINING_DAYS_MISMATCH',
      path: W0,
      measured: 3,
      expected: { min: 4, max: 4 },
    });
  });

  it('TRAINING_DAYS_MISMATCH: a deload week must not add days', () => {
    const plan = edit(cleanPlan, (p) => p.workoutProgram.weeks[1].sessions.push(session(4), session(6)));
    expect(only(plan)).toMatchObject({
      code: 'TRAINING_DAYS_MISMATCH',
      path: ['workoutProgram', 'weeks', 1],
      measured: 4,
      expected: { max: 3 },
    });
  });
});

describe('workout program: soft violations with the measured value', () => {
  it('EXERCISE_ABOVE_LEVEL: dumbbell-leg-curl is an intermediate exercise', () => {
    // dumbbell-leg-curl: hamstrings — knee-flexion, dumbbells + bench, M. hamstrings 10.
    expect(only(withExtra('dumbbell-leg-curl'))).toMatchObject({
      code: 'EXERCISE_ABOVE_LEVEL',
      severity: 'soft',
      path: EXTRA,
    });
  });

  it('WEEKLY_SETS_OUT_OF_RANGE: without the curls on days 0 and 2, biceps get 6.5 sets (beginner 8–12)', () => {
    // biceps: days 0 and 2 row 2 × 0.5 + pulldown 0.5 = 1.5 each; day 4 3.5 → 6.5; ≥ 1 set on 3 days.
    const plan = edit(cleanPlan, (p) => {
      p.workoutProgram.weeks[0].sessions[0].exercises.splice(8, 1);
      p.workoutProgram.weeks[0].sessions[1].exercises.splice(8, 1);
    });
    const v = only(plan);
    expect(v).toMatchObject({
      code: 'WEEKLY_SETS_OUT_OF_RANGE',
      path: W0,
      measured: 6.5,
      expected: { min: 8, max: 12 },
    });
    expect(v.message).toContain('biceps');
  });

  it('MUSCLE_FREQUENCY_LOW: all 9 lateral-raise sets on day 0', () => {
    // side-delts 9 + 3 × 0.5 = 10.5 (in range) but days 2 and 4 give only the press's 0.5;
    // upper-back keeps 3 × 2.5 + 9 × 0.5 = 12. Day 0 gains 6 sets × 120 s = 12 min → 55.5 ≤ 60.
    const plan = edit(cleanPlan, (p) => {
      const [s0, s1, s2] = p.workoutProgram.weeks[0].sessions;
      s0.exercises[7].sets = sets(9);
      s1.exercises.splice(7, 1);
      s2.exercises.splice(7, 1);
    });
    const v = only(plan);
    expect(v).toMatchObject({ code: 'MUSCLE_FREQUENCY_LOW', path: W0, measured: 1, expected: { min: 2 } });
    expect(v.message).toContain('side-delts');
    expect(v.message).toContain('Sports Med 46:1689');
  });

  it('PUSH_PULL_IMBALANCE: 5 bench sets on day 0 → push 14 / pull 9 = 0.609 > 0.6', () => {
    // chest 9 + 2 = 11, triceps 9 + 1 = 10 (inside 8–12); day 0 gains 4 min → 47.5.
    const plan = edit(cleanPlan, (p) => (p.workoutProgram.weeks[0].sessions[0].exercises[2].sets = sets(5)));
    const v = only(plan);
    expect(v).toMatchObject({ code: 'PUSH_PULL_IMBALANCE', path: W0 });
    expect(v.measured).toBeCloseTo(14 / 23, 12);
  });

  it('QUAD_HIP_IMBALANCE (and no squat pattern): quads by straight-leg raises, glutes by bridges', () => {
    // Each session: goblet-squat 3 → straight-leg-raise 3 (quads; abs — hip-isolation, B,
    // unilateral) + glute-bridge 2 (glutes; hamstrings, lower-back — hinge, B).
    // quads 9, glutes 3 × (2 + 1) = 9, hamstrings 3 × (3 + 1) = 12. Quad-pattern sets 0 →
    // share 0 < 1/3, and the week has no squat or lunge. Length: 43.5 − 6 (squats)
    // + 3 × (2 × 30 + 90) / 60 (7.5) + 4 (bridges) = 49 min.
    const plan = edit(cleanPlan, (p) => {
      for (const week of p.workoutProgram.weeks) {
        for (const s of week.sessions) {
          s.exercises.splice(
            0,
            1,
            { exerciseId: 'straight-leg-raise', sets: sets(3) },
            { exerciseId: 'glute-bridge', sets: sets(2) },
          );
        }
      }
    });
    // The straight-leg raise (single-joint) now opens each of week 1's three sessions, before the
    // bridge (a multiple-joint hinge): one EXERCISE_ORDER a session, 1 exercise before it.
    const vs = workoutViolations(plan);
    expect(vs.map((v) => v.code).sort()).toEqual([
      'EXERCISE_ORDER',
      'EXERCISE_ORDER',
      'EXERCISE_ORDER',
      'MOVEMENT_PATTERN_MISSING',
      'QUAD_HIP_IMBALANCE',
    ]);
    expect(
      vs.filter((v) => v.code === 'EXERCISE_ORDER').map((v) => [v.path[4], v.path[6], v.measured]),
    ).toEqual([
      [0, 1, 1],
      [1, 1, 1],
      [2, 1, 1],
    ]);
    expect(vs.find((v) => v.code === 'QUAD_HIP_IMBALANCE')).toMatchObject({ path: W0, measured: 0 });
    expect(vs.find((v) => v.code === 'MOVEMENT_PATTERN_MISSING')!.message).toContain('no squat');
  });

  it('SESSION_TOO_LONG: 300 s rests on day 0', () => {
    // 18 × (30 + 300) + (60 + 300) = 6300 s = 105 min, + 5 warm-up = 110 > 60 × 1.1 = 66.
    const plan = edit(cleanPlan, (p) => {
      for (const x of p.workoutProgram.weeks[0].sessions[0].exercises)
        for (const s of x.sets) s.restSeconds = 300;
    });
    const v = only(plan);
    expect(v).toMatchObject({
      code: 'SESSION_TOO_LONG',
      path: [...W0, 'sessions', 0],
      expected: { max: 66 },
    });
    expect(v.measured).toBeCloseTo(110, 9);
  });

  it('TOO_MANY_CONSECUTIVE_DAYS: days 5, 6 and the next week’s 0, 1 in a row (at most 3)', () => {
    // Week 1 on days 2, 5, 6; week 2 (deload) on 0, 1, 3: run 5, 6, 7, 8 = 4 days.
    const plan = edit(cleanPlan, (p) => {
      p.workoutProgram.weeks[0].sessions = [session(2), session(5), session(6)];
      p.workoutProgram.weeks[1].sessions = [session(0), session(1), session(3)];
    });
    expect(only(plan)).toMatchObject({
      code: 'TOO_MANY_CONSECUTIVE_DAYS',
      path: [...W0, 'sessions', 1],
      measured: 4,
      expected: { max: 3 },
    });
  });

  it('the rest-day limit rises to what the asked frequency forces: 6 days → ⌈6/1⌉ = 6', () => {
    const sixDays = [0, 1, 2, 3, 4, 5].map(session);
    const plan = edit(cleanPlan, (p) => {
      p.request.preferences.trainingDaysPerWeek = 6;
      p.workoutProgram.weeks = [{ deload: false, sessions: sixDays }];
    });
    const codes = workoutViolations(plan).map((v) => v.code);
    expect(codes).not.toContain('TOO_MANY_CONSECUTIVE_DAYS');
    expect(codes).toContain('WEEKLY_SETS_OUT_OF_RANGE'); // upper-back 4 × 6 = 24 > 12
  });
});

describe('validateWorkoutProgram alone', () => {
  it('returns hand-counted metrics and paths from the program root', () => {
    const r = validateWorkoutProgram(cleanPlan.workoutProgram, cleanPlan.request, context);
    expect(r).toMatchObject({ ok: true, violations: [] });
    const week = r.metrics!.weeks[0]!;
    expect(week).toMatchObject({
      deload: false,
      trainingDays: 3,
      quadShare: 0.5,
      distinctExercises: 10,
      missingPatterns: [],
      progressedShare: null, // the first loading week has nothing to progress on
    });
    expect(week.pushShare).toBeCloseTo(4 / 7, 12);
    expect(week.setsPerMuscle).toMatchObject({
      chest: 9,
      lats: 9,
      'upper-back': 12,
      'side-delts': 10.5,
      biceps: 10.5,
      triceps: 9,
      quads: 9,
      hamstrings: 9,
      glutes: 12,
      // secondary only: goblet-squat 3 × 0.5 × 3 days
      adductors: 4.5,
    });
    expect(week.sessionMinutes).toEqual([SESSION_MINUTES, SESSION_MINUTES, SESSION_MINUTES]);
    expect(r.metrics!.weeks[1]).toMatchObject({ deload: true, trainingDays: 2, setsPerMuscle: null });
    expect(r.metrics!.longestTrainingStreak).toBe(1);
  });

  it('returns SCHEMA violations for a malformed program', () => {
    const bad = {
      schemaVersion: '1.0.0',
      split: 'x',
      weeks: [{ deload: false, sessions: [{ day: 7, name: 'A', exercises: [] }] }],
    };
    const r = validateWorkoutProgram(bad, cleanPlan.request, context);
    expect(r.metrics).toBeNull();
    expect(r.violations.map((v) => [v.code, v.path])).toEqual([
      ['SCHEMA', ['weeks', 0, 'sessions', 0, 'day']],
      ['SCHEMA', ['weeks', 0, 'sessions', 0, 'exercises']],
    ]);
  });

  it('throws a typed error without an exercises lookup', () => {
    expect(() =>
      validateWorkoutProgram(cleanPlan.workoutProgram, cleanPlan.request, { exercises: 'x' } as never),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_TYPE', path: ['context', 'exercises'] }));
  });
});

describe('estimateSessionMinutes', () => {
  it('matches its doc example: 5 + 2 × (10 × 3 + 90) / 60 = 9', () => {
    const s = {
      day: 0,
      name: 'A',
      exercises: [
        {
          exerciseId: 'push-up',
          sets: [
            { reps: 10, restSeconds: 90 },
            { reps: 10, restSeconds: 90 },
          ],
        },
      ],
    };
    expect(estimateSessionMinutes(s, { exercises: () => undefined })).toBe(9);
  });

  it('uses the rep-range mid-point, seconds for holds, and doubles unilateral work', () => {
    // door-frame-row is unilateral: 2 × (8+12)/2 × 3 + 60 = 120 s; plank 45 + 30 = 75 s;
    // no warm-up: 195 s = 3.25 min.
    const s = {
      day: 0,
      name: 'A',
      exercises: [
        { exerciseId: 'door-frame-row', sets: [{ reps: { min: 8, max: 12 }, restSeconds: 60 }] },
        { exerciseId: 'plank', sets: [{ seconds: 45, restSeconds: 30 }] },
      ],
    };
    expect(estimateSessionMinutes(s, context, { warmupMinutes: 0 })).toBeCloseTo(3.25, 12);
  });

  it('throws SCHEMA for a bad session and OUT_OF_RANGE for bad options', () => {
    expect(() => estimateSessionMinutes({} as never, context)).toThrowError(
      expect.objectContaining({ code: 'SCHEMA' }),
    );
    expect(() => estimateSessionMinutes(session(0), context, { secondsPerRep: -1 })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['options', 'secondsPerRep'] }),
    );
  });
});
