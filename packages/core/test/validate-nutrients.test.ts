import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../src/exercises/index';
import { FOODS as CATALOGUE } from '../src/foods/index';
import type { FoodT } from '../src/schemas/food';
import { byIdLookup } from '../src/validate/lookup';
import { validateMealPlan } from '../src/validate/meal';
import { validatePlan as validateWholePlan } from '../src/validate/plan';
import { cleanPlan, DAY_1, DAY_2, edit, FOODS } from './validate.fixtures';

/**
 * These tests pin the core meal checks against hand-summed fixtures: the realism checks (their
 * own tests: validate-realism.test.ts) are off and the training program's findings (tests:
 * validate-workout.test.ts) are left out.
 */
function validatePlan(...args: Parameters<typeof validateWholePlan>) {
  const [plan, ctx, options] = args;
  const r = validateWholePlan(plan, ctx, { realism: false, ...options });
  return { ...r, violations: r.violations.filter((v) => v.path[0] !== 'workoutProgram') };
}

describe('meal plan with the real foods catalogue', () => {
  const context = { foods: byIdLookup(CATALOGUE), exercises: byIdLookup(EXERCISES) };
  /*
   * Catalogue values per 100 g (kcal, protein, fat, carbs, fiber) × grams / 100:
   *   20038 rolled oats, dry    389, 16.89, 6.9, 66.27, 10.6  × 0.8  = 311.2, 13.512, 5.52, 53.016, 8.48
   *   09040 banana               89,  1.09, 0.33, 22.84, 2.6  × 1.2  = 106.8,  1.308, 0.396, 27.408, 3.12
   *   16070 lentils, cooked     116,  9.02, 0.38, 20.13, 7.9  × 2.5  = 290,   22.55,  0.95, 50.325, 19.75
   *   20045 white rice, cooked  130,  2.69, 0.28, 28.17, 0.4  × 2    = 260,    5.38,  0.56, 56.34,  0.8
   *   16126 tofu, firm           70,  8.19, 4.17,  1.69, 0.9  × 3    = 210,   24.57, 12.51,  5.07,  2.7
   *   20037 brown rice, cooked  111,  2.58, 0.9,  22.96, 1.8  × 1.5  = 166.5,  3.87,  1.35, 34.44,  2.7
   *   04053 olive oil           884,  0,  100,     0,    0    × 0.15 = 132.6,  0,    15,     0,     0
   *   day                                                             1477.1, 71.19, 36.286, 226.599, 37.55
   */
  const day = {
    meals: [
      {
        type: 'breakfast' as const,
        items: [
          { foodId: '20038', grams: 80 },
          { foodId: '09040', grams: 120 },
        ],
      },
      {
        type: 'lunch' as const,
        items: [
          { foodId: '16070', grams: 250 },
          { foodId: '20045', grams: 200 },
        ],
      },
      {
        type: 'dinner' as const,
        items: [
          { foodId: '16126', grams: 300 },
          { foodId: '20037', grams: 150 },
          { foodId: '04053', grams: 15 },
        ],
      },
    ],
  };
  const request = edit(cleanPlan, (p) => (p.request.preferences.diet = 'vegan')).request;
  const targets = { kcal: 1477, proteinG: 71, fatG: 36, carbsG: 227, fiberG: 30 };
  const mealPlan = { schemaVersion: '1.0.0', days: [day] };
  const off = { micronutrients: false, realism: false };

  it('adds up the day as by hand and finds nothing wrong', () => {
    const r = validateMealPlan(mealPlan, request, targets, context, off);
    expect(r.violations).toEqual([]);
    const t = r.metrics!.days[0]!;
    expect(t.kcal).toBeCloseTo(1477.1, 9);
    expect(t.proteinG).toBeCloseTo(71.19, 9);
    expect(t.fatG).toBeCloseTo(36.286, 9);
    expect(t.carbsG).toBeCloseTo(226.599, 9);
    expect(t.fiberG).toBeCloseTo(37.55, 9);
  });

  it('rolled oats are tagged gluten; five of the seven foods are not keto', () => {
    const gluten = edit(cleanPlan, (p) => p.request.preferences.allergens.push('gluten')).request;
    const r = validateMealPlan(mealPlan, gluten, targets, context, off);
    expect(r.violations.map((v) => [v.code, v.path])).toEqual([
      ['ALLERGEN_PRESENT', ['days', 0, 'meals', 0, 'items', 0]],
    ]);
    const keto = edit(cleanPlan, (p) => (p.request.preferences.diet = 'keto')).request;
    // oats, banana, lentils, white rice, brown rice; tofu and olive oil are tagged keto
    const codes = validateMealPlan(mealPlan, keto, targets, context, off).violations.map((v) => v.code);
    expect(codes).toEqual(Array(5).fill('DIET_MISMATCH'));
  });

  it('1477.1 kcal is under the 1,500 kcal/d floor for a man', () => {
    const man = edit(cleanPlan, (p) => (p.request.profile.sex = 'male')).request;
    const [v, ...rest] = validateMealPlan(mealPlan, man, targets, context, off).violations;
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ code: 'CALORIES_BELOW_FLOOR', severity: 'hard', expected: { min: 1500 } });
    expect(v!.measured).toBeCloseTo(1477.1, 9);
  });
});

