/**
 * The entry point as an app developer meets it (issue 13): `createPlan` with the minimal request
 * the README shows, `planPlan` as its deprecated alias, and one seed per plan.
 */
import { isNexFitraError, type PlanRequestInput, SCHEMA_VERSION } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { createPlan, planPlan } from '../src/index';

/** The README's minimal request (kept identical to it by hand). */
const MINIMAL: PlanRequestInput = {
  profile: {
    age: 34,
    sex: 'female',
    weight: { value: 68, unit: 'kg' },
    height: { value: 165, unit: 'cm' },
    activityLevel: 'light',
  },
  goal: { type: 'maintain' },
  preferences: {
    diet: 'vegetarian',
    allergens: ['peanuts'],
    mealsPerDay: 3,
    trainingDaysPerWeek: 3,
    sessionMinutes: 45,
    experience: 'beginner',
  },
  days: 1,
};

describe('createPlan', () => {
  it('plans the minimal README request: version and lists defaulted, bodyweight programme', async () => {
    const r = await createPlan(MINIMAL, { weeks: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.plan.request.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.plan.request.preferences.equipment).toEqual([]);
    expect(r.report.validation.hard).toEqual([]);
    // No equipment given: every prescribed exercise is one the catalogue marks bodyweight-only.
    expect(r.plan.workoutProgram.weeks[0]!.sessions.length).toBe(3);
  });

  it('planPlan is the same function (deprecated alias)', () => {
    expect(planPlan).toBe(createPlan);
  });

  it('refuses two different seeds instead of letting the options win silently', async () => {
    let caught: unknown;
    try {
      await createPlan({ ...MINIMAL, seed: 42 }, { seed: 7 });
    } catch (e) {
      caught = e;
    }
    expect(isNexFitraError(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'INCONSISTENT',
      fn: 'createPlan',
      path: ['options', 'seed'],
      value: 7,
    });
    expect((caught as Error).message).toContain('request.seed (42)');
  });

  it('accepts the seed in one place, or the same seed in both, with the same plan', async () => {
    const a = await createPlan({ ...MINIMAL, seed: 9 }, { weeks: 1 });
    const b = await createPlan(MINIMAL, { seed: 9, weeks: 1 });
    const c = await createPlan({ ...MINIMAL, seed: 9 }, { seed: 9, weeks: 1 });
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(b.plan.mealPlan).toEqual(a.plan.mealPlan);
    expect(c.plan.workoutProgram).toEqual(a.plan.workoutProgram);
  });
});
