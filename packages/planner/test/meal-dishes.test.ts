import { NexFitraError, type PlanRequestT, type TargetsSummaryT } from '@nexfitra/core';
import { dishesFor, getDish } from '@nexfitra/core/dishes';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { planMeals } from '../src/meal/planMeals';

/*
 * Dish-mode properties, each checked against the dish catalogue and the food data directly
 * (not the planner's own bookkeeping). Targets written out: 2,400 kcal = 4·130 + 4·290 + 9·80.
 */
const TARGETS: TargetsSummaryT = { kcal: 2400, proteinG: 130, fatG: 80, carbsG: 290, fiberG: 34 };
const byId = new Map(FOODS.map((f) => [f.id, f]));
const request = (prefs: Partial<PlanRequestT['preferences']> = {}, days = 7, seed = 5) =>
  makeRequest({ preferences: { mealsPerDay: 3, ...prefs }, days, seed });

describe('planMeals with dishes', () => {
  it('serves only dishes the person may eat, for their meal types, each item a component of its dish', async () => {
    const req = request({ diet: 'vegetarian', allergens: ['tree-nuts'] });
    const r = await planMeals(req, TARGETS);
    expect(r.mode).toBe('dishes');
    for (const day of r.mealPlan.days) {
      for (const meal of day.meals) {
        const allowed = new Set(
          dishesFor({ diet: 'vegetarian', allergens: ['tree-nuts'], mealType: meal.type }).map((d) => d.id),
        );
        for (const it of meal.items) {
          expect(it.dishId).toBeDefined();
          expect(allowed.has(it.dishId!)).toBe(true);
          expect(getDish(it.dishId!).components.map((c) => c.foodId)).toContain(it.foodId);
          const f = byId.get(it.foodId)!;
          expect(f.tags.diets).toContain('vegetarian');
          expect(f.tags.allergens).not.toContain('tree-nuts');
        }
      }
    }
  });

  it('keeps sodium at or under 2,300 mg a day, or says so with a soft sodium miss', async () => {
    const r = await planMeals(request(), TARGETS);
    r.mealPlan.days.forEach((day, d) => {
      let sodium = 0;
      for (const m of day.meals)
        for (const it of m.items)
          sodium += ((byId.get(it.foodId)!.per100g.micronutrients?.sodium_mg ?? 0) * it.grams) / 100;
      const told = r.days[d]!.softMisses.some((m) => m.target === 'sodiumMg');
      if (!told) expect(sodium).toBeLessThanOrEqual(2300 + 1e-6);
      else expect(sodium).toBeGreaterThan(2300);
    });
  });

  it('turns a dinner that keeps into the next day’s lunch, and rotates two or three breakfasts', async () => {
    const r = await planMeals(request(), TARGETS);
    const main = (d: number, m: number) => r.days[d]!.dishes![m]![0]!;
    let leftovers = 0;
    for (let d = 1; d < 7; d++) {
      const dinner = main(d - 1, 2);
      if (getDish(dinner).keepsAsLeftovers && getDish(dinner).mealTypes.includes('lunch'))
        leftovers += main(d, 1) === dinner ? 1 : 0;
    }
    expect(leftovers).toBeGreaterThan(0);
    const breakfasts = new Set(Array.from({ length: 7 }, (_, d) => main(d, 0)));
    expect(breakfasts.size).toBeGreaterThanOrEqual(2);
    expect(breakfasts.size).toBeLessThanOrEqual(3);
  });

  it('leans towards the preferred cuisine', async () => {
    const share = async (cuisines: string[]) => {
      const r = await planMeals(request({ cuisines }), TARGETS);
      const mains = r.days.flatMap((d) => d.dishes!.map((ids) => ids[0]!));
      return mains.filter((id) => getDish(id).cuisines.includes('indian')).length / mains.length;
    };
    expect(await share(['indian'])).toBeGreaterThan(await share([]));
  });

  it('search "best" is deterministic and reported; mode "foods" plans single foods', async () => {
    const o = { search: 'best' as const, dayTimeBudgetMs: 60000, timeBudgetMs: 600000 };
    const a = await planMeals(request({}, 3), TARGETS, o);
    const b = await planMeals(request({}, 3), TARGETS, o);
    expect(a.search).toBe('best');
    expect(b.mealPlan).toEqual(a.mealPlan);
    const f = await planMeals(request({}, 2), TARGETS, { mode: 'foods' });
    expect(f.mode).toBe('foods');
    expect(
      f.mealPlan.days.flatMap((d) => d.meals.flatMap((m) => m.items)).every((x) => x.dishId === undefined),
    ).toBe(true);
  });

  it('types every miss of a day no dish can fit (300 g protein for a vegan without soy or gluten)', async () => {
    // 300 g protein is half of 2,400 kcal: no vegan dish without soy, wheat, peanuts, tree nuts
    // and sesame comes near it. Budgets no search reaches, so every try runs.
    const req = request(
      { diet: 'vegan', allergens: ['soy', 'wheat', 'gluten', 'peanuts', 'tree-nuts', 'sesame'] },
      1,
    );
    const r = await planMeals(
      req,
      { kcal: 2400, proteinG: 300, fatG: 60, carbsG: 165 },
      { dayTimeBudgetMs: 60000, timeBudgetMs: 600000 },
    );
    const day = r.days[0]!;
    expect(day.status).toBe('infeasible');
    const protein = day.misses.find((m) => m.target === 'proteinG')!;
    expect(protein).toMatchObject({ direction: 'under', goal: 300, tolerance: 5 });
    let sum = 0;
    for (const m of r.mealPlan.days[0]!.meals)
      for (const it of m.items) sum += (byId.get(it.foodId)!.per100g.protein * it.grams) / 100;
    expect(protein.value).toBeCloseTo(sum, 6);
    expect(protein.miss).toBeCloseTo(295 - sum, 6);
    expect(day.missReason).toBe('no-fit');
  });

  it('rejects an unknown search or mode with a typed error naming the option', async () => {
    for (const [k, v] of [
      ['search', 'slow'],
      ['mode', 'recipes'],
    ] as const) {
      const e = await planMeals(request({}, 1), TARGETS, { [k]: v } as never).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NexFitraError);
      expect(e).toMatchObject({ code: 'INVALID_ENUM', path: ['options', k], value: v });
    }
  });
});
