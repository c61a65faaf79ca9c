// Imported by scripts/check-packages.sh inside a fresh project that installed the tarballs.
// Expected values are hand calculations: BMI 70 kg / 1.75² = 22.857; Mifflin-St Jeor for a
// 30-year-old man, 80 kg, 180 cm: 10·80 + 6.25·180 − 5·30 + 5 = 1780 kcal.
import assert from 'node:assert/strict';
import * as core from '@nexfitra/core';
import * as dishes from '@nexfitra/core/dishes';
import * as exercises from '@nexfitra/core/exercises';
import { getFood } from '@nexfitra/core/foods';
import * as language from '@nexfitra/core/language';
import * as met from '@nexfitra/core/met';
import * as progress from '@nexfitra/core/progress';
import { createPlan, planPlan } from '@nexfitra/planner';
import * as copy from 'core-copy';

assert.equal(Math.round(core.bmi({ weightKg: 70, heightCm: 175 }) * 1000) / 1000, 22.857);
assert.equal(core.mifflinStJeor({ sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180 }), 1780);
assert.equal('checkNumber' in core, false, 'the root entry exports internals');
for (const m of [exercises, met, language, dishes, progress]) assert.ok(Object.keys(m).length > 0);
assert.equal(typeof getFood, 'function');

// Two installed copies: an error thrown by one is recognised by the other.
let err;
try {
  copy.bmi({ weightKg: -1, heightCm: 175 });
} catch (e) {
  err = e;
}
assert.notEqual(copy.NexFitraError, core.NexFitraError);
assert.equal(core.isNexFitraError(err), true);
assert.equal(err instanceof core.NexFitraError, true);

assert.equal(planPlan, createPlan);
const r = await createPlan(
  {
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
  },
  { weeks: 1 },
);
assert.equal(r.ok, true);
assert.equal(r.plan.mealPlan.days.length, 1);
console.log(
  'esm: every entry imports; bmi, mifflinStJeor, createPlan ok; errors recognised across two copies',
);
