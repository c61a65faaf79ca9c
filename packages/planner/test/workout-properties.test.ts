import {
  byIdLookup,
  DEFAULT_VOLUME_MUSCLES,
  EQUIPMENT,
  EXPERIENCE_LEVELS,
  INJURY_SITES,
  type PlanRequestT,
  validateWorkoutProgram,
  WEEKLY_SET_RANGES,
  WorkoutProgram,
  weeklySetsPerMuscle,
} from '@nexfitra/core';
import { EXERCISES, getExercise } from '@nexfitra/core/exercises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { programWorkout } from '../src/workout/programWorkout';

/**
 * Invariants over random valid requests: equipment subsets, injury subsets, 1–7 days, every
 * level and goal, 10–240 minute sessions, random preferred/excluded ids. Each property is
 * checked against the catalogue entries (not the planner's own bookkeeping).
 */
const ids = EXERCISES.map((e) => e.id);
const exercises = byIdLookup(EXERCISES);
const requestArb = fc
  .record({
    days: fc.integer({ min: 1, max: 7 }),
    experience: fc.constantFrom(...EXPERIENCE_LEVELS),
    goal: fc.constantFrom('lose', 'maintain', 'gain'),
    minutes: fc.integer({ min: 10, max: 240 }),
    equipment: fc.subarray([...EQUIPMENT]),
    injuries: fc.subarray([...INJURY_SITES]),
    picked: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  })
  .map(
    ({ days, experience, goal, minutes, equipment, injuries, picked, seed }): PlanRequestT =>
      makeRequest({
        profile: { age: 40 },
        goal:
          goal === 'maintain' ? { type: 'maintain' } : { type: goal, rate: { value: 0.5, unit: 'kg/week' } },
        preferences: {
          trainingDaysPerWeek: days,
          sessionMinutes: minutes,
          equipment,
          injuries,
          experience,
          preferredExerciseIds: picked.slice(0, 3),
          excludedExerciseIds: picked.slice(3),
        },
        days: 7,
        seed,
      }),
  );

describe('programWorkout — properties over random requests', () => {
  it('never breaks a hard constraint, parses, fits time and range maxima, and is deterministic', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const p = req.preferences;
        const { program, report } = programWorkout(req);
        expect(WorkoutProgram.safeParse(program).success).toBe(true);
        expect(programWorkout(req)).toEqual({ program, report });
        // Core's validator, the one "valid" used everywhere (equipment, injuries, excluded
        // exercises, training days): no hard violation.
        const checked = validateWorkoutProgram(program, req, { exercises });
        expect(checked.violations.filter((v) => v.severity === 'hard')).toEqual([]);
        expect(checked.ok).toBe(true);
        const level = EXPERIENCE_LEVELS.indexOf(p.experience);
        for (const week of program.weeks) {
          for (const s of week.sessions) {
            const mech: string[] = [];
            for (const e of s.exercises) {
              const x = getExercise(e.exerciseId);
              mech.push(x.mechanics);
              expect(x.equipment.every((q) => q === 'bodyweight' || p.equipment.includes(q))).toBe(true);
              expect(x.contraindications.some((c) => p.injuries.includes(c))).toBe(false);
              expect(EXPERIENCE_LEVELS.indexOf(x.level)).toBeLessThanOrEqual(level);
              expect(p.excludedExerciseIds).not.toContain(e.exerciseId);
            }
            const firstIso = mech.indexOf('isolation');
            if (firstIso >= 0) expect(mech.slice(firstIso)).not.toContain('compound');
          }
        }
        // Weekly sets of a loading week, counted by core, never above the level's maximum
        // (light-conditioning cardio is not resistance volume, as in the validators).
        const sets = weeklySetsPerMuscle(
          program.weeks[0]!.sessions.map((s) => ({
            exercises: s.exercises
              .filter((e) => getExercise(e.exerciseId).pattern !== 'cardio')
              .map((e) => {
                const x = getExercise(e.exerciseId);
                return { sets: e.sets.length, primary: x.primaryMuscles, secondary: x.secondaryMuscles };
              }),
          })),
        );
        // (The glutes may pass the top by GLUTE_SLACK = 4: see _week.ts.)
        for (const [m, n] of Object.entries(sets))
          expect(n).toBeLessThanOrEqual(WEEKLY_SET_RANGES[p.experience].max + (m === 'glutes' ? 4 : 0));
        for (const m of report.sessionMinutes) expect(m).toBeLessThanOrEqual(p.sessionMinutes);
        // Days: one session on each asked day; at most 3 in a row (week wraps) unless the asked
        // frequency forces more: d days leave 7 − d rest days, so some run is ≥ ⌈d / (7 − d)⌉.
        const days = program.weeks[0]!.sessions.map((s) => s.day);
        expect(new Set(days).size).toBe(days.length);
        expect(days.length).toBe(p.trainingDaysPerWeek);
        const d = p.trainingDaysPerWeek;
        const allowed = d === 7 ? 7 : Math.max(3, Math.ceil(d / (7 - d)));
        let run = 0;
        for (let t = 0; t < 14; t++) {
          run = days.includes(t % 7) ? run + 1 : 0;
          expect(run).toBeLessThanOrEqual(d === 7 ? 14 : allowed);
        }
      }),
      { numRuns: 40, seed: 20240601 },
    );
  });

  it('reaches the low end of the range for every large muscle when time and the gym allow', () => {
    // A full gym, no injuries, 90-minute hypertrophy sessions, 4+ days, beginner or intermediate:
    // every split has room for the nine muscles the validators count (core
    // DEFAULT_VOLUME_MUSCLES). Rear delts, calves and abs may stay short within the 8-exercise
    // cap of a session (issue 8: 4–8 exercises); no session passes the cap. (3 days, strength rests of 3 min or the advanced 12-set floor on a 4-day
    // split can leave a muscle short: `npm run report:programs` counts how often.)
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 7 }),
        fc.constantFrom('beginner', 'intermediate'),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (days, experience, seed) => {
          const req = fc.sample(requestArb, { numRuns: 1, seed })[0]!;
          const full: PlanRequestT = {
            ...req,
            // Strength emphasis ("maintain") rests 3 min per heavy set and may fall short.
            goal: { type: 'gain', rate: { value: 0.25, unit: 'kg/week' } },
            preferences: {
              ...req.preferences,
              trainingDaysPerWeek: days,
              experience,
              sessionMinutes: 90,
              equipment: [...EQUIPMENT],
              injuries: [],
              preferredExerciseIds: [],
              excludedExerciseIds: [],
            },
          };
          const { program, report } = programWorkout(full);
          const large = [...DEFAULT_VOLUME_MUSCLES] as string[];
          expect(report.shortfalls.filter((x) => large.includes(x.muscle))).toEqual([]);
          for (const s of program.weeks[0]!.sessions) expect(s.exercises.length).toBeLessThanOrEqual(8);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('opens every session with the same staple lifts whatever the seed (a full gym)', () => {
    // The seed only breaks ties: where a staple of widely used programmes fits (barbell squat,
    // bench press, deadlift…), every seed gets it as the main lift.
    const req = fc.sample(requestArb, { numRuns: 1, seed: 3 })[0]!;
    const base: PlanRequestT = {
      ...req,
      preferences: { ...req.preferences, equipment: [...EQUIPMENT], injuries: [], excludedExerciseIds: [] },
    };
    const openers = (seed: number) =>
      programWorkout(base, { seed })
        .program.weeks[0]!.sessions.map((s) => s.exercises[0]!.exerciseId)
        .join();
    expect(new Set([11, 12, 13, 14, 15].map(openers)).size).toBe(1);
  });
});
