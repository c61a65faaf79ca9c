/**
 * Metrics on hand-built plans whose right answers are known (issue #11): a peanut for a
 * peanut-allergic person, a day 10 % over its calories, 25 weekly sets for chest, a 5,000 mg
 * sodium day, a programme that never progresses. Expected values come from the construction
 * (targets set from the hand sum Σ per100g × g / 100), not from eval's output.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics, type PlanOutcome } from '../src/index';
import {
  dayTotal,
  FULL_BODY,
  type Item,
  peanutFood,
  plainFoods,
  plan,
  request,
  saltyFood,
  weeks,
} from './_plans';

const ok = (p: unknown): PlanOutcome => ({ ok: true, plan: p, timings: { totalMs: 12 } });
const [a, b, c] = plainFoods as [Item['food'], Item['food'], Item['food']];
const meals: Item[][] = [[{ food: a, grams: 150 }], [{ food: b, grams: 200 }], [{ food: c, grams: 180 }]];
const flat = meals.flat();
const exact = {
  kcal: dayTotal(flat, (f) => f.per100g.kcal),
  proteinG: dayTotal(flat, (f) => f.per100g.protein),
  fatG: dayTotal(flat, (f) => f.per100g.fat),
  carbsG: dayTotal(flat, (f) => f.per100g.carbs),
};
/** 4 loading weeks, 3 sets of 8 → 3 sets of 10 reps: progresses every week. */
const progressing = weeks(
  4,
  FULL_BODY,
  () => 3,
  (w) => 8 + w,
);

