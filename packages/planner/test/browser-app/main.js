// The app of browser-packaged.test.ts: imports the BUILT packages by name, as an app would.
import { bmi, isNexFitraError } from '@nexfitra/core';
import { createPlan, loadLpSolver } from '@nexfitra/planner';

const REQUEST = {
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
  seed: 7,
};

globalThis.runPlan = async () => {
  // highs.wasm is served beside the page (docs/recipes.md).
  await loadLpSolver({ locateFile: (file) => `/${file}` });
  const r = await createPlan(REQUEST, { weeks: 1 });
  let refused = false;
  try {
    bmi({ weightKg: -1, heightCm: 165 });
  } catch (e) {
    refused = isNexFitraError(e);
  }
  return { ok: r.ok, plan: r.ok ? r.plan : null, hard: r.ok ? r.report.validation.hard.length : -1, refused };
};

export { REQUEST };
