/**
 * A minimal request is a few lines (issue 13): `schemaVersion` and every preference list but
 * `allergens` may be omitted on input and are written on output; an omitted allergen list is
 * still an error. Expected values are the documented defaults (SCHEMA_VERSION, `[]`).
 */
import { describe, expect, it } from 'vitest';
import { isNexFitraError, NexFitraError } from '../src/errors';
import { parseOrThrow } from '../src/schemas/parse';
import { Plan, PlanRequest, type PlanRequestInput } from '../src/schemas/plan';
import { SCHEMA_VERSION } from '../src/schemas/version';

/** The minimal request the planner README shows. */
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
    diet: 'omnivore',
    allergens: [],
    mealsPerDay: 3,
    trainingDaysPerWeek: 3,
    sessionMinutes: 45,
    experience: 'beginner',
  },
  days: 1,
};

describe('PlanRequest defaults', () => {
  it('reads a minimal request and writes schemaVersion and empty lists on output', () => {
    const r = parseOrThrow(PlanRequest, MINIMAL, 'test');
    expect(r.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.preferences).toMatchObject({
      dislikedFoodIds: [],
      cuisines: [],
      equipment: [],
      injuries: [],
      preferredExerciseIds: [],
      excludedExerciseIds: [],
    });
    // Round trip: the output parses again to itself (the version is written, not dropped).
    expect(PlanRequest.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('still requires allergens: an omitted list never reads as "no allergies"', () => {
    const { allergens: _omit, ...prefs } = MINIMAL.preferences;
    let e: unknown;
    try {
      parseOrThrow(PlanRequest, { ...MINIMAL, preferences: prefs }, 'createPlan');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(NexFitraError);
    expect(e).toMatchObject({ code: 'SCHEMA', path: ['preferences', 'allergens'] });
  });

  it('names SCHEMA_VERSION when the version is of the wrong type or major', () => {
    for (const bad of [1, '2.0.0']) {
      let caught: unknown;
      try {
        parseOrThrow(PlanRequest, { ...MINIMAL, schemaVersion: bad }, 'createPlan');
      } catch (err) {
        caught = err;
      }
      expect(isNexFitraError(caught)).toBe(true);
      expect((caught as Error).message).toContain('SCHEMA_VERSION');
      expect((caught as Error).message).toContain(SCHEMA_VERSION);
    }
  });

  it('a Plan without schemaVersion reads as the current version', () => {
    const shape = Plan.shape.schemaVersion.parse(undefined);
    expect(shape).toBe(SCHEMA_VERSION);
  });
});
