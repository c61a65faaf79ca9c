import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../src/exercises/index';
import { Plan, type PlanT } from '../src/schemas/plan';
import {
  ALLERGENS,
  DIET_TYPES,
  EQUIPMENT,
  EXPERIENCE_LEVELS,
  INJURY_SITES,
  MEAL_TYPES,
} from '../src/schemas/vocab';
import { byIdLookup } from '../src/validate/lookup';
import { validatePlan } from '../src/validate/plan';
import {
  HARD_VIOLATION_CODES,
  SOFT_VIOLATION_CODES,
  severityOf,
  type Violation,
} from '../src/validate/violation';
import { cleanPlan, context, edit, FOODS } from './validate.fixtures';

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

describe('validatePlan', () => {
  // The fixture is a hand-made arithmetic plan (a 100 g egg breakfast, whole-food portions), not a
  // realistic one: the meal realism checks, tested in validate-realism, are off here.
  const NO_REALISM = { realism: false } as const;
  it('a clean plan trips nothing', () => {
    const r = validatePlan(cleanPlan, context, NO_REALISM);
    expect(r.ok).toBe(true);
    expect(r.violations).toEqual([]);
    expect(r.metrics?.mealPlan.days).toHaveLength(1);
    expect(r.metrics?.workoutProgram.weeks).toHaveLength(2);
  });

  it('prefixes paths with mealPlan / workoutProgram and lists meal violations first', () => {
    const plan = edit(cleanPlan, (p) => {
      p.request.preferences.dislikedFoodIds.push('10001');
      p.request.preferences.excludedExerciseIds.push('dumbbell-curl');
    });
    const r = validatePlan(plan, context, NO_REALISM);
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.code)).toEqual([
      'DISLIKED_FOOD',
      // dumbbell-curl is in all five sessions (three in week 1, two in the deload week)
      'EXCLUDED_EXERCISE',
      'EXCLUDED_EXERCISE',
      'EXCLUDED_EXERCISE',
      'EXCLUDED_EXERCISE',
      'EXCLUDED_EXERCISE',
    ]);
    expect(r.violations[0]!.path).toEqual(['mealPlan', 'days', 0, 'meals', 0, 'items', 0]);
    expect(r.violations[1]!.path).toEqual(['workoutProgram', 'weeks', 0, 'sessions', 0, 'exercises', 8]);
  });

  it('SCHEMA: one violation per zod issue, at the issue path, and no other checks', () => {
    const plan = edit(cleanPlan, (p) => {
      p.mealPlan.days[0].meals[0].items[0].grams = -5;
      p.workoutProgram.weeks[0].sessions[0].exercises[0].sets[0].restSeconds = 1000;
      p.extra = true;
    });
    const r = validatePlan(plan, context);
    expect(r.ok).toBe(false);
    expect(r.metrics).toBeNull();
    expect(r.violations.every((v) => v.code === 'SCHEMA' && v.severity === 'hard')).toBe(true);
    expect(r.violations.map((v) => v.path)).toEqual(
      expect.arrayContaining([
        ['mealPlan', 'days', 0, 'meals', 0, 'items', 0, 'grams'],
        ['workoutProgram', 'weeks', 0, 'sessions', 0, 'exercises', 0, 'sets', 0, 'restSeconds'],
        ['extra'],
      ]),
    );
    expect(r.violations).toHaveLength(3);
  });

  it('throws a typed error only for misuse', () => {
    expect(() => validatePlan(cleanPlan, undefined as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_TYPE', fn: 'validatePlan', path: ['context'] }),
    );
    expect(() => validatePlan(cleanPlan, { foods: context.foods } as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_TYPE', path: ['context', 'exercises'] }),
    );
    expect(() => validatePlan(cleanPlan, context, { kcalTolerancePercent: Number.NaN })).toThrowError(
      expect.objectContaining({ code: 'INVALID_TYPE', path: ['options', 'kcalTolerancePercent'] }),
    );
    expect(() => validatePlan(cleanPlan, context, { pushShare: { min: 0.7, max: 0.6 } })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['options', 'pushShare', 'max'] }),
    );
    expect(() => validatePlan(cleanPlan, context, { volumeMuscles: ['wings'] as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ENUM', path: ['options', 'volumeMuscles', 0] }),
    );
  });

  it('codes are split into hard and soft without overlap', () => {
    const hard = new Set<string>(HARD_VIOLATION_CODES);
    expect(SOFT_VIOLATION_CODES.filter((c) => hard.has(c))).toEqual([]);
    expect(severityOf('ALLERGEN_PRESENT')).toBe('hard');
    expect(severityOf('KCAL_OFF_TARGET')).toBe('soft');
  });

  it('byIdLookup finds by id, keeps the first duplicate and rejects non-arrays', () => {
    const lookup = byIdLookup([
      { id: 'a', n: 1 },
      { id: 'a', n: 2 },
    ]);
    expect(lookup('a')).toEqual({ id: 'a', n: 1 });
    expect(lookup('b')).toBeUndefined();
    expect(() => byIdLookup('x' as never)).toThrowError(expect.objectContaining({ code: 'INVALID_TYPE' }));
  });
});

// ── properties ──────────────────────────────────────────────────────────────────────────────

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);
const foodIds = [...FOODS.map((f) => f.id), '99999'];
const exerciseIds = [...EXERCISES.filter((_, i) => i % 7 === 0).map((e) => e.id), 'not-an-exercise'];

