import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../src/exercises/index';
import { byIdLookup } from '../src/index';
import {
  acuteChronicRatio,
  checkProgressLog,
  e1rmTrend,
  personalRecords,
  sessionLoads,
  weeklyAdherence,
  weeklyHardSets,
} from '../src/progress/index';
import { date } from './progress.fixtures';
import { plan as fixturePlan } from './schemas.fixtures';

const set = (reps: number, kg: number, rpe?: number) => ({
  reps,
  load: { value: kg, unit: 'kg' as const },
  ...(rpe ? { rpe } : {}),
});
const squat = (...sets: ReturnType<typeof set>[]) => ({ exerciseId: 'barbell-back-squat', sets });
const bench = (...sets: ReturnType<typeof set>[]) => ({ exerciseId: 'barbell-bench-press', sets });

const log = checkProgressLog([
  {
    date: date(0),
    workouts: [
      { durationMinutes: 60, sessionRpe: 7, exercises: [squat(set(5, 100), set(5, 100)), bench(set(8, 60))] },
    ],
  },
  {
    date: date(2),
    workouts: [
      {
        durationMinutes: 45,
        sessionRpe: 6,
        exercises: [squat(set(3, 110, 8), set(15, 60)), bench(set(10, 40, 4))],
      },
    ],
  },
  {
    date: date(7),
    workouts: [{ exercises: [squat(set(5, 105)), { exerciseId: 'push-up', sets: [{ reps: 20 }] }] }],
  },
]).days;

describe('e1rmTrend and personalRecords', () => {
  it('takes the best set per day, by Epley without an RPE and by the RPE chart with one', () => {
    // By hand: Epley 100·(1 + 5/30) = 116.667; day 2, 3 reps at RPE 8 = 5 reps to failure on the
    // RIR chart (3 + 2 RIR): 110·(1 + 5/30) = 128.333; day 7: 105·(1 + 5/30) = 122.5.
    const t = e1rmTrend(log, 'barbell-back-squat');
    expect(t.points.map((p) => [p.date, p.e1rmKg])).toEqual([
      [date(0), expect.closeTo(116.6667, 3)],
      [date(2), expect.closeTo(128.3333, 3)],
      [date(7), expect.closeTo(122.5, 3)],
    ]);
    expect(t.points[1]!.method).toBe('rpe');
    // The 15-rep set is past Epley's 12-rep cap: reported, not dropped silently.
    expect(t.skipped).toEqual([
      { date: date(2), exerciseId: 'barbell-back-squat', setIndex: 1, reason: 'too-many-reps' },
    ]);
    expect(e1rmTrend(log, 'barbell-bench-press').skipped.map((s) => s.reason)).toEqual([
      'too-far-from-failure',
    ]);
  });
  it('lists records in date order with the previous best', () => {
    const prs = personalRecords(log).filter((r) => r.exerciseId === 'barbell-back-squat');
    expect(
      prs.map((r) => [
        r.kind,
        r.date,
        Math.round(r.kg * 100) / 100,
        r.previousKg === null ? null : Math.round(r.previousKg * 100) / 100,
      ]),
    ).toEqual([
      ['e1rm', date(0), 116.67, null],
      ['load', date(0), 100, null],
      ['e1rm', date(2), 128.33, 116.67],
      ['load', date(2), 110, 100],
    ]);
  });
});

describe('weeklyHardSets', () => {
  it('counts primary 1 and secondary ½ per hard set, per week, from the catalogue', () => {
    const weeks = weeklyHardSets(log, byIdLookup(EXERCISES));
    // Week 1: squat 4 hard sets (quads, glutes primary; adductors, hamstrings, lower-back ½);
    // bench 1 hard set (chest; triceps, front-delts ½), the RPE-4 bench set is easy.
    expect(weeks[0]!.sets).toMatchObject({ quads: 4, glutes: 4, hamstrings: 2, chest: 1, triceps: 0.5 });
    expect(weeks[0]!.easySets).toBe(1);
    // Week 2: 1 squat set + 1 push-up set (chest primary).
    expect(weeks[1]!.sets.quads).toBe(1);
    expect(weeks[1]!.sets.chest).toBeGreaterThanOrEqual(1);
    expect(weeklyHardSets(log, () => undefined)[0]!.unknownExercises).toEqual([
      'barbell-back-squat',
      'barbell-bench-press',
    ]);
  });
});

describe('training load', () => {
  it('session-RPE load is RPE × minutes (Foster 2001), rest days 0, unrated counted', () => {
    const loads = sessionLoads(log);
    expect(loads).toHaveLength(8);
    expect(loads[0]).toEqual({ date: date(0), load: 420, unrated: 0 });
    expect(loads[2]!.load).toBe(270);
    expect(loads[7]).toEqual({ date: date(7), load: 0, unrated: 1 });
  });
  it('rolling ACWR matches a hand calculation', () => {
    // 28 days of 100 then 7 days of 200: on the last day acute = 200, chronic =
    // (21·100 + 7·200)/28 = 125, ratio 1.6 → very high.
    const loads = Array.from({ length: 35 }, (_, i) => ({ date: date(i), load: i < 28 ? 100 : 200 }));
    const r = acuteChronicRatio(loads);
    expect(r[26]!.ratio).toBeNull();
    expect(r[27]!.ratio).toBeCloseTo(1, 12);
    expect(r[34]).toMatchObject({ acute: 200, chronic: 125, ratio: 1.6, zone: 'very-high' });
    const e = acuteChronicRatio(loads, { method: 'ewma' });
    expect(e[34]!.ratio!).toBeGreaterThan(1.3);
  });
});

describe('weeklyAdherence', () => {
  it('compares the plan week with the log week', () => {
    const days = checkProgressLog([
      {
        date: date(0),
        intakeKcal: 1900,
        macros: { proteinG: 120, fatG: 60, carbsG: 200 },
        workouts: [{ exercises: [squat(set(5, 100))] }],
      },
      { date: date(1), intakeKcal: 2100, intakeComplete: false },
      { date: date(2), intakeKcal: 2100 },
    ]).days;
    const [w] = weeklyAdherence(fixturePlan as never, days);
    const planned = (fixturePlan as { workoutProgram: { weeks: { sessions: unknown[] }[] } }).workoutProgram
      .weeks[0]!.sessions.length;
    expect(w!.sessions).toMatchObject({ planned, done: 1 });
    // Mean of the complete intake days only: (1900 + 2100) / 2.
    expect(w!.kcal).toMatchObject({ meanLogged: 2000, daysLogged: 2 });
    expect(w!.proteinG).toMatchObject({ meanLogged: 120, daysLogged: 1 });
    expect(() => weeklyAdherence({} as never, days)).toThrow(/plan/);
  });
});
