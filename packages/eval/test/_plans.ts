/**
 * Hand-built plans with known answers for the metric tests. Foods are picked from the core
 * catalogue by property (an allergen tag, sodium reported), and every expected value is computed
 * in the test from the catalogue's per-100 g figures with the plain formula — never by eval.
 */
import { type FoodT, type PlanRequestT, type PlanT, type ProgramWeekT, SCHEMA_VERSION } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';

export const request: PlanRequestT = {
  schemaVersion: SCHEMA_VERSION,
  profile: {
    age: 35,
    sex: 'male',
    weight: { value: 80, unit: 'kg' },
    height: { value: 180, unit: 'cm' },
    activityLevel: 'moderate',
  },
  goal: { type: 'maintain' },
  preferences: {
    diet: 'omnivore',
    allergens: ['peanuts'],
    dislikedFoodIds: [],
    cuisines: [],
    mealsPerDay: 3,
    trainingDaysPerWeek: 3,
    sessionMinutes: 60,
    equipment: ['bodyweight', 'dumbbells', 'barbell', 'bench', 'cable', 'machine', 'pull-up-bar'],
    injuries: [],
    experience: 'intermediate',
    preferredExerciseIds: [],
    excludedExerciseIds: [],
  },
  days: 1,
  seed: 1,
};

const hasSodium = (f: FoodT) => f.per100g.micronutrients?.['sodium_mg'] !== undefined;
/** Three allergen-free foods that report sodium, one per meal. */
export const plainFoods = FOODS.filter(
  (f) => f.tags.allergens.length === 0 && f.tags.diets.includes('omnivore') && hasSodium(f),
).slice(0, 3);
/** A food tagged with peanuts. */
export const peanutFood = FOODS.find((f) => f.tags.allergens.includes('peanuts') && hasSodium(f)) as FoodT;
/** The saltiest allergen-free food (table salt or a sauce). */
export const saltyFood = FOODS.filter((f) => f.tags.allergens.length === 0 && hasSodium(f)).sort(
  (a, b) => (b.per100g.micronutrients?.['sodium_mg'] ?? 0) - (a.per100g.micronutrients?.['sodium_mg'] ?? 0),
)[0] as FoodT;

export type Item = { readonly food: FoodT; readonly grams: number };

/** Σ per100g × grams / 100 — the textbook sum, written here so the tests do not use eval's code. */
export function dayTotal(items: readonly Item[], pick: (f: FoodT) => number): number {
  return items.reduce((s, it) => s + (pick(it.food) * it.grams) / 100, 0);
}

/** `n` loading weeks of 3 sessions; `sets(w)` sets of each exercise, `reps(w)` reps. */
export function weeks(
  n: number,
  exercises: readonly string[][],
  sets: (w: number) => number,
  reps: (w: number) => number,
): ProgramWeekT[] {
  return Array.from({ length: n }, (_, w) => ({
    deload: false,
    sessions: exercises.map((ids, s) => ({
      day: s * 2,
      name: `Day ${s + 1}`,
      exercises: ids.map((exerciseId) => ({
        exerciseId,
        sets: Array.from({ length: sets(w) }, () => ({ reps: reps(w), restSeconds: 90 })),
      })),
    })),
  }));
}

/** A balanced full-body week: knee-dominant, hinge, both pushes, both pulls on each of 3 days. */
export const FULL_BODY = [
  ['barbell-back-squat', 'romanian-deadlift', 'barbell-bench-press', 'seated-cable-row'],
  ['dumbbell-split-squat', 'romanian-deadlift', 'barbell-overhead-press', 'lat-pulldown'],
  ['barbell-back-squat', 'romanian-deadlift', 'dumbbell-bench-press', 'pull-up'],
];

/** A plan: one day of meals (breakfast, lunch, dinner from `items`) with `targets`, and `program`. */
export function plan(
  items: readonly Item[][],
  targets: PlanT['targets'],
  program: ProgramWeekT[],
  req: PlanRequestT = request,
): PlanT {
  const types = ['breakfast', 'lunch', 'dinner'] as const;
  return {
    schemaVersion: SCHEMA_VERSION,
    request: req,
    targets,
    mealPlan: {
      schemaVersion: SCHEMA_VERSION,
      days: [
        {
          meals: items.map((meal, i) => ({
            type: types[i] as (typeof types)[number],
            items: meal.map((it) => ({ foodId: it.food.id, grams: it.grams })),
          })),
        },
      ],
    },
    workoutProgram: { schemaVersion: SCHEMA_VERSION, split: 'full-body', weeks: program },
  };
}
