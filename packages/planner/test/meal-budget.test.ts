import type { PlanRequestT, TargetsSummaryT } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { planMeals } from '../src/meal/planMeals';
import { DEFAULT_TIME_BUDGET_MS } from '../src/meal/types';
import { createPlan, PLAN_TIME_BUDGET_MS } from '../src/plan/planPlan';

/*
 * The whole-plan time budget (issue 8): once it is spent, each remaining day takes the lean path
 * the planMeals contract states — one dish try, at most two single-food selections, no MIP —
 * and still gets a complete, safe day. Expected values come from that contract and from the
 * food data (energy recomputed here from grams × per-100 g values), not from the planner.
 * Targets: 2,400 kcal = 4·130 + 4·290 + 9·80.
 */
const TARGETS: TargetsSummaryT = { kcal: 2400, proteinG: 130, fatG: 80, carbsG: 290, fiberG: 34 };
const byId = new Map(FOODS.map((f) => [f.id, f]));
const request = (prefs: Partial<PlanRequestT['preferences']> = {}, days = 7, seed = 5) =>
  makeRequest({ preferences: { mealsPerDay: 3, ...prefs }, days, seed });

describe('the meal plan time budget', () => {
  it('with the budget spent at the start, every day takes the lean path and stays whole', async () => {
    for (const diet of ['omnivore', 'vegan'] as const) {
      const r = await planMeals(request({ diet }), TARGETS, { timeBudgetMs: 0 });
      expect(r.mealPlan.days).toHaveLength(7);
      for (const [d, day] of r.days.entries()) {
        expect(r.mealPlan.days[d]!.meals).toHaveLength(3);
        // Lean: one dish try; a single-food rebuild of at most two selections; never a MIP.
        expect(day.attempts).toBeLessThanOrEqual(day.foodFallback ? 2 : 1);
        expect(day.method).toBe('lp-round');
        if (day.status === 'feasible') {
          let kcal = 0;
          for (const m of r.mealPlan.days[d]!.meals)
            for (const x of m.items) kcal += (byId.get(x.foodId)!.per100g.kcal * x.grams) / 100;
          expect(Math.abs(kcal - TARGETS.kcal)).toBeLessThanOrEqual(0.03 * TARGETS.kcal + 1e-6);
        } else {
          // More time might have fitted it: said so, never a silent miss.
          expect(day.missReason).toBe('time-limit');
          expect(day.misses.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('states the budgets: 300 ms for the meal plan inside 450 ms for createPlan', async () => {
    expect(DEFAULT_TIME_BUDGET_MS).toBe(300);
    expect(PLAN_TIME_BUDGET_MS).toBeGreaterThan(DEFAULT_TIME_BUDGET_MS);
    // The default budget leaves an ordinary week untouched: the full search, not the lean path.
    const r = await createPlan(request({}, 7, 11));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.report.mealDays.every((d) => d.missReason !== 'time-limit')).toBe(true);
  });
});
