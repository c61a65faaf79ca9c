/**
 * The workout repair merges an exercise a model listed twice in one session (the trained default
 * model wrote "overhead press 2 × 8 … overhead press 2 × 8" in one session), balances weekly
 * volume within the time asked, and leaves no single sets where the time allows otherwise (the
 * default model wrote a "Lower A" of four lifts at 1 × 8). Expected values are counted by hand
 * from the hand-edited programme and core's session clock.
 */
import { WorkoutProgram } from '@nexfitra/core';
import { programWorkout } from '@nexfitra/planner';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { exercisesById } from '../src/plan/_catalogues';
import { orderLifts, repairWorkout } from '../src/plan/repairWorkout';
import { entry, oneWeek } from './_sessions';

describe('repairWorkout', () => {
  const request = makeRequest({ seed: 7 });
  const reference = programWorkout(request, { seed: 7, weeks: 1 }).program;

  it('merges a repeated exercise into its first listing, sets added up to the level cap (4 for a beginner, 5 otherwise)', () => {
    const session = reference.weeks[0]!.sessions[0]!;
    const [a, b] = session.exercises;
    expect(a && b).toBeTruthy();
    // Proposal: a (its sets), b, then a again with 2 more sets, in one session.
    const repeat = { ...a!, sets: a!.sets.slice(0, 2) };
    const proposed = {
      ...reference,
      weeks: [
        {
          ...reference.weeks[0]!,
          sessions: [
            { ...session, exercises: [a!, b!, repeat, ...session.exercises.slice(2)] },
            ...reference.weeks[0]!.sessions.slice(1),
          ],
        },
      ],
    };
    const { program, changes } = repairWorkout(proposed, request, reference, exercisesById());
    const merged = program.weeks[0]!.sessions[0]!.exercises;
    // Listed once, in its first place; sets = min(cap, a's + 2) before any volume balancing of a's
    // muscles, which only moves sets one at a time within [1, cap]. The cap is the rule planner's
    // (programWorkout: maxSetsPerExercise 4 for a beginner, 5 otherwise).
    const cap = request.preferences.experience === 'beginner' ? 4 : 5;
    expect(merged.filter((x) => x.exerciseId === a!.exerciseId)).toHaveLength(1);
    expect(merged[0]!.exerciseId).toBe(a!.exerciseId);
    expect(merged).toHaveLength(session.exercises.length);
    expect(changes).toContainEqual(
      expect.stringMatching(new RegExp(`${a!.exerciseId} listed twice, merged into \\d+ sets`)),
    );
    const mergedSets = Number(
      /merged into (\d+) sets/.exec(changes.find((c) => c.includes('listed twice'))!)![1],
    );
    expect(mergedSets).toBe(Math.min(cap, a!.sets.length + 2));
    for (const w of program.weeks) {
      for (const ses of w.sessions)
        for (const x of ses.exercises) expect(x.sets.length).toBeLessThanOrEqual(cap);
    }
  });

  it('leaves a programme without repeats as it was', () => {
    const { program, changes } = repairWorkout(reference, request, reference, exercisesById());
    expect(changes.filter((c) => c.includes('listed twice'))).toEqual([]);
    expect(program.weeks[0]!.sessions.map((s) => s.exercises.map((x) => x.exerciseId))).toEqual(
      reference.weeks[0]!.sessions.map((s) => s.exercises.map((x) => x.exerciseId)),
    );
  });

  it('adds sets for volume only where the session keeps to the time asked', () => {
    // Minutes by hand with core's session clock (5 min warm-up + reps × 3 s + rest a set):
    // A = bench 3 × (24 + 90) + squat 5 × (18 + 120) + row 5 × (24 + 90) = 1,602 s = 31.7 min,
    // one more bench set 33.6 min, over the 30 min + 10 % = 33 asked; B = dumbbell bench
    // 2 × 114 s = 8.8 min. Chest is at 5 sets of the intermediate 10–20, squat and row at the cap
    // of 5, so only the dumbbell bench can take sets: to the cap, 5, in B (8 chest sets in all).
    const req = makeRequest({
      preferences: { experience: 'intermediate', sessionMinutes: 30, trainingDaysPerWeek: 2 },
    });
    const proposed = oneWeek('full-body', [
      {
        day: 0,
        name: 'Full body A',
        exercises: [
          entry('barbell-bench-press', 3, 8, 90),
          entry('barbell-back-squat', 5, 6, 120),
          entry('barbell-bent-over-row', 5, 8, 90),
        ],
      },
      { day: 3, name: 'Full body B', exercises: [entry('dumbbell-bench-press', 2, 8, 90)] },
    ]);
    const { program } = repairWorkout(proposed, req, reference, exercisesById());
    const [a, b] = program.weeks[0]!.sessions;
    expect(a!.exercises.map((x) => x.sets.length)).toEqual([3, 5, 5]);
    expect(b!.exercises.map((x) => x.sets.length)).toEqual([5]);
  });

  it("moves sets from push to pull work until the push share is inside core's bound (0.6), never taking a muscle out of its range or a session past its time", () => {
    // By hand, with core's session clock (5 min warm-up, a set = reps × 3 s + rest) and the
    // catalogue's muscles. Intermediate: 10–20 weekly sets, at most 5 an exercise; 30 min asked,
    // 33 with the validators' 10 %.
    // A = 300 + squat 3 × 138 + bench 5 × 114 + overhead press 4 × 114 + row 2 × 114 = 1,968 s =
    // 32.8 min: no set can be added to A (one more is 34.7), a set moved between two 114 s
    // exercises keeps it at 32.8. B = 300 + deadlift 3 × 138 + dumbbell bench 4 × 114 +
    // pulldown 2 × 120 = 1,410 s.
    // Volume first: chest 5 + 4 = 9 → the dumbbell bench takes a tenth (B has the time); lats
    // (row 2, pulldown 2) → the pulldown to its cap of 5. Then push 5 + 4 + 5 = 14 against pull
    // 2 + 5 = 7: a push share of 0.667, over 0.6. A bench set to the row would take chest under
    // 10, the dumbbell bench's would need time A does not have: the overhead press (front delts,
    // not a volume muscle) gives the row a set twice, keeping 2: 13/8 = 0.619, then 12/9 = 0.571.
    const req = makeRequest({
      preferences: { experience: 'intermediate', sessionMinutes: 30, trainingDaysPerWeek: 2 },
    });
    const proposed = oneWeek('full-body', [
      {
        day: 0,
        name: 'Full body A',
        exercises: [
          entry('barbell-back-squat', 3, 6, 120),
          entry('barbell-bench-press', 5, 8, 90),
          entry('barbell-overhead-press', 4, 8, 90),
          entry('barbell-bent-over-row', 2, 8, 90),
        ],
      },
      {
        day: 3,
        name: 'Full body B',
        exercises: [
          entry('barbell-deadlift', 3, 6, 120),
          entry('dumbbell-bench-press', 4, 8, 90),
          entry('lat-pulldown', 2, 10, 90),
        ],
      },
    ]);
    const { program, changes } = repairWorkout(proposed, req, reference, exercisesById());
    const [a, b] = program.weeks[0]!.sessions;
    expect(a!.exercises.map((x) => x.sets.length)).toEqual([3, 5, 2, 4]);
    expect(b!.exercises.map((x) => x.sets.length)).toEqual([3, 5, 5]);
    expect(changes).toContain('week 1: push/pull sets 14/7 → 12/9 (push 33–60 % of push + pull sets)');
    expect(WorkoutProgram.safeParse(program).success).toBe(true);
  });

  describe('no single sets', () => {
    // Core's session clock by hand: 5 min warm-up, then a set = reps × 3 s (× 2 unilateral) + rest.
    // Lower A: squat, deadlift, RDL 1 × 8 with 120 s rest = 144 s each, reverse lunge
    // (unilateral) 1 × 8 = 48 + 120 = 168 s: 600 s, 15.0 min. 15 min asked + 10 % = 16.5: no set
    // of 144 s (2.4 min) can be added to A. Lower B: split squat (a lunge, unilateral) 2 × 8 at
    // 120 s and a calf raise 1 × 12 at 45 s (81 s): 5 + (2 × 168 + 81) / 60 = 11.95 min; the
    // volume repair gives the split squat a third set (quads are under the beginner's 8 a week
    // and only B has time): 14.75 min, a fourth would be 17.55.
    const lowerA = () => ({
      day: 0,
      name: 'Lower A',
      exercises: [
        entry('barbell-back-squat', 1, 8, 120),
        entry('barbell-deadlift', 1, 8, 120),
        entry('dumbbell-romanian-deadlift', 1, 8, 120),
        entry('dumbbell-reverse-lunge', 1, 8, 120),
      ],
    });
    const lowerB = () => ({
      day: 3,
      name: 'Lower B',
      exercises: [entry('dumbbell-split-squat', 2, 8, 120), entry('dumbbell-calf-raise', 1, 12, 45)],
    });
    const program = () => oneWeek('upper-lower', [lowerA(), lowerB()]);
    const sets = (s: { exercises: readonly { exerciseId: string; sets: readonly unknown[] }[] }) =>
      s.exercises.map((x) => [x.exerciseId, x.sets.length]);
    const req = (preferredExerciseIds: string[] = []) =>
      makeRequest({
        preferences: {
          experience: 'beginner',
          sessionMinutes: 15,
          trainingDaysPerWeek: 2,
          equipment: ['barbell', 'dumbbells', 'bench', 'bodyweight'],
          preferredExerciseIds,
        },
      });

    it('a session of one-set lifts with no time to spare keeps two of them at 2 × 8', () => {
      // From the end of A: the lunge's set goes to another single lift for the same prime mover
      // (squat: quads, glutes) and the lunge leaves (−168 + 144 s: A 14.6 min); the RDL's to the
      // deadlift (hamstrings, glutes; −144 + 144 s). A coach's "squat 2 × 8, deadlift 2 × 8",
      // not "squat 4 × 8" nor four lifts at 1 × 8.
      const { program: out, changes } = repairWorkout(program(), req(), reference, exercisesById());
      const [a] = out.weeks[0]!.sessions;
      expect(sets(a!)).toEqual([
        ['barbell-back-squat', 2],
        ['barbell-deadlift', 2],
      ]);
      expect(changes).toContain(
        "week 1, Lower A: dumbbell-reverse-lunge's single set moved to barbell-back-squat",
      );
      expect(changes).toContain(
        "week 1, Lower A: dumbbell-romanian-deadlift's single set moved to barbell-deadlift",
      );
    });

    it('a one-set exercise in a session with time gets its second set', () => {
      // Calves are not among the weekly volume muscles, so only the no-single-sets rule touches
      // the calf raise: B has the time (14.75 + 81 s = 16.1 min of 16.5), so 2 × 12.
      const { program: out, changes } = repairWorkout(program(), req(), reference, exercisesById());
      const b = out.weeks[0]!.sessions[1]!;
      expect(b.exercises.find((x) => x.exerciseId === 'dumbbell-calf-raise')!.sets).toHaveLength(2);
      expect(changes).toContain('week 1, Lower B: dumbbell-calf-raise 1 → 2 sets (no single sets)');
    });

    it('never empties a session: the last single lift of a day stays, at 2 sets', () => {
      // plan-default (retrained 30 Nov) on standard-100's minimal-equipment-001: a bands-only
      // beginner, 6 days of 90 min, whose week has three lower days. The weekly range (8–12)
      // trims quads by 11 sets, cutting Lower A to three lifts at 1 × 8; each of them then gave
      // its set away to the same lift on another day and Lower A was left with no exercise (the
      // plan schema refused it: `generatePlan` threw). Week 1 as the model wrote it:
      const hold = (exerciseId: string, n: number, seconds: number, restSeconds: number) => ({
        exerciseId,
        sets: Array.from({ length: n }, () => ({
          seconds,
          load: { type: 'rpe' as const, value: 7 },
          restSeconds,
        })),
      });
      const week = [
        {
          day: 0,
          name: 'Upper A',
          exercises: [
            entry('band-chest-press', 4, 8, 90),
            entry('band-seated-row', 2, 8, 90),
            entry('band-overhead-press', 2, 8, 90),
            entry('negative-pull-up', 2, 8, 90),
            entry('band-lateral-raise', 3, 12, 60),
            entry('band-overhead-extension', 4, 12, 60),
            entry('band-curl', 3, 12, 60),
            entry('hanging-knee-raise', 3, 12, 60),
          ],
        },
        {
          day: 1,
          name: 'Lower A',
          exercises: [
            entry('band-squat', 3, 8, 90),
            entry('band-romanian-deadlift', 4, 8, 90),
            entry('straight-leg-raise', 3, 12, 60),
          ],
        },
        {
          day: 2,
          name: 'Lower B',
          exercises: [
            entry('band-squat', 3, 8, 90),
            entry('band-romanian-deadlift', 4, 8, 90),
            entry('straight-leg-raise', 3, 12, 60),
            entry('split-squat', 2, 8, 90),
            entry('hanging-knee-raise', 2, 8, 90),
            entry('band-pull-through', 2, 8, 90),
            entry('standing-calf-raise', 4, 12, 60),
            entry('sit-up', 4, 12, 60),
          ],
        },
        {
          day: 3,
          name: 'Upper B',
          exercises: [
            entry('band-chest-press', 4, 8, 90),
            entry('band-seated-row', 2, 8, 90),
            entry('band-overhead-press', 2, 8, 90),
            entry('negative-pull-up', 2, 8, 90),
            entry('band-cross-body-lateral-raise', 4, 8, 90),
            entry('band-overhead-extension', 4, 12, 60),
            entry('band-curl', 4, 12, 60),
            entry('hanging-knee-raise', 3, 12, 60),
          ],
        },
        {
          day: 4,
          name: 'Light conditioning',
          exercises: [
            entry('bodyweight-circuit-moderate', 4, 8, 90),
            entry('band-seated-row', 2, 8, 90),
            entry('band-overhead-press', 2, 8, 90),
            entry('negative-pull-up', 2, 8, 90),
            entry('band-cross-body-lateral-raise', 4, 12, 60),
            entry('band-overhead-extension', 4, 12, 60),
            entry('band-pull-apart', 3, 12, 60),
            entry('hanging-knee-raise', 3, 12, 60),
          ],
        },
        {
          day: 5,
          name: 'Lower',
          exercises: [
            entry('band-squat', 3, 8, 90),
            entry('band-romanian-deadlift', 4, 8, 90),
            entry('straight-leg-raise', 2, 12, 60),
            hold('plank', 3, 30, 60),
            entry('band-terminal-knee-extension', 2, 12, 60),
            entry('standing-calf-raise', 4, 12, 60),
            entry('hanging-knee-raise', 4, 12, 60),
            entry('band-calf-raise', 4, 12, 60),
          ],
        },
      ];
      const request = makeRequest({
        preferences: {
          experience: 'beginner',
          sessionMinutes: 90,
          trainingDaysPerWeek: 6,
          equipment: ['bodyweight', 'bands', 'pull-up-bar'],
        },
      });
      const ref = programWorkout(request, { seed: 0, weeks: 1 }).program;
      const { program: out, changes } = repairWorkout(
        oneWeek('upper-lower', week),
        request,
        ref,
        exercisesById(),
      );
      // What the plan schema asks (core WorkoutProgram: every session at least one exercise) ...
      expect(WorkoutProgram.safeParse(out).success).toBe(true);
      // ... and a coach: no day of one lift at one set.
      for (const s of out.weeks[0]!.sessions) {
        expect(s.exercises.length).toBeGreaterThan(0);
        if (s.exercises.length === 1) expect(s.exercises[0]!.sets.length).toBeGreaterThanOrEqual(2);
      }
      // The weekly range cuts quads (a set for a prime mover, half for a secondary one, cardio
      // none) but no session's opener under 3 sets (core MIN_OPENER_SETS), as the rule planner
      // keeps its main lift's: three lower days opening with band squats keep 3 × 8 each (before,
      // the cuts took the squats, the most sets, first, to 2 × 8: ONE_SET_OPENER) and the quads
      // stay over the beginner's 12 rather than the lifts losing their third set.
      const quadSets = (
        sessions: readonly { exercises: readonly { exerciseId: string; sets: readonly unknown[] }[] }[],
      ) =>
        sessions
          .flatMap((s) => s.exercises)
          .reduce((n, x) => {
            const e = exercisesById().get(x.exerciseId)!;
            if (e.pattern === 'cardio') return n;
            const w = e.primaryMuscles.includes('quads') ? 1 : e.secondaryMuscles.includes('quads') ? 0.5 : 0;
            return n + w * x.sets.length;
          }, 0);
      expect(quadSets(out.weeks[0]!.sessions)).toBeLessThan(quadSets(week));
      expect(changes.some((c) => /^week 1: quads -\d+ sets/.test(c))).toBe(true);
      // Openers the model wrote with 3 sets or more keep 3 (the light day's row, written at 2, is not raised).
      out.weeks[0]!.sessions.forEach((s, k) => {
        const first = (xs: readonly { exerciseId: string; sets: readonly unknown[] }[]) =>
          xs.find((x) => exercisesById().get(x.exerciseId)!.pattern !== 'cardio')!;
        if (first(week[k]!.exercises).sets.length >= 3)
          expect(first(s.exercises).sets.length).toBeGreaterThanOrEqual(3);
      });
    });

    it('a preferred exercise is never the one that leaves', () => {
      // The RDL asked for: it keeps its place and takes the deadlift's set (the single lift for the
      // same prime movers), the deadlift leaves instead.
      const { program: out } = repairWorkout(
        program(),
        req(['dumbbell-romanian-deadlift']),
        reference,
        exercisesById(),
      );
      expect(sets(out.weeks[0]!.sessions[0]!)).toEqual([
        ['barbell-back-squat', 2],
        ['dumbbell-romanian-deadlift', 2],
      ]);
    });
  });

  it('orderLifts: the squat the default model wrote after the curls goes before the single-joint work; core and cardio last', () => {
    // Full body B of `npm run plan` (plan-default 0.3.0, omnivore-cutting): deadlift, overhead
    // press, pull-up, Bulgarian split squat, triceps pushdown, curl, back squat. By hand: the
    // back squat (multiple-joint, rank 0) goes after the split squat, before the pushdown and the
    // curl (single-joint, rank 1); the rest keep their order. A second session with a hanging
    // knee raise (core) before a lateral raise and a farmer carry (accessory) before a row: the
    // row first, then the raise and the carry as written, the knee raise last.
    const b = [
      'barbell-deadlift',
      'barbell-overhead-press',
      'pull-up',
      'dumbbell-bulgarian-split-squat',
      'cable-pushdown',
      'dumbbell-curl',
      'barbell-back-squat',
    ];
    const c = [
      'hanging-knee-raise',
      'dumbbell-lateral-raise',
      'dumbbell-farmer-carry',
      'barbell-bent-over-row',
    ];
    for (const id of [...b, ...c]) expect(exercisesById().get(id)).toBeDefined();
    const proposed = oneWeek('full-body', [
      { day: 2, name: 'Full body B', exercises: b.map((id) => entry(id, 3, 8, 90)) },
      { day: 4, name: 'Full body C', exercises: c.map((id) => entry(id, 3, 8, 90)) },
    ]);
    const { program, changes } = orderLifts(proposed, exercisesById());
    expect(program.weeks[0]!.sessions.map((s) => s.exercises.map((x) => x.exerciseId))).toEqual([
      [...b.slice(0, 4), 'barbell-back-squat', 'cable-pushdown', 'dumbbell-curl'],
      ['barbell-bent-over-row', 'dumbbell-lateral-raise', 'dumbbell-farmer-carry', 'hanging-knee-raise'],
    ]);
    expect(changes).toEqual([
      'week 1, Full body B: barbell-back-squat before the single-joint work (large-muscle lifts first)',
      'week 1, Full body C: barbell-bent-over-row before the single-joint work (large-muscle lifts first)',
    ]);
    // A session already in order is returned as it is.
    expect(orderLifts(program, exercisesById()).changes).toEqual([]);
  });
});
