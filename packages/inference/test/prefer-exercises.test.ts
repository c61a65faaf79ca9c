/**
 * The model path honours preferred exercises like for like. The programme below is written by
 * hand (a full-gym upper/lower week); the expected swaps are read off the exercise catalogue
 * (`datasets/exercises`: pattern, mechanics, equipment, prime movers, contraindications) by hand,
 * and the load steps from the programme's stated rule (+2.5 kg barbell, machine and cable work,
 * +1 kg upper-body dumbbells: `packages/planner/src/workout/_progression.ts`).
 */
import type { PlanRequestT, SessionExerciseT, WorkoutProgramT } from '@nexfitra/core';
import { EQUIPMENT_SETS } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { exercisesById } from '../src/plan/_catalogues';
import { preferExercises } from '../src/plan/_preferExercises';

const set = (reps: number, load?: { type: 'rir' | 'kg'; value: number }) => ({
  reps,
  ...(load ? { load } : {}),
  restSeconds: 120,
});
const ex = (
  exerciseId: string,
  load: { type: 'rir' | 'kg'; value: number } = { type: 'rir', value: 2 },
): SessionExerciseT => ({
  exerciseId,
  sets: [set(8, load), set(8, load), set(8, load)],
  progression: { scheme: 'double', reps: { min: 6, max: 10 }, stepKg: 2.5 },
});
const program = (upper: SessionExerciseT[], lower: SessionExerciseT[]): WorkoutProgramT => ({
  schemaVersion: '1.0.0',
  split: 'upper-lower',
  weeks: [
    {
      deload: false,
      sessions: [
        { day: 0, name: 'Upper A', exercises: upper },
        { day: 2, name: 'Lower A', exercises: lower },
        { day: 4, name: 'Upper B', exercises: upper },
      ],
    },
  ],
});
const request = (preferredExerciseIds: string[], more: Partial<PlanRequestT['preferences']> = {}) =>
  makeRequest({
    preferences: {
      equipment: [...EQUIPMENT_SETS['full-gym']],
      experience: 'intermediate',
      trainingDaysPerWeek: 3,
      preferredExerciseIds,
      ...more,
    },
  });
const ids = (p: WorkoutProgramT) => p.weeks[0]!.sessions.map((s) => s.exercises.map((x) => x.exerciseId));

