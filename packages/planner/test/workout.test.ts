import {
  type EquipmentT,
  type NexFitraError,
  type PlanRequestT,
  WEEKLY_SET_RANGES,
  WorkoutProgram,
  type WorkoutProgramT,
  weeklySetsPerMuscle,
} from '@nexfitra/core';
import { EXERCISES, getExercise } from '@nexfitra/core/exercises';
import { describe, expect, it } from 'vitest';
import { BEGINNER_KNEE_REQUEST } from '../../core/test/fixtures/requests';
import { programWorkout } from '../src/workout/programWorkout';

/**
 * The hand-checked case: a 3-day beginner with only dumbbells, a bench and bodyweight,
 * and a knee injury. Expected values come from the rules written out in the comments (split
 * rule, day formula ⌊i·7/n⌋, core's deload rule) and from the catalogue entries themselves,
 * never from a stored run of the planner. The request is BEGINNER_KNEE_REQUEST (34-year-old
 * woman, 68.5 kg, 165 cm, light activity, losing 0.5 %bw/week; 7 days, seed 42).
 */
const beginner: PlanRequestT = BEGINNER_KNEE_REQUEST;

const withPrefs = (
  p: Partial<PlanRequestT['preferences']>,
  extra: Partial<PlanRequestT> = {},
): PlanRequestT => ({
  ...beginner,
  ...extra,
  preferences: { ...beginner.preferences, ...p },
});

const exerciseIds = (program: WorkoutProgramT, week = 0) =>
  program.weeks[week]!.sessions.flatMap((s) => s.exercises.map((e) => e.exerciseId));

/** Weekly fractional sets counted by core's own counter (independent of the planner's tally). */
function weeklySets(program: WorkoutProgramT, week = 0) {
  return weeklySetsPerMuscle(
    program.weeks[week]!.sessions.map((s) => ({
      exercises: s.exercises.map((e) => {
        const x = getExercise(e.exerciseId);
        return { sets: e.sets.length, primary: x.primaryMuscles, secondary: x.secondaryMuscles };
      }),
    })),
  );
}

