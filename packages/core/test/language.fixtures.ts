/**
 * Generators for the plan-language tests: requests, and plan bodies built from the catalogue
 * pools a grammar allows, with numbers drawn from the language's documented grids (written out
 * here from the spec, not imported from the code under test).
 */
import fc from 'fast-check';
import { getExercise, stancesOf } from '../src/exercises/index';
import type { MealPlanT, PlanRequestT, PrescribedSetT, WorkoutProgramT } from '../src/index';
import {
  ALLERGENS,
  DEFAULT_MEAL_SHARES,
  DIET_TYPES,
  EQUIPMENT,
  EXPERIENCE_LEVELS,
  INJURY_SITES,
} from '../src/index';
import type { PlanGrammar } from '../src/language/index';
import { SESSION_REGIONS } from '../src/training/sessionRegions';

const range = (from: number, to: number, step: number) =>
  Array.from(
    { length: Math.round((to - from) / step) + 1 },
    (_, i) => Math.round((from + i * step) * 100) / 100,
  );

/** The grids of the spec: grams 1–30/1, 35–500/5, 525–3000/25; rest 0–900/15; … */
export const GRID = {
  grams: [...range(1, 30, 1), ...range(35, 500, 5), ...range(525, 3000, 25)],
  rest: range(0, 900, 15),
  seconds: [...range(5, 60, 5), ...range(75, 300, 15), ...range(330, 1800, 30), ...range(2100, 7200, 300)],
  half: range(1, 10, 0.5),
  rir: range(0, 10, 0.5),
};

export const SPLITS = [
  'full-body',
  'upper-lower',
  'upper-lower-full',
  'push-pull-legs',
  'push-pull-legs-upper-lower',
];
export const SESSION_NAMES = [
  'Full body',
  'Upper',
  'Lower',
  'Push',
  'Pull',
  'Legs',
  'Light conditioning',
].flatMap((k) => [k, ...'ABCDEFG'.split('').map((l) => `${k} ${l}`)]);

/** Session labels by split, as the rule planner's training data has them (light conditioning with any). */
export const SPLIT_SESSION_LABELS: Record<string, readonly string[]> = {
  'full-body': ['Full body', 'Light conditioning'],
  'upper-lower': ['Upper', 'Lower', 'Light conditioning'],
  'upper-lower-full': ['Upper', 'Lower', 'Full body', 'Light conditioning'],
  'push-pull-legs': ['Push', 'Pull', 'Legs', 'Light conditioning'],
  'push-pull-legs-upper-lower': ['Push', 'Pull', 'Legs', 'Upper', 'Lower', 'Light conditioning'],
};
const LABEL_KINDS: Record<string, 'full' | 'upper' | 'lower' | 'legs' | 'push' | 'pull' | undefined> = {
  'Full body': 'full',
  Upper: 'upper',
  Lower: 'lower',
  Legs: 'legs',
  Push: 'push',
  Pull: 'pull',
  'Light conditioning': undefined,
};
const labelOfName = (n: string) => n.replace(/ [A-G]$/, '');

const subset = <T>(xs: readonly T[], max: number) =>
  fc.uniqueArray(fc.constantFrom(...xs), { maxLength: max });

/** A schema-valid request with small day counts. */
export const requestArb: fc.Arbitrary<PlanRequestT> = fc.record({
  schemaVersion: fc.constant('1.0.0'),
  profile: fc.record({
    age: fc.integer({ min: 18, max: 80 }),
    sex: fc.constantFrom('male' as const, 'female' as const),
    weight: fc.record({ value: fc.integer({ min: 45, max: 150 }), unit: fc.constant('kg' as const) }),
    height: fc.record({ value: fc.integer({ min: 150, max: 200 }), unit: fc.constant('cm' as const) }),
    activityLevel: fc.constantFrom('sedentary' as const, 'moderate' as const, 'active' as const),
  }),
  goal: fc.constant({ type: 'maintain' as const }),
  preferences: fc.record({
    diet: fc.constantFrom(...DIET_TYPES),
    allergens: subset(ALLERGENS, 3),
    dislikedFoodIds: fc.constant([] as string[]),
    cuisines: fc.constant([] as string[]),
    mealsPerDay: fc.integer({ min: 2, max: 6 }),
    trainingDaysPerWeek: fc.integer({ min: 1, max: 7 }),
    sessionMinutes: fc.constant(60),
    equipment: subset(EQUIPMENT, 6),
    injuries: subset(INJURY_SITES, 2),
    experience: fc.constantFrom(...EXPERIENCE_LEVELS),
    preferredExerciseIds: fc.constant([] as string[]),
    excludedExerciseIds: fc.constant([] as string[]),
  }),
  days: fc.integer({ min: 1, max: 4 }),
});

const setArb: fc.Arbitrary<PrescribedSetT> = fc
  .record({
    shape: fc.constantFrom('reps', 'range', 'seconds'),
    a: fc.integer({ min: 1, max: 30 }),
    b: fc.integer({ min: 1, max: 30 }),
    seconds: fc.constantFrom(...GRID.seconds),
    load: fc.option(
      fc.oneof(
        fc.record({ type: fc.constant('rpe' as const), value: fc.constantFrom(...GRID.half) }),
        fc.record({ type: fc.constant('rir' as const), value: fc.constantFrom(...GRID.rir) }),
        fc.record({ type: fc.constant('percent-1rm' as const), value: fc.integer({ min: 20, max: 100 }) }),
      ),
      { nil: undefined },
    ),
    restSeconds: fc.constantFrom(...GRID.rest),
  })
  .map(({ shape, a, b, seconds, load, restSeconds }) => {
    const base =
      shape === 'reps'
        ? { reps: a }
        : shape === 'range'
          ? { reps: { min: Math.min(a, b), max: Math.max(a, b) } }
          : { seconds };
    return load === undefined ? { ...base, restSeconds } : { ...base, load, restSeconds };
  });

