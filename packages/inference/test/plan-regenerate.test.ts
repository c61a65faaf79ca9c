/**
 * regenerate: one meal or one session replaced, the rest of the plan identical, hard rules kept.
 * Expected values: the plan before the call (what must not change), the catalogue's tags for the
 * request's diet, allergens and equipment, and the bands (energy ±3 %, each macro ±5 g) checked
 * on totals recomputed from the catalogue's per-100 g values.
 */
import { byIdLookup, isNexFitraError, type PlanT, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests } from '@nexfitra/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../src/plan/generatePlan';
import { regenerate } from '../src/plan/regenerate';

const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const food = (id: string) => FOODS.find((f) => f.id === id)!;
let plan: PlanT;

beforeAll(async () => {
  const [req] = generateRequests(1, 31);
  const r = await generatePlan({ ...req!, days: 3, preferences: { ...req!.preferences, mealsPerDay: 3 } });
  if (!r.ok) throw new Error('the rule planner should plan this request');
  plan = r.plan;
});

describe('regenerate a meal', () => {
  it('replaces the lunch of day 2, keeps the other days identical, re-solves the day into its bands', async () => {
    const r = await regenerate(plan, { day: 1, meal: 1 });
    if (!r.ok) throw new Error(r.failure.message);
    const before = plan.mealPlan.days;
    const after = r.plan.mealPlan.days;
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
    expect(r.plan.workoutProgram).toEqual(plan.workoutProgram);
    // The other meals of that day keep their foods (their grams may be re-solved).
    for (const m of [0, 2]) {
      expect(after[1]!.meals[m]!.items.map((x) => x.foodId)).toEqual(
        before[1]!.meals[m]!.items.map((x) => x.foodId),
      );
    }
    expect(r.added.length + r.removed.length).toBeGreaterThan(0);
    // Every food of the new lunch fits the diet and the allergens (catalogue tags).
    const prefs = plan.request.preferences;
    for (const it of after[1]!.meals[1]!.items) {
      const f = food(it.foodId);
      expect(f.tags.diets).toContain(prefs.diet);
      expect(f.tags.allergens.filter((a) => prefs.allergens.includes(a))).toEqual([]);
      expect(prefs.dislikedFoodIds).not.toContain(it.foodId);
    }
    const t = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0 };
    for (const m of after[1]!.meals) {
      for (const it of m.items) {
        const p = food(it.foodId).per100g;
        t.kcal += (p.kcal * it.grams) / 100;
        t.proteinG += (p.protein * it.grams) / 100;
        t.fatG += (p.fat * it.grams) / 100;
        t.carbsG += (p.carbs * it.grams) / 100;
      }
    }
    if (r.inBand) {
      expect(Math.abs(t.kcal - plan.targets.kcal)).toBeLessThanOrEqual(0.03 * plan.targets.kcal + 1e-6);
      for (const k of ['proteinG', 'fatG', 'carbsG'] as const) {
        expect(Math.abs(t[k] - plan.targets[k])).toBeLessThanOrEqual(5 + 1e-6);
      }
    }
    expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
  });
});

describe('regenerate a session', () => {
  it('replaces one session on the same weekday; every other session and week is identical', async () => {
    const r = await regenerate(plan, { week: 0, session: 1 });
    if (!r.ok) throw new Error(r.failure.message);
    const before = plan.workoutProgram.weeks;
    const after = r.plan.workoutProgram.weeks;
    expect(after.slice(1)).toEqual(before.slice(1));
    after[0]!.sessions.forEach((s, i) => {
      if (i !== 1) expect(s).toEqual(before[0]!.sessions[i]);
    });
    const s = after[0]!.sessions[1]!;
    expect(s.day).toBe(before[0]!.sessions[1]!.day);
    expect(s.name).toBe(before[0]!.sessions[1]!.name);
    expect(s.exercises.map((x) => x.exerciseId)).not.toEqual(
      before[0]!.sessions[1]!.exercises.map((x) => x.exerciseId),
    );
    expect(r.plan.mealPlan).toEqual(plan.mealPlan);
    // Equipment the person has (catalogue tags), and nothing contraindicated for their injuries.
    const prefs = plan.request.preferences;
    for (const x of s.exercises) {
      const e = EXERCISES.find((y) => y.id === x.exerciseId)!;
      expect(e.equipment.every((q) => q === 'bodyweight' || prefs.equipment.includes(q))).toBe(true);
      expect(e.contraindications.filter((c) => prefs.injuries.includes(c))).toEqual([]);
    }
    expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
  });

  it('a target outside the plan is a typed error naming the field', async () => {
    const e = await regenerate(plan, { day: 9, meal: 0 }).catch((x: unknown) => x);
    expect(isNexFitraError(e) && e.code).toBe('OUT_OF_RANGE');
    expect(isNexFitraError(e) && e.path.join('.')).toBe('target.day');
    const f = await regenerate(plan, { week: 0, session: 99 }).catch((x: unknown) => x);
    expect(isNexFitraError(f) && f.path.join('.')).toBe('target.session');
  });
});