describe('programWorkout — 3-day beginner, dumbbells + bench, knee injury', () => {
  const { program, report } = programWorkout(beginner);

  it('parses with the core WorkoutProgram schema', () => {
    expect(WorkoutProgram.safeParse(program).success).toBe(true);
  });

  it('is full body on three spread days', () => {
    // Rule: 1–3 days → full body. Days ⌊0·7/3⌋ = 0, ⌊7/3⌋ = 2, ⌊14/3⌋ = 4 (Mon, Wed, Fri).
    expect(program.split).toBe('full-body');
    expect(program.weeks[0]!.sessions.map((s) => s.day)).toEqual([0, 2, 4]);
    expect(program.weeks[0]!.sessions.map((s) => s.name)).toEqual([
      'Full body A',
      'Full body B',
      'Full body C',
    ]);
  });

  it('uses only the equipment at hand and nothing contraindicated for the knee', () => {
    const have = new Set<EquipmentT>(['dumbbells', 'bench', 'bodyweight']);
    for (const week of program.weeks) {
      for (const s of week.sessions) {
        for (const e of s.exercises) {
          const x = getExercise(e.exerciseId);
          expect(
            x.equipment.every((q) => have.has(q)),
            e.exerciseId,
          ).toBe(true);
          expect(x.contraindications, e.exerciseId).not.toContain('knee');
          expect(x.level, e.exerciseId).toBe('beginner');
        }
      }
    }
    // Catalogue entries tagged "knee" that would otherwise fit (read from catalogue.ts by hand).
    for (const banned of [
      'goblet-squat',
      'bodyweight-squat',
      'dumbbell-reverse-lunge',
      'dumbbell-split-squat',
    ]) {
      expect(exerciseIds(program)).not.toContain(banned);
    }
  });

  it('reaches 8–12 weekly sets for the large muscles, reports the rest, none above 12 but the glutes', () => {
    // Beginner range 8–12 hard sets/week (core WEEKLY_SET_RANGES), secondary sets count 0.5,
    // counted here by core's own counter. The glutes may pass the top by 4 (every squat, lunge
    // and hinge lists them as a prime mover; see GLUTE_SLACK).
    expect(WEEKLY_SET_RANGES.beginner).toEqual({ min: 8, max: 12 });
    const sets = weeklySets(program);
    for (const m of [
      'chest',
      'lats',
      'upper-back',
      'side-delts',
      'biceps',
      'triceps',
      'quads',
      'hamstrings',
    ] as const) {
      expect(sets[m], m).toBeGreaterThanOrEqual(8);
      expect(sets[m], m).toBeLessThanOrEqual(12);
    }
    for (const [m, n] of Object.entries(sets)) expect(n, m).toBeLessThanOrEqual(m === 'glutes' ? 16 : 12);
    // What stays under 8 (small muscles in 3 × 60 min) is reported with its reason, none silently.
    for (const m of report.targetMuscles) {
      if (sets[m] < 8)
        expect(
          report.shortfalls.map((x) => x.muscle),
          m,
        ).toContain(m);
    }
    expect(report.weeklySets).toEqual(sets);
  });

  it('orders multiple-joint before single-joint exercises in every session', () => {
    for (const s of program.weeks[0]!.sessions) {
      const mech = s.exercises.map((e) => getExercise(e.exerciseId).mechanics);
      const firstIso = mech.indexOf('isolation');
      if (firstIso >= 0) expect(mech.slice(firstIso)).not.toContain('compound');
      expect(mech[0]).toBe('compound');
    }
  });

  it('prescribes the general-focus doses of a "lose" goal and fits 60 minutes', () => {
    // Goal "lose" → general focus (issue 8: 6–12 reps compound, 10–20 isolation). Beginner,
    // loaded: the main lift 8–12 reps with 120 s rest (2–3 min for heavy compounds, ACSM 2009),
    // other compounds 8–12 / 90 s, isolation 12–15 / 60 s; unloaded (bodyweight, bands)
    // compounds 8–15 / 90 s, isolation 12–20 / 60 s. Week 1 starts at the bottom of each range.
    const loaded = (id: string) =>
      getExercise(id).equipment.some((q) =>
        ['barbell', 'dumbbells', 'kettlebell', 'cable', 'machine'].includes(q),
      );
    for (const s of program.weeks[0]!.sessions) {
      s.exercises.forEach((e, i) => {
        const x = getExercise(e.exerciseId);
        const compound = x.mechanics === 'compound';
        const range = !loaded(e.exerciseId)
          ? compound
            ? { min: 8, max: 15 }
            : { min: 12, max: 20 }
          : compound
            ? { min: 8, max: 12 }
            : { min: 12, max: 15 };
        const rest = i === 0 ? 120 : compound ? 90 : 60;
        for (const set of e.sets) {
          if (set.reps === undefined) continue; // holds are timed
          expect(set.reps, e.exerciseId).toBe(range.min);
          expect(set.restSeconds, e.exerciseId).toBe(rest);
        }
        if (e.sets[0]!.reps !== undefined) expect(e.progression?.reps, e.exerciseId).toEqual(range);
      });
    }
    for (const minutes of report.sessionMinutes) expect(minutes).toBeLessThanOrEqual(60);
  });

  it('lowers RIR across the loading weeks and deloads in week 4 with core’s rule', () => {
    // Beginner RIR 3 → 2 over three loading weeks: 3, 2.5, 2; the deload week at 3 + 1 = 4.
    expect(report.rirByWeek).toEqual([3, 2.5, 2, 4]);
    expect(program.weeks.map((w) => w.deload)).toEqual([false, false, false, true]);
    const firstRir = (w: number) => {
      const set = program.weeks[w]!.sessions[0]!.exercises[0]!.sets[0]!;
      return set.load?.type === 'rir' ? set.load.value : undefined;
    };
    expect([0, 1, 2, 3].map(firstRir)).toEqual([3, 2.5, 2, 4]);
    // Deload: sets = max(1, round(sets · 0.6)) (Bell et al. 2023 via core deloadWeek), e.g. 3 → 2, 2 → 1.
    program.weeks[0]!.sessions.forEach((s, i) => {
      s.exercises.forEach((e, k) => {
        const deload = program.weeks[3]!.sessions[i]!.exercises[k]!;
        expect(deload.exerciseId).toBe(e.exerciseId);
        expect(deload.sets.length).toBe(Math.max(1, Math.round(e.sets.length * 0.6)));
      });
    });
  });

  it('balances push and pull sets within 2:3 either way', () => {
    const { pushSets, pullSets } = report.balance;
    expect(pushSets / pullSets).toBeGreaterThanOrEqual(2 / 3);
    expect(pushSets / pullSets).toBeLessThanOrEqual(1.5);
  });
});

describe('programWorkout — split rules', () => {
  // Hand table of the rules in _split.ts.
  const table: [number, PlanRequestT['preferences']['experience'], string, number][] = [
    [1, 'beginner', 'full-body', 1],
    [2, 'intermediate', 'full-body', 2],
    [3, 'advanced', 'full-body', 3],
    [4, 'beginner', 'upper-lower', 4],
    [4, 'advanced', 'upper-lower', 4],
    [5, 'beginner', 'upper-lower', 4], // capped at 4 sessions
    [7, 'beginner', 'upper-lower', 4],
    [5, 'intermediate', 'upper-lower-full', 5],
    [5, 'advanced', 'push-pull-legs-upper-lower', 5],
    [6, 'intermediate', 'push-pull-legs', 6],
    [7, 'advanced', 'push-pull-legs', 6], // one rest day kept
  ];
  it.each(table)('%i days, %s → %s with %i sessions', (days, experience, split, sessions) => {
    const r = programWorkout(
      withPrefs({
        trainingDaysPerWeek: days,
        experience,
        equipment: ['dumbbells', 'bench', 'barbell', 'cable'],
      }),
    );
    // Every asked day carries a session; those above the cap are light conditioning (cardio).
    const week = r.program.weeks[0]!.sessions;
    expect(r.program.split).toBe(split);
    expect(week).toHaveLength(days);
    expect(week.filter((s) => s.name !== 'Light conditioning')).toHaveLength(sessions);
    for (const s of week.filter((x) => x.name === 'Light conditioning')) {
      expect(getExercise(s.exercises[0]!.exerciseId).pattern).toBe('cardio');
    }
    expect(r.report.capped !== undefined).toBe(sessions < days);
  });

  it('spreads a 6-day beginner week: 4 resistance days, 2 light days', () => {
    // Asked days ⌊i·7/6⌋ = 0, 1, 2, 3, 4, 5; resistance on positions ⌊k·6/4⌋ = 0, 1, 3, 4 → days
    // 0, 1, 3, 4; light conditioning on days 2 and 5.
    const r = programWorkout(withPrefs({ trainingDaysPerWeek: 6 }));
    expect(r.report.trainingDays).toEqual([0, 1, 3, 4]);
    expect(r.report.lightDays).toEqual([2, 5]);
  });
});