/** Sets of one exercise: a few distinct sets, each repeated 1–3 times (like real programs). */
const setsArb = fc
  .array(fc.tuple(setArb, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 })
  .map((groups) => groups.flatMap(([s, n]) => Array.from({ length: n }, () => ({ ...s }))));

/**
 * A body that fits `request` as its grammar reads it: exercises and foods from the grammar's
 * pools (each exercise once a session), exactly `trainingDaysPerWeek` sessions a week (none when
 * no exercise fits) on increasing days, exactly `days` days of exactly `mealsPerDay` meals.
 */
export function bodyArb(
  request: PlanRequestT,
  grammar: PlanGrammar,
): fc.Arbitrary<{ mealPlan: MealPlanT; workoutProgram: WorkoutProgramT }> {
  const exercises = grammar.exerciseTokens.map((t) => t.slice('ex:'.length));
  const foods = grammar.foodTokens.map((t) => t.slice('food:'.length));
  const p = request.preferences;
  // Since 2.2.0 a session's name is one of its split's labels, and its exercises train the
  // session kind's muscles (core SESSION_REGIONS; any for light conditioning); a label whose
  // kind has no exercise for the request is not used.
  const pool = (label: string) => {
    const kind = LABEL_KINDS[label];
    if (kind === undefined) return exercises;
    const region = SESSION_REGIONS[kind];
    return exercises.filter((id) => getExercise(id).primaryMuscles.every((m) => region.has(m)));
  };
  const sessionArbFor = (split: string) =>
    fc
      .constantFrom(
        ...SESSION_NAMES.filter(
          (n) => SPLIT_SESSION_LABELS[split]!.includes(labelOfName(n)) && pool(labelOfName(n)).length > 0,
        ),
      )
      .chain((name) =>
        fc.record({
          name: fc.constant(name),
          // Each exercise once a session (the grammar's rule since language 2.1.0), one stance of a
          // lift (since 2.2.0): unique by the lift's first stance.
          exercises: fc.uniqueArray(
            fc.record({ exerciseId: fc.constantFrom(...pool(labelOfName(name))), sets: setsArb }),
            {
              minLength: 1,
              maxLength: 4,
              selector: (e) => stancesOf(e.exerciseId)[0],
            },
          ),
        }),
      );
  const weekArbFor = (split: string) =>
    fc
      .record({
        deload: fc.boolean(),
        days:
          exercises.length === 0
            ? fc.constant([])
            : fc.uniqueArray(fc.integer({ min: 0, max: 6 }), {
                minLength: p.trainingDaysPerWeek,
                maxLength: p.trainingDaysPerWeek,
              }),
        sessions: fc.array(sessionArbFor(split), { minLength: 7, maxLength: 7 }),
      })
      .map(({ deload, days, sessions }) => ({
        deload,
        sessions: [...days].sort((x, y) => x - y).map((day, i) => ({ day, ...sessions[i]! })),
      }));
  const slots = DEFAULT_MEAL_SHARES[p.mealsPerDay as keyof typeof DEFAULT_MEAL_SHARES];
  const mealArb = (m: number) =>
    fc.record({
      type: fc.constant(slots[m]!.mealType),
      items: fc.array(
        fc.record({ foodId: fc.constantFrom(...foods), grams: fc.constantFrom(...GRID.grams) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    });
  const dayArb = fc.record({
    meals: fc.tuple(...slots.map((_, m) => mealArb(m))),
  });
  // Week 1 holds at most 4 sets an exercise for a beginner, 5 otherwise (the grammar's rule since
  // 2.2.0, the rule planner's cap); later weeks keep the schema's bound.
  const week1Cap = p.experience === 'beginner' ? 4 : 5;
  return fc.record({
    workoutProgram: fc
      .constantFrom(
        ...SPLITS.filter((sp) =>
          SESSION_NAMES.some(
            (n) => SPLIT_SESSION_LABELS[sp]!.includes(labelOfName(n)) && pool(labelOfName(n)).length > 0,
          ),
        ),
      )
      .chain((split) =>
        fc.record({
          schemaVersion: fc.constant('1.0.0'),
          split: fc.constant(split),
          weeks: fc.array(weekArbFor(split), { minLength: 1, maxLength: 3 }),
        }),
      )
      .map((w) => ({
        ...w,
        weeks: w.weeks.map((week, i) =>
          i > 0
            ? week
            : {
                ...week,
                sessions: week.sessions.map((s) => ({
                  ...s,
                  exercises: s.exercises.map((e) => ({ ...e, sets: e.sets.slice(0, week1Cap) })),
                })),
              },
        ),
      })),
    mealPlan: fc.record({
      schemaVersion: fc.constant('1.0.0'),
      days: fc.array(dayArb, { minLength: request.days, maxLength: request.days }),
    }),
  });
}
