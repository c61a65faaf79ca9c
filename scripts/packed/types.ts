// Type-checked by TypeScript with moduleResolution node16 and bundler (scripts/check-packages.sh).
import { bmi, isNexFitraError, type PlanRequestInput } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { getFood } from '@nexfitra/core/foods';
import { createGrammar } from '@nexfitra/core/language';
import { createPlan } from '@nexfitra/planner';

const request: PlanRequestInput = {
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
export const n: number = bmi({ weightKg: 70, heightCm: 175 });
export const p = createPlan(request);
export const g = typeof createGrammar;
export const f = typeof getFood;
export const e = EXERCISES.length;
export const ok: boolean = isNexFitraError(new Error('x'));

// @ts-expect-error the root entry does not export the internal helpers
import { checkNumber } from '@nexfitra/core';
export const c = checkNumber;