describe('micronutrients vs adult DRIs (mean over the plan)', () => {
  /*
   * Hand-set values per 100 g (iron mg, sodium mg); only oats reports calcium, so calcium is
   * never complete for a day and is skipped. A day (grams/100 × value):
   *   oats 100 g 4 / 2; lentils 300 g 3.3 → 9.9 / 240 → 720; rice 200 g 0.2 → 0.4 / 1 → 2;
   *   tofu 200 g 2 → 4 / 700 → 1400; oil 20 g 0.5 → 0.1 / 2 → 0.4
   *   iron 18.4 mg (women 19–50 RDA 18: met), sodium 2124.4 mg (CDRR 2300: under).
   */
  const micro: Record<string, Record<string, number>> = {
    '10001': { iron_mg: 4, sodium_mg: 2, calcium_mg: 50 },
    '10002': { iron_mg: 3.3, sodium_mg: 240 },
    '10003': { iron_mg: 2, sodium_mg: 700 },
    '10004': { iron_mg: 0.2, sodium_mg: 1 },
    '10005': { iron_mg: 0.5, sodium_mg: 2 },
  };
  const withMicro = (changes: Record<string, Record<string, number>> = {}) => ({
    foods: byIdLookup(
      FOODS.map(
        (f): FoodT => ({
          ...f,
          per100g: { ...f.per100g, micronutrients: { ...micro[f.id], ...changes[f.id] } },
        }),
      ),
    ),
    exercises: byIdLookup(EXERCISES),
  });
  // Two days with the same foods in other slots: the same totals each day. The fixture person
  // is vegetarian; these cases are about the omnivore RDA (the × 1.8 case follows).
  const plan = edit(cleanPlan, (p) => {
    p.request.days = 2;
    p.mealPlan.days = [DAY_1, DAY_2];
    p.request.preferences.diet = 'omnivore';
  });

  it('iron × 1.8 for vegetarians (IOM 2001, ch. 9): 18 × 1.8 = 32.4 mg, so 18.4 mg is under', () => {
    const veg = edit(plan, (p) => (p.request.preferences.diet = 'vegetarian'));
    const r = validatePlan(veg, withMicro());
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ code: 'MICRONUTRIENT_BELOW_DRI', expected: { min: 32.4 } });
    expect(r.violations[0]!.measured).toBeCloseTo(18.4, 9);
  });

  it('no violation when iron is met and sodium is under the limit', () => {
    expect(validatePlan(plan, withMicro()).violations).toEqual([]);
  });

  it('MICRONUTRIENT_BELOW_DRI: lentils at 3.0 mg iron → 9 + 8.5 = 17.5 mg < 18', () => {
    const r = validatePlan(plan, withMicro({ '10002': { iron_mg: 3 } }));
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      code: 'MICRONUTRIENT_BELOW_DRI',
      severity: 'soft',
      path: ['mealPlan', 'days'],
      expected: { min: 18 },
      unit: 'mg/d',
    });
    expect(r.violations[0]!.measured).toBeCloseTo(17.5, 9);
    // A woman of 55 needs 8 mg (RDA 51+): met.
    const older = edit(plan, (p) => (p.request.profile.age = 55));
    expect(validatePlan(older, withMicro({ '10002': { iron_mg: 3 } })).violations).toEqual([]);
  });

  it('MICRONUTRIENT_ABOVE_LIMIT: tofu at 800 mg sodium → 2324.4 mg > 2300', () => {
    const r = validatePlan(plan, withMicro({ '10003': { sodium_mg: 800 } }));
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ code: 'MICRONUTRIENT_ABOVE_LIMIT', expected: { max: 2300 } });
    expect(r.violations[0]!.measured).toBeCloseTo(2324.4, 9);
  });

  it('is skipped under 19, in pregnancy, and when switched off', () => {
    const low = withMicro({ '10002': { iron_mg: 3 } });
    expect(
      validatePlan(
        edit(plan, (p) => (p.request.profile.age = 18)),
        low,
      ).violations,
    ).toEqual([]);
    expect(
      validatePlan(
        edit(plan, (p) => (p.request.profile.pregnant = true)),
        low,
      ).violations,
    ).toEqual([]);
    expect(validatePlan(plan, low, { micronutrients: false }).violations).toEqual([]);
  });
});
