/**
 * The repair's fix rounds after its re-selections, without a MIP (`timeLimitMs: 0`, so only
 * the deterministic LPs run). The day is one the fixture plan model (datasets/fixtures/
 * tiny-plan-gpt2) wrote for generated request 19 of `generateRequests(48, 7)`: 50 g of cheese
 * for breakfast, 350 g of lime juice at lunch. Its four re-selections alone ended with a
 * macro band missed (the repair before the fix rounds reported the day off band without a MIP).
 * Expected values are the repair's contract, computed by hand from the targets: energy
 * 1,785 kcal ± 3 % = 1,731.45–1,838.55 kcal (the 1,200 kcal female floor lies below), each macro
 * ±5 g (protein 69–79 g, fat 45–55 g, carbs 255–265 g), each meal within ±15 % of the day's
 * energy of its share (core `DEFAULT_MEAL_SHARES` for 3 meals: 30/40/30 %), sodium under
 * the 2,300 mg CDRR (NASEM 2019); totals are recomputed here from the catalogue's per-100 g values.
 */
import { isFoodAllowed, type MealDayT, SODIUM_CDRR_MG, type TargetsSummaryT } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { solvePortions, solvePortionsWith } from '@nexfitra/planner';
import { describe, expect, it } from 'vitest';
import { foodsById } from '../src/plan/_catalogues';
import { dayProblem } from '../src/plan/_dayProblem';
import { repairMealDay } from '../src/plan/repairMeals';

const targets: TargetsSummaryT = { kcal: 1785, proteinG: 74, fatG: 50, carbsG: 260, fiberG: 25 };
const preferences = {
  diet: 'omnivore',
  allergens: [],
  dislikedFoodIds: [],
  cuisines: [],
  mealsPerDay: 3,
} as const;
const day: MealDayT = {
  meals: [
    { type: 'breakfast', items: [{ foodId: '01001', grams: 50 }] },
    {
      type: 'lunch',
      items: [
        { foodId: '02003', grams: 200 },
        { foodId: '09160', grams: 200 },
        { foodId: '09160', grams: 150 },
        { foodId: '07019', grams: 150 },
      ],
    },
    {
      type: 'dinner',
      items: [
        { foodId: '20013', grams: 200 },
        { foodId: '06175', grams: 200 },
        { foodId: '04047', grams: 150 },
        { foodId: '12006', grams: 50 },
      ],
    },
  ],
};

describe('repairMealDay: fix rounds before the MIP', () => {
  it('lands a fixture-model day inside every band with LPs alone, foods only from the allowed list', async () => {
    const allowed = FOODS.filter((f) => isFoodAllowed(f, preferences as never));
    const r = await repairMealDay({
      day,
      dayIndex: 1,
      targets,
      sex: 'female',
      foodsById: foodsById(),
      allowed,
      seed: 19,
      timeLimitMs: 0,
    });
    const foods = foodsById();
    const t = { kcal: 0, protein: 0, fat: 0, carbs: 0, sodium: 0 };
    const mealKcal = r.mealDay.meals.map((meal) => {
      let k = 0;
      for (const it of meal.items) {
        const p = foods.get(it.foodId)!.per100g;
        const g = it.grams / 100;
        k += p.kcal * g;
        t.protein += p.protein * g;
        t.fat += p.fat * g;
        t.carbs += p.carbs * g;
        t.sodium += (p.micronutrients?.sodium_mg ?? 0) * g;
        expect(allowed.some((f) => f.id === it.foodId)).toBe(true);
      }
      t.kcal += k;
      return k;
    });
    expect(r.inBand).toBe(true);
    expect(t.kcal).toBeGreaterThanOrEqual(1731.45);
    expect(t.kcal).toBeLessThanOrEqual(1838.55);
    expect(Math.abs(t.protein - 74)).toBeLessThanOrEqual(5);
    expect(Math.abs(t.fat - 50)).toBeLessThanOrEqual(5);
    expect(Math.abs(t.carbs - 260)).toBeLessThanOrEqual(5);
    [0.3, 0.4, 0.3].forEach((share, m) => {
      expect(Math.abs(mealKcal[m]! / 1785 - share)).toBeLessThanOrEqual(0.15 + 1e-9);
    });
    // Sodium: under the cap, or over it with the reason (this day has no dish to swap: loose
    // foods only). With the loose items' house ranges in the first estimate of what the day can
    // reach, the fix rounds add other foods and the day ends at 2,366 mg, 66 mg over (on 60
    // fixture plans as many days end over the cap as before, 42 of 420, and 12 more in band).
    if (t.sodium > SODIUM_CDRR_MG) expect(r.sodiumNote).toMatch(/./);
    expect(t.sodium).toBeLessThanOrEqual(SODIUM_CDRR_MG * 1.05);
    // The report's totals are the catalogue's sums (the same numbers, independently added).
    expect(r.totals.kcal).toBeCloseTo(t.kcal, 6);
    // Every added food comes with its reason.
    for (const s of r.swaps) expect(s.reason.length).toBeGreaterThan(0);
  });
});

describe('the re-selections solve with closest lp', () => {
  it('gives the plan solvePortions gives with no MIP time, also for a day that misses its bands', async () => {
    // The day as proposed (cheese-only breakfast): no portions of these foods meet every band,
    // so the closest-plan path runs; the planner's documented solvePortions is the reference.
    const foods = foodsById();
    const draft = day.meals.map((m) => ({
      type: m.type,
      items: m.items.map((it) => ({ food: foods.get(it.foodId)!, grams: it.grams, optional: false })),
    }));
    const problem = dayProblem(draft, targets, 'female', 0.05, 0);
    const lp = await solvePortionsWith(problem, { closest: 'lp' });
    const reference = await solvePortions(problem);
    expect(lp.misses.some((m) => m.hard)).toBe(true);
    expect(lp.portions).toEqual(reference.portions);
    expect(lp.misses).toEqual(reference.misses);
  });
});