describe('programWorkout — seeds, preferences, mesocycle', () => {
  it('gives a deep-equal program for the same seed', () => {
    expect(programWorkout(beginner)).toEqual(programWorkout(beginner));
  });

  it('uses a preferred exercise that fits and reports one the knee rules out', () => {
    const r = programWorkout(withPrefs({ preferredExerciseIds: ['dumbbell-hip-thrust', 'goblet-squat'] }));
    expect(exerciseIds(r.program)).toContain('dumbbell-hip-thrust');
    expect(exerciseIds(r.program)).not.toContain('goblet-squat');
    expect(r.report.preferred.used).toEqual(['dumbbell-hip-thrust']);
    expect(r.report.preferred.unused[0]?.id).toBe('goblet-squat');
    expect(r.report.preferred.unused[0]?.reason).toMatch(/knee/);
  });

  it('never plans an excluded exercise', () => {
    const first = exerciseIds(programWorkout(beginner).program);
    const excluded = first.slice(0, 3);
    const again = exerciseIds(programWorkout(withPrefs({ excludedExerciseIds: excluded })).program);
    for (const id of excluded) expect(again).not.toContain(id);
  });

  it('places deloads by core deloadWeeks', () => {
    const deloads = (weeks: number, deloadEvery?: number) =>
      programWorkout(
        beginner,
        deloadEvery === undefined ? { weeks } : { weeks, deloadEvery },
      ).program.weeks.flatMap((w, i) => (w.deload ? [i + 1] : []));
    expect(deloads(2)).toEqual([]); // shorter than a block: no deload
    expect(deloads(6)).toEqual([6]); // one deload at the end for 4–6 weeks (Bell et al. 2023: every 4–6)
    expect(deloads(8)).toEqual([4, 8]); // every 4 weeks when longer
    expect(deloads(12)).toEqual([4, 8, 12]); // every 4 weeks when longer
    expect(deloads(10, 5)).toEqual([5, 10]);
  });
});

describe('programWorkout — typed errors', () => {
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as NexFitraError;
    }
    throw new Error('did not throw');
  };

  it('names the schema field of an invalid request', () => {
    const e = thrown(() => programWorkout(withPrefs({ trainingDaysPerWeek: 0 })));
    expect(e.code).toBe('SCHEMA');
    expect(e.path).toEqual(['preferences', 'trainingDaysPerWeek']);
  });

  it('names an unknown exercise id and a bad option', () => {
    const e = thrown(() => programWorkout(withPrefs({ preferredExerciseIds: ['moon-squat'] })));
    expect([e.code, e.path]).toEqual(['INVALID_ENUM', ['preferences', 'preferredExerciseIds', 0]]);
    const o = thrown(() => programWorkout(beginner, { weeks: 0 }));
    expect([o.code, o.path]).toEqual(['OUT_OF_RANGE', ['options', 'weeks']]);
    const d = thrown(() => programWorkout(beginner, { deloadEvery: 3 }));
    expect([d.code, d.path]).toEqual(['OUT_OF_RANGE', ['options', 'deloadEvery']]);
  });

  it('names the constraint that left no upper-body pull exercise', () => {
    // Bodyweight only, beginner: exclude every pull-type exercise such a person could do.
    const pulls = ['horizontal-pull', 'vertical-pull', 'shoulder-isolation', 'elbow-flexion'];
    const excluded = EXERCISES.filter(
      (x) => x.equipment.includes('bodyweight') && x.level === 'beginner' && pulls.includes(x.pattern),
    ).map((x) => x.id);
    const e = thrown(() =>
      programWorkout(withPrefs({ equipment: ['bodyweight'], injuries: [], excludedExerciseIds: excluded })),
    );
    expect(e.code).toBe('INCONSISTENT');
    expect(e.path).toEqual(['preferences', 'excludedExerciseIds']);
    expect(e.message).toMatch(/upper-body pull/);
  });
});