const setArb = fc.oneof(
  fc.record({ reps: fc.integer({ min: 1, max: 100 }), restSeconds: fc.integer({ min: 0, max: 900 }) }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 0, max: 900 }),
    )
    .map(([a, b, rest]) => ({ reps: { min: Math.min(a, b), max: Math.max(a, b) }, restSeconds: rest })),
  fc.record({
    seconds: fc.integer({ min: 1, max: 7200 }),
    restSeconds: fc.integer({ min: 0, max: 900 }),
    load: fc.record({
      type: fc.constant('rir' as const),
      value: fc.integer({ min: 0, max: 20 }).map((x) => x / 2),
    }),
  }),
);

const planArb: fc.Arbitrary<PlanT> = fc
  .record({
    diet: fc.constantFrom(...DIET_TYPES),
    allergens: subset(ALLERGENS),
    disliked: subset(foodIds.slice(0, -1)),
    mealsPerDay: fc.integer({ min: 2, max: 6 }),
    trainingDaysPerWeek: fc.integer({ min: 1, max: 7 }),
    sessionMinutes: fc.integer({ min: 10, max: 240 }),
    equipment: subset(EQUIPMENT),
    injuries: subset(INJURY_SITES),
    experience: fc.constantFrom(...EXPERIENCE_LEVELS),
    days: fc.integer({ min: 1, max: 9 }),
    sex: fc.constantFrom('male' as const, 'female' as const),
    targets: fc.record({
      kcal: fc.integer({ min: 1, max: 20000 }),
      proteinG: fc.integer({ min: 0, max: 2000 }),
      fatG: fc.integer({ min: 0, max: 2000 }),
      carbsG: fc.integer({ min: 0, max: 3000 }),
      fiberG: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    }),
    mealDays: fc.array(
      fc.record({
        meals: fc.array(
          fc.record({
            type: fc.constantFrom(...MEAL_TYPES),
            items: fc.array(
              fc.record({
                foodId: fc.constantFrom(...foodIds),
                grams: fc.double({ min: 0.01, max: 3000, noNaN: true }),
              }),
              { minLength: 1, maxLength: 4 },
            ),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    weeks: fc.array(
      fc.record({
        deload: fc.boolean(),
        sessions: fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 6 }),
            name: fc.constant('S'),
            exercises: fc.array(
              fc.record({
                exerciseId: fc.constantFrom(...exerciseIds),
                sets: fc.array(setArb, { minLength: 1, maxLength: 5 }),
              }),
              { minLength: 1, maxLength: 6 },
            ),
          }),
          { maxLength: 8 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((r) =>
    edit(cleanPlan, (p) => {
      const pref = p.request.preferences;
      Object.assign(pref, {
        diet: r.diet,
        allergens: r.allergens,
        dislikedFoodIds: r.disliked,
        mealsPerDay: r.mealsPerDay,
        trainingDaysPerWeek: r.trainingDaysPerWeek,
        sessionMinutes: r.sessionMinutes,
        equipment: r.equipment,
        injuries: r.injuries,
        experience: r.experience,
      });
      p.request.days = r.days;
      p.request.profile.sex = r.sex;
      p.targets = JSON.parse(JSON.stringify(r.targets));
      p.mealPlan.days = r.mealDays;
      p.workoutProgram.weeks = r.weeks;
    }),
  );

function checkShape(vs: readonly Violation[], plan: unknown) {
  for (const v of vs) {
    expect(v.severity).toBe(severityOf(v.code));
    expect(typeof v.message).toBe('string');
    if (v.measured !== undefined) expect(Number.isFinite(v.measured)).toBe(true);
    if (v.code !== 'SCHEMA') expect(valueAt(plan, v.path)).not.toBeUndefined();
  }
}

describe('validatePlan properties', () => {
  it('never throws on schema-valid plans; ok ⇔ no hard violation; every path points into the plan', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        expect(Plan.safeParse(plan).success).toBe(true);
        const r = validatePlan(plan, context);
        expect(r.ok).toBe(r.violations.every((v) => v.severity === 'soft'));
        expect(r.violations.some((v) => v.code === 'SCHEMA')).toBe(false);
        expect(r.metrics).not.toBeNull();
        checkShape(r.violations, plan);
      }),
      { numRuns: 100 },
    );
  });

  it('returns SCHEMA violations instead of throwing on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validatePlan(value, context);
        expect(r.ok).toBe(false);
        expect(r.metrics).toBeNull();
        expect(r.violations.length).toBeGreaterThan(0);
        expect(r.violations.every((v) => v.code === 'SCHEMA')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws when one field of a clean plan is replaced by arbitrary JSON', () => {
    const paths = [
      ['targets', 'kcal'],
      ['request', 'preferences', 'mealsPerDay'],
      ['request', 'days'],
      ['mealPlan', 'days', 0, 'meals', 1],
      ['mealPlan', 'days', 0, 'meals', 0, 'items', 0, 'grams'],
      ['workoutProgram', 'weeks', 0, 'sessions', 1, 'day'],
      ['workoutProgram', 'weeks', 0, 'sessions', 0, 'exercises', 0, 'sets', 0],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const plan = edit(cleanPlan, (p) => {
          const parent = valueAt(p, path.slice(0, -1)) as Record<string | number, unknown>;
          parent[path[path.length - 1]!] = value;
        });
        const r = validatePlan(plan, context);
        expect(r.ok).toBe(r.violations.every((v) => v.severity === 'soft'));
        checkShape(r.violations, plan);
      }),
      { numRuns: 200 },
    );
  });
});