describe('metrics on hand-built plans', () => {
  it('a plan built exactly to its targets: valid, 0 % kcal error, every day in band', () => {
    const m = computeMetrics(request, ok(plan(meals, exact, progressing)));
    expect(m['validPlan']).toBe(1);
    expect(m['hardViolations']).toBe(0);
    expect(m['kcalErrorPct']).toBeCloseTo(0, 9);
    expect(m['proteinErrorG']).toBeCloseTo(0, 9);
    expect(m['daysInBandShare']).toBe(1);
    // All six pattern groups appear every week (FULL_BODY was written to cover them).
    expect(m['patternCoverage']).toBe(1);
    expect(m['progressionShare']).toBe(1);
  });

  it('a peanut for a peanut-allergic person: one ALLERGEN_PRESENT, not valid', () => {
    const withPeanut = [
      meals[0] as Item[],
      [...(meals[1] as Item[]), { food: peanutFood, grams: 30 }],
      meals[2] as Item[],
    ];
    const m = computeMetrics(request, ok(plan(withPeanut, exact, progressing)));
    expect(m['hard.ALLERGEN_PRESENT']).toBe(1);
    expect(m['hardViolations']).toBeGreaterThanOrEqual(1);
    expect(m['validPlan']).toBe(0);
  });

  it('a day 10 % over calories: kcalErrorPct = 10 and the day is out of band', () => {
    // target = intake / 1.1 ⇒ |intake − target| / target = 0.1 exactly.
    const m = computeMetrics(request, ok(plan(meals, { ...exact, kcal: exact.kcal / 1.1 }, progressing)));
    expect(m['kcalErrorPct']).toBeCloseTo(10, 9);
    expect(m['kcalMaxErrorPct']).toBeCloseTo(10, 9);
    expect(m['daysInBandShare']).toBe(0);
    expect(m['soft.KCAL_OFF_TARGET']).toBe(1);
  });

  it('a 5,000 mg sodium day: sodiumMgPerDay = 5000, the day is over the 2,300 mg CDRR', () => {
    const base = dayTotal(flat, (f) => f.per100g.micronutrients?.['sodium_mg'] ?? 0);
    const grams = ((5000 - base) * 100) / (saltyFood.per100g.micronutrients?.['sodium_mg'] as number);
    expect(grams).toBeGreaterThan(0);
    const salty = [
      meals[0] as Item[],
      meals[1] as Item[],
      [...(meals[2] as Item[]), { food: saltyFood, grams }],
    ];
    const m = computeMetrics(request, ok(plan(salty, exact, progressing)));
    expect(m['sodiumMgPerDay']).toBeCloseTo(5000, 6);
    expect(m['sodiumDaysOverShare']).toBe(1);
  });

  it('25 weekly sets for chest: sets.chest = 25, out of the intermediate 10–16 range', () => {
    // Three sessions of one press each: 9 + 8 + 8 = 25 sets a week.
    const chest = [['barbell-bench-press'], ['dumbbell-bench-press'], ['barbell-bench-press']];
    const setsBy = [9, 8, 8];
    const program = weeks(
      2,
      chest,
      () => 1,
      () => 10,
    ).map((w) => ({
      ...w,
      sessions: w.sessions.map((s, i) => ({
        ...s,
        exercises: s.exercises.map((e) => ({
          ...e,
          sets: Array.from({ length: setsBy[i] as number }, () => ({ reps: 10, restSeconds: 60 })),
        })),
      })),
    }));
    const m = computeMetrics(request, ok(plan(meals, exact, program)));
    // Both presses list chest as their only primary muscle (1 set each); secondary muscles are triceps and front delts.
    expect(m['sets.chest']).toBe(25);
    expect(m['soft.WEEKLY_SETS_OUT_OF_RANGE']).toBeGreaterThanOrEqual(1);
    // chest is 1 of the 9 volume muscles and over; the other eight get 0 or ≤ 12.5 (triceps: 25 × 0.5).
    expect(m['weeklySetsInRangeShare']).toBeLessThan(1);
  });

  it('a programme that never progresses: progressionShare = 0', () => {
    const flatProgram = weeks(
      4,
      FULL_BODY,
      () => 3,
      () => 8,
    );
    expect(computeMetrics(request, ok(plan(meals, exact, flatProgram)))['progressionShare']).toBe(0);
    // Only week 2 adds a set to the first exercise of each session (back squat on days 1 and 3,
    // split squat on day 2): transitions 1→2, 2→3, 3→4 give 2 of 9 exercises harder, then 0, 0.
    const once = weeks(
      4,
      FULL_BODY,
      () => 3,
      () => 8,
    );
    once[1] = {
      ...once[1],
      sessions: (once[1]?.sessions ?? []).map((s) => ({
        ...s,
        exercises: s.exercises.map((e, i) =>
          i === 0 ? { ...e, sets: [...e.sets, { reps: 8, restSeconds: 90 }] } : e,
        ),
      })),
    } as (typeof once)[number];
    const distinct = new Set(FULL_BODY.flat()).size;
    expect(computeMetrics(request, ok(plan(meals, exact, once)))['progressionShare']).toBeCloseTo(
      2 / distinct / 3,
      9,
    );
  });

  it('a refusal and a thrown error are not counted as plans with zero violations', () => {
    const refused = computeMetrics(request, {
      ok: false,
      refusal: { codes: ['MINOR'] },
      timings: { totalMs: 1 },
    });
    expect(refused['refused']).toBe(1);
    expect(refused['validPlan']).toBeNull();
    expect(refused['hardViolations']).toBeNull();
    const thrown = computeMetrics(request, {
      ok: false,
      failure: { code: 'ERROR', message: 'boom', hardCodes: [] },
      timings: { totalMs: 1 },
    });
    expect(thrown['validPlan']).toBe(0);
    expect(thrown['hardViolations']).toBeNull();
    expect(thrown['qualityScore']).toBe(0);
  });

  it('an unparseable plan is schema-invalid with SCHEMA hard violations', () => {
    const m = computeMetrics(request, ok({ not: 'a plan' }));
    expect(m['schemaValid']).toBe(0);
    expect(m['hard.SCHEMA']).toBeGreaterThan(0);
    expect(m['kcalErrorPct']).toBeNull();
  });
});
