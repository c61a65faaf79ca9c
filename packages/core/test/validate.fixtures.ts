/**
 * Hand-built plans for the validator tests. The clean plan trips no check; each test makes one
 * edit and names the violation it expects. Expected numbers are worked out by hand here.
 *
 * Foods are small hand-made records with round per-100 g values (the shape of the Food schema),
 * so every day total can be added up by hand. Exercises come from the real catalogue; the rows
 * used are quoted where their muscles matter.
 */
import { EXERCISES } from '../src/exercises/index';
import type { FoodT } from '../src/schemas/food';
import type { PlanT } from '../src/schemas/plan';
import type { SessionT } from '../src/schemas/workout';
import { byIdLookup } from '../src/validate/lookup';
import { makeRequest } from './fixtures/requests';

const plantDiets: FoodT['tags']['diets'] = ['omnivore', 'pescatarian', 'vegetarian', 'vegan'];

function food(
  id: string,
  name: string,
  per100g: FoodT['per100g'],
  portion: [number, number],
  allergens: FoodT['tags']['allergens'] = [],
): FoodT {
  return {
    id,
    name,
    foodGroup: 'legumes',
    per100g,
    servings: [{ label: '1 portion', grams: 100 }],
    tags: { diets: plantDiets, allergens, mealTypes: ['breakfast', 'lunch', 'dinner', 'snack'] },
    portion: { minG: portion[0], maxG: portion[1], stepG: 5 },
  };
}

// Per 100 g: kcal, protein, fat, carbs (fiber included), fiber.
export const OATS = food(
  '10001',
  'Oats',
  { kcal: 380, protein: 13, fat: 7, carbs: 68, fiber: 10 },
  [30, 150],
);
export const LENTILS = food(
  '10002',
  'Lentils, boiled',
  { kcal: 116, protein: 9, fat: 0.4, carbs: 20, fiber: 8 },
  [100, 400],
);
export const TOFU = food(
  '10003',
  'Tofu, firm',
  { kcal: 144, protein: 17, fat: 9, carbs: 3, fiber: 2 },
  [100, 300],
  ['soy'],
);
export const RICE = food(
  '10004',
  'Rice, cooked',
  { kcal: 130, protein: 2.7, fat: 0.3, carbs: 28, fiber: 0.4 },
  [100, 400],
);
export const OIL = food(
  '10005',
  'Olive oil',
  { kcal: 884, protein: 0, fat: 100, carbs: 0, fiber: 0 },
  [5, 30],
);
export const FOODS: readonly FoodT[] = [OATS, LENTILS, TOFU, RICE, OIL];

/**
 * The clean day, by hand (grams/100 × per-100 g):
 *   oats 100 g      380    kcal, P 13,  F 7,   C 68, fib 10
 *   lentils 300 g   348    kcal, P 27,  F 1.2, C 60, fib 24
 *   rice 200 g      260    kcal, P 5.4, F 0.6, C 56, fib 0.8
 *   tofu 200 g      288    kcal, P 34,  F 18,  C 6,  fib 4
 *   olive oil 20 g  176.8  kcal, P 0,   F 20,  C 0,  fib 0
 *   day           1452.8   kcal, P 79.4, F 46.8, C 190, fib 38.8
 * Targets 1450 kcal (±3 % = ±43.5), P 80, F 47, C 190 (±5 g), fiber 30: all met; 1452.8 kcal
 * is above the 1,200 kcal/d floor for women.
 */
export const DAY_TOTALS = { kcal: 1452.8, proteinG: 79.4, fatG: 46.8, carbsG: 190, fiberG: 38.8 };

type MealT = PlanT['mealPlan']['days'][number]['meals'][number];
const B: MealT = { type: 'breakfast', items: [{ foodId: '10001', grams: 100 }] };
const L: MealT = {
  type: 'lunch',
  items: [
    { foodId: '10002', grams: 300 },
    { foodId: '10004', grams: 200 },
  ],
};
const D: MealT = {
  type: 'dinner',
  items: [
    { foodId: '10003', grams: 200 },
    { foodId: '10005', grams: 20 },
  ],
};
/** The clean day, and two rearrangements with the same foods and totals in other meal slots. */
export const DAY_1 = { meals: [B, L, D] };
export const DAY_2 = {
  meals: [
    { type: 'breakfast', items: L.items },
    { type: 'lunch', items: D.items },
    { type: 'dinner', items: B.items },
  ],
};
export const DAY_3 = {
  meals: [
    { type: 'breakfast', items: D.items },
    { type: 'lunch', items: B.items },
    { type: 'dinner', items: L.items },
  ],
};

