/**
 * The cheaper paths of plan validation give the same answers as the full one:
 * `validateParsedPlan` (no second `Plan` parse) against `validatePlan` on the same plans, the
 * checked lookup's once-per-process check of immutable records against a record that changes
 * between calls, and day totals against `mealNutrients`' documented overflow error.
 * Expected values: `validatePlan`'s own answer for the same input (a round trip through the
 * other path), the fixture's hand-added day (validate.fixtures.ts), and IEEE 754 doubles
 * (1.7e308 × 1.5 is above Number.MAX_VALUE ≈ 1.797e308).
 */
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../src/exercises/index';
import { FOODS as CATALOGUE } from '../src/foods/index';
import type { FoodT } from '../src/schemas/food';
import { Plan } from '../src/schemas/plan';
import { byIdLookup } from '../src/validate/lookup';
import { validateParsedPlan, validatePlan } from '../src/validate/plan';
import { cleanPlan, context, DAY_TOTALS, edit, FOODS } from './validate.fixtures';

const broken = {
  clean: cleanPlan,
  'unknown food': edit(cleanPlan, (p) => {
    p.mealPlan.days[0].meals[0].items[0].foodId = '99999';
  }),
  allergen: edit(cleanPlan, (p) => {
    p.request.preferences.allergens = ['soy'];
  }),
  'extra day': edit(cleanPlan, (p) => {
    p.mealPlan.days.push(p.mealPlan.days[0]);
  }),
  'huge portion': edit(cleanPlan, (p) => {
    p.mealPlan.days[0].meals[1].items[0].grams = 900;
  }),
  'unknown exercise': edit(cleanPlan, (p) => {
    p.workoutProgram.weeks[0].sessions[0].exercises[0].exerciseId = 'moon-walk';
  }),
};

describe('validateParsedPlan', () => {
  for (const [name, plan] of Object.entries(broken)) {
    it(`gives validatePlan's findings and metrics for the parsed plan: ${name}`, () => {
      expect(validateParsedPlan(Plan.parse(plan), context)).toEqual(validatePlan(plan, context));
    });
  }

  it('passes the options and checks the lookups as validatePlan does', () => {
    const options = { kcalTolerancePercent: 1, realism: false };
    expect(validateParsedPlan(Plan.parse(cleanPlan), context, options)).toEqual(
      validatePlan(cleanPlan, context, options),
    );
    expect(() => validateParsedPlan(Plan.parse(cleanPlan), { foods: context.foods } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPE', fn: 'validatePlan', path: ['context', 'exercises'] }),
    );
  });
});

describe('day totals', () => {
  it('are the hand-added day of the fixture', () => {
    const day = validatePlan(cleanPlan, context).metrics!.mealPlan.days[0]!;
    for (const k of ['kcal', 'proteinG', 'fatG', 'carbsG', 'fiberG'] as const)
      expect(day[k]).toBeCloseTo(DAY_TOTALS[k], 9);
  });

  it('still throw mealNutrients’ OUT_OF_RANGE when a portion overflows', () => {
    const huge = FOODS.map((f, i) => (i === 0 ? { ...f, per100g: { ...f.per100g, kcal: 1.7e308 } } : f));
    const plan = edit(cleanPlan, (p) => {
      p.mealPlan.days[0].meals[0].items[0].grams = 150; // oats, 1.7e308 × 1.5 = Infinity
    });
    expect(() => validatePlan(plan, { ...context, foods: byIdLookup(huge) })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'mealNutrients', path: ['items', 0, 'grams'] }),
    );
  });
});

describe('the checked food lookup', () => {
  it('checks a mutable record again on every call (it may have changed)', () => {
    const oats: FoodT = structuredClone(FOODS[0]!);
    const foods = FOODS.map((f, i) => (i === 0 ? oats : f));
    expect(validatePlan(cleanPlan, { ...context, foods: byIdLookup(foods) }).ok).toBe(true);
    oats.per100g.kcal = -1;
    expect(() => validatePlan(cleanPlan, { ...context, foods: byIdLookup(foods) })).toThrow(
      expect.objectContaining({ code: 'SCHEMA', path: ['context', 'foods', '10001', 'per100g', 'kcal'] }),
    );
  });

  it('rejects a frozen bad record on every call (only valid records are remembered)', () => {
    const bad = Object.freeze({ ...FOODS[0]!, per100g: Object.freeze({ ...FOODS[0]!.per100g, fat: -2 }) });
    const foods = byIdLookup(FOODS.map((f, i) => (i === 0 ? bad : f)));
    for (let n = 0; n < 2; n++) {
      expect(() => validatePlan(cleanPlan, { ...context, foods })).toThrow(
        expect.objectContaining({ code: 'SCHEMA', path: ['context', 'foods', '10001', 'per100g', 'fat'] }),
      );
    }
  });

  it('serves the deeply frozen core catalogues, whose records cannot change', () => {
    const f = CATALOGUE[0]!;
    for (const x of [f, f.per100g, f.per100g.micronutrients, f.servings, f.servings[0], f.tags, f.portion])
      expect(Object.isFrozen(x)).toBe(true);
    expect(Object.isFrozen(EXERCISES[0]!.primaryMuscles)).toBe(true);
    const lookups = { foods: byIdLookup(CATALOGUE), exercises: byIdLookup(EXERCISES) };
    const plan = edit(cleanPlan, (p) => {
      p.mealPlan.days[0].meals[0].items[0].foodId = f.id;
    });
    expect(validatePlan(plan, lookups)).toEqual(validatePlan(plan, lookups));
  });
});