describe('preferExercises', () => {
  const base = program(
    [ex('barbell-bench-press'), ex('barbell-bent-over-row'), ex('dumbbell-lateral-raise')],
    [ex('barbell-back-squat'), ex('romanian-deadlift')],
  );

  it('swaps each preferred exercise in for the same-pattern, same-kind exercise, in every session, with its own load step', () => {
    // seated-cable-row: horizontal pull, compound, loaded (cable), prime movers upper-back + lats —
    // exactly the barbell row's. dumbbell-bench-press: horizontal push, compound, loaded, chest —
    // the bench press's. pec-deck is an isolation horizontal push: no isolation press is in the
    // week, so it is not forced in for the compound bench.
    const r = preferExercises(
      base,
      request(['seated-cable-row', 'dumbbell-bench-press', 'pec-deck']),
      exercisesById(),
    );
    expect(ids(r.program)).toEqual([
      ['dumbbell-bench-press', 'seated-cable-row', 'dumbbell-lateral-raise'],
      ['barbell-back-squat', 'romanian-deadlift'],
      ['dumbbell-bench-press', 'seated-cable-row', 'dumbbell-lateral-raise'],
    ]);
    const upper = r.program.weeks[0]!.sessions[0]!.exercises;
    // Cable: +2.5 kg; upper-body dumbbells: +1 kg. Sets (reps, effort, rest) unchanged.
    expect(upper[1]!.progression).toEqual({ scheme: 'double', reps: { min: 6, max: 10 }, stepKg: 2.5 });
    expect(upper[0]!.progression).toEqual({ scheme: 'double', reps: { min: 6, max: 10 }, stepKg: 1 });
    expect(upper[0]!.sets).toEqual(base.weeks[0]!.sessions[0]!.exercises[0]!.sets);
    expect(r.changes).toHaveLength(2);
    expect(r.changes[0]).toContain('barbell-bent-over-row → seated-cable-row');
  });

  it('does not swap an exercise whose sets are loaded in kg (worked out from its own training max)', () => {
    const p = program([ex('barbell-bench-press', { type: 'kg', value: 80 })], [ex('barbell-back-squat')]);
    const r = preferExercises(p, request(['dumbbell-bench-press']), exercisesById());
    expect(r.changes).toEqual([]);
    expect(r.program).toBe(p);
  });

  it('never brings in an exercise the request rules out (injury contraindication, exclusion) or one loaded otherwise', () => {
    // smith-machine-squat is contraindicated for the knee (catalogue); push-up is bodyweight (unloaded) while
    // the bench press is loaded: a different dose, so not like for like.
    const knee = preferExercises(
      base,
      request(['smith-machine-squat'], { injuries: ['knee'] }),
      exercisesById(),
    );
    expect(knee.changes).toEqual([]);
    const excluded = preferExercises(
      base,
      request(['seated-cable-row'], { excludedExerciseIds: ['seated-cable-row'] }),
      exercisesById(),
    );
    expect(excluded.changes).toEqual([]);
    const unloaded = preferExercises(base, request(['push-up']), exercisesById());
    expect(unloaded.changes).toEqual([]);
  });

  it('does not bring two stances of one lift into a session, counting exercises it swapped in', () => {
    // Front and box squat are stances of the barbell squat (core LIFT_FAMILIES); leg press
    // (quads + glutes) and hack squat (quads) are squat-pattern, compound, machine-loaded. The
    // front squat replaces the leg press (two shared prime movers); the box squat would then
    // replace the hack squat in the same session, next to the front squat: refused.
    const p = program([ex('barbell-bench-press')], [ex('leg-press'), ex('hack-squat')]);
    const r = preferExercises(p, request(['barbell-front-squat', 'barbell-box-squat']), exercisesById());
    expect(r.program.weeks[0]!.sessions[1]!.exercises.map((x) => x.exerciseId)).toEqual([
      'barbell-front-squat',
      'hack-squat',
    ]);
    expect(r.changes).toHaveLength(1);
  });

  it('adds a preferred exercise no exercise of the week can stand in for, dosed as the rule programme would, where its kind of session has room', () => {
    // No calf work in the week, so nothing to swap: the calf raise joins the one session whose
    // kind trains calves (Lower A; upper days do not: core SESSION_REGIONS), after its compounds,
    // with 3 sets (2 lifts × 3 sets leave time in 60 minutes). The dose is the rule programme's
    // for an isolation exercise at the default request's general focus and intermediate level:
    // 12–15 reps, 60 s rest, the first week at the bottom of the range with 3 reps in reserve,
    // double progression in 2 kg steps (lower-body dumbbell work): planner `_prescription.ts`,
    // `_progression.ts`.
    const r = preferExercises(base, request(['dumbbell-calf-raise']), exercisesById());
    expect(ids(r.program)).toEqual([
      ['barbell-bench-press', 'barbell-bent-over-row', 'dumbbell-lateral-raise'],
      ['barbell-back-squat', 'romanian-deadlift', 'dumbbell-calf-raise'],
      ['barbell-bench-press', 'barbell-bent-over-row', 'dumbbell-lateral-raise'],
    ]);
    const added = r.program.weeks[0]!.sessions[1]!.exercises[2]!;
    expect(added.sets).toEqual(
      Array.from({ length: 3 }, () => ({ reps: 12, load: { type: 'rir', value: 3 }, restSeconds: 60 })),
    );
    expect(added.progression).toEqual({ scheme: 'double', reps: { min: 12, max: 15 }, stepKg: 2 });
    expect(r.changes).toEqual([
      "dumbbell-calf-raise added to Lower A, 3 sets (preferred exercise, none of the week's could stand in)",
    ]);
  });

  it('adds nothing where a session already trains the pattern or is full', () => {
    // A lateral raise held (isometric) cannot stand in for the dumbbell lateral raise (a hold is
    // another dose) and every upper day already has a shoulder isolation: not added beside it.
    const hold = preferExercises(base, request(['isometric-wall-lateral-raise']), exercisesById());
    expect(hold.changes).toEqual([]);
    expect(hold.program).toBe(base);
    // A lower day of 8 exercises (core MAX_EXERCISES_PER_SESSION) takes no ninth.
    const full = program(
      [ex('barbell-bench-press')],
      [
        ex('barbell-back-squat'),
        ex('romanian-deadlift'),
        ex('leg-press'),
        ex('walking-lunge'),
        ex('leg-extension'),
        ex('lying-leg-curl'),
        ex('hip-thrust'),
        ex('hanging-knee-raise'),
      ],
    );
    const r = preferExercises(full, request(['dumbbell-calf-raise']), exercisesById());
    expect(r.changes).toEqual([]);
  });

  it('keeps an exercise already in the programme and leaves a programme without preferences alone', () => {
    const r = preferExercises(base, request(['barbell-back-squat']), exercisesById());
    expect(r.changes).toEqual([]);
    const none = preferExercises(base, request([]), exercisesById());
    expect(none.program).toBe(base);
  });
});