/**
 * One full-body session for a beginner (catalogue rows: primary; secondary muscles — pattern, level):
 *   goblet-squat 3 sets                  quads, glutes; adductors, abs — squat, B (the 3-set opener)
 *   band-good-morning 2                  hamstrings, lower-back; glutes — hinge, B
 *   dumbbell-bench-press 3               chest; triceps, front-delts — horizontal-push, B
 *   chest-supported-dumbbell-row 2       upper-back, lats; biceps, rear-delts — horizontal-pull, B
 *   seated-dumbbell-shoulder-press 1     front-delts; triceps, side-delts — vertical-push, B
 *   band-lat-pulldown 1                  lats; biceps, upper-back — vertical-pull, B
 *   band-leg-curl 1                      hamstrings — knee-flexion, B
 *   dumbbell-lateral-raise 3             side-delts; upper-back — shoulder-isolation, B
 *   dumbbell-curl 2                      biceps; forearms — elbow-flexion, B
 *   dumbbell-kickback 1                  triceps — elbow-extension, B, unilateral
 * Sets per session (secondary × 0.5): chest 3, lats 2 + 1 = 3, upper-back 2 + 0.5 + 1.5 = 4,
 * side-delts 3 + 0.5 = 3.5, biceps 1 + 0.5 + 2 = 3.5, triceps 1.5 + 0.5 + 1 = 3, quads 3,
 * hamstrings 2 + 1 = 3, glutes 3 + 1 = 4.
 * Three sessions (days 0, 2, 4): chest, lats, triceps, quads, hamstrings 9; side-delts, biceps
 * 10.5; upper-back, glutes 12 — all inside the beginner range 8–12. Push 4 / pull 3 sets a
 * session (share 4/7); quad 3 / hip 3 (share 0.5). All six patterns; 10 distinct exercises.
 * Length: every set is 10 reps × 3 s + 90 s rest = 120 s, the unilateral kickback
 * 2 × 30 + 90 = 150 s: 18 × 120 + 150 = 2310 s = 38.5 min, + 5 min warm-up = 43.5 min ≤ 60.
 */
export const SESSION_MINUTES = 43.5;

const set = { reps: 10, load: { type: 'rir', value: 2 }, restSeconds: 90 } as const;
const sets = (n: number) => Array.from({ length: n }, () => ({ ...set }));
export function session(day: number): SessionT {
  return {
    day,
    name: 'Full body',
    exercises: [
      { exerciseId: 'goblet-squat', sets: sets(3) },
      { exerciseId: 'band-good-morning', sets: sets(2) },
      { exerciseId: 'dumbbell-bench-press', sets: sets(3) },
      { exerciseId: 'chest-supported-dumbbell-row', sets: sets(2) },
      { exerciseId: 'seated-dumbbell-shoulder-press', sets: sets(1) },
      { exerciseId: 'band-lat-pulldown', sets: sets(1) },
      { exerciseId: 'band-leg-curl', sets: sets(1) },
      { exerciseId: 'dumbbell-lateral-raise', sets: sets(3) },
      { exerciseId: 'dumbbell-curl', sets: sets(2) },
      { exerciseId: 'dumbbell-kickback', sets: sets(1) },
    ],
  };
}
export { sets };

/** Week 1: days 0, 2, 4. Week 2 is a deload on days 0 and 2 (not volume-checked). */
export const cleanPlan: PlanT = {
  schemaVersion: '1.0.0',
  request: makeRequest({
    profile: { sex: 'female', weight: { value: 65, unit: 'kg' }, height: { value: 168, unit: 'cm' } },
    preferences: { diet: 'vegetarian', equipment: ['bodyweight', 'dumbbells', 'bench', 'bands'] },
  }),
  targets: { kcal: 1450, proteinG: 80, fatG: 47, carbsG: 190, fiberG: 30 },
  mealPlan: { schemaVersion: '1.0.0', days: [DAY_1] },
  workoutProgram: {
    schemaVersion: '1.0.0',
    split: 'full-body',
    weeks: [
      { deload: false, sessions: [session(0), session(2), session(4)] },
      { deload: true, sessions: [session(0), session(2)] },
    ],
  },
};

/** A deep copy with one edit (a JSON round trip, so shared sub-objects are not shared). */
// biome-ignore lint/suspicious/noExplicitAny: edits reach into any path
export function edit(plan: PlanT, change: (p: any) => void): PlanT {
  const copy = JSON.parse(JSON.stringify(plan)) as PlanT;
  change(copy);
  return copy;
}

export const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };

/** A foods context where one food is replaced by `changed`. */
export function foodsWith(changed: FoodT) {
  return { ...context, foods: byIdLookup(FOODS.map((f) => (f.id === changed.id ? changed : f))) };
}
