import { byIdLookup, validateMealPlan, validatePlan } from '@nexfitra/core';
import { getDish } from '@nexfitra/core/dishes';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { planMeals } from '../src/meal/planMeals';
import { planPlan } from '../src/plan/planPlan';
import { planTargets } from '../src/plan/planTargets';
import { generateRequests } from '../src/requests/generateRequests';

/*
 * Property over 30 generated requests (2 days each, to keep the suite fast): zero hard
 * violations, and every day the planner calls feasible is within ±3 % kcal and ±5 g of each
 * macro. Everything is recomputed here from the catalogue's tags and per-100 g values.
 */
const byId = new Map(FOODS.map((f) => [f.id, f]));
const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const requests = generateRequests(30, 99, { days: 2, foodIds: FOODS.map((f) => f.id) });

describe('planMeals over generated requests', () => {
  it('never breaks a hard rule and keeps feasible days inside the bands', async () => {
    let feasible = 0;
    for (const req of requests) {
      const t = planTargets(req);
      expect(t.ok).toBe(true);
      if (!t.ok) continue;
      const r = await planMeals(req, t.targets);
      // Core's meal validator agrees: no hard violation (allergen, diet, dislike, meal count…).
      const checked = validateMealPlan(r.mealPlan, req, t.targets, context);
      expect(checked.violations.filter((v) => v.severity === 'hard')).toEqual([]);
      const p = req.preferences;
      const avoid = new Set<string>(p.allergens);
      if (avoid.has('gluten')) avoid.add('wheat');
      expect(r.mealPlan.days).toHaveLength(req.days);
      r.mealPlan.days.forEach((day, d) => {
        expect(day.meals).toHaveLength(p.mealsPerDay);
        const sum = { kcal: 0, protein: 0, fat: 0, carbs: 0 };
        for (const meal of day.meals) {
          expect(meal.items.length).toBeGreaterThan(0);
          for (const it of meal.items) {
            const f = byId.get(it.foodId);
            expect(f).toBeDefined();
            if (!f) continue;
            if (p.diet !== 'omnivore') expect(f.tags.diets).toContain(p.diet);
            expect(f.tags.allergens.filter((a) => avoid.has(a))).toEqual([]);
            expect(p.dislikedFoodIds).not.toContain(it.foodId);
            // A dish's foods follow the dish's meal types (tofu in a breakfast scramble).
            if (it.dishId) expect(getDish(it.dishId).mealTypes).toContain(meal.type);
            else expect(f.tags.mealTypes).toContain(meal.type);
            sum.kcal += (f.per100g.kcal * it.grams) / 100;
            sum.protein += (f.per100g.protein * it.grams) / 100;
            sum.fat += (f.per100g.fat * it.grams) / 100;
            sum.carbs += (f.per100g.carbs * it.grams) / 100;
          }
        }
        const status = r.days[d]!;
        if (status.status === 'feasible') {
          feasible++;
          const eps = 1e-6;
          expect(Math.abs(sum.kcal - t.targets.kcal)).toBeLessThanOrEqual(0.03 * t.targets.kcal + eps);
          expect(Math.abs(sum.protein - t.targets.proteinG)).toBeLessThanOrEqual(5 + eps);
          expect(Math.abs(sum.fat - t.targets.fatG)).toBeLessThanOrEqual(5 + eps);
          expect(Math.abs(sum.carbs - t.targets.carbsG)).toBeLessThanOrEqual(5 + eps);
        } else {
          // Never a silent miss: an infeasible day names at least one target outside its band.
          expect(status.misses.length).toBeGreaterThan(0);
          for (const m of status.misses) expect(m.miss).toBeGreaterThan(0);
          expect(['no-fit', 'time-limit']).toContain(status.missReason);
        }
      });
    }
    // Most generated days are feasible (the 1,000-request report gives the exact share).
    expect(feasible).toBeGreaterThanOrEqual(50);
  });
});

/*
 * Whole plans over other generated requests (2 days, any diet, meals, equipment and injuries):
 * core's `validatePlan` with the core catalogues, called here rather than read from the
 * planner's report, finds no hard violation in any of them.
 */
const planRequests = generateRequests(16, 4242, { days: 2, foodIds: FOODS.map((f) => f.id) });

describe('planPlan over generated requests', () => {
  it('gives plans with zero hard violations under core validatePlan', async () => {
    let planned = 0;
    for (const req of planRequests) {
      const r = await planPlan(req);
      if (!r.ok) continue;
      planned++;
      const v = validatePlan(r.plan, context);
      expect(v.violations.filter((x) => x.severity === 'hard')).toEqual([]);
      expect(v.ok).toBe(true);
      expect(r.report.validation.hard).toEqual([]);
    }
    expect(planned).toBe(planRequests.length);
  });
});
