/**
 * generatePlan and its repair steps. Expected values: hand calculations from the catalogue's
 * per-100 g values (USDA SR24: chicken breast roasted 165 kcal, 31.02 g protein, 3.57 g fat;
 * white rice cooked 130 kcal, 2.69 g protein, 0.28 g fat, 28.17 g carbohydrate), the bands the
 * product promises (energy ±3 %, each macro ±5 g), core's validators run independently, and the
 * targets safety policy (MINOR under 18, PREGNANCY).
 */
import {
  byIdLookup,
  isNexFitraError,
  type PlanRequestT,
  type ProgramWeekT,
  validatePlan,
} from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests, RULE_PLANNER } from '@nexfitra/planner';
import { describe, expect, it } from 'vitest';
import { foodsById } from '../src/plan/_catalogues';
import { extendProgram } from '../src/plan/extendProgram';
import { generatePlan } from '../src/plan/generatePlan';
import { repairMealDay } from '../src/plan/repairMeals';
import type { PlanPart } from '../src/plan/types';
import { grammarWalkModel } from './plan.fixtures';

const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const hard = (plan: unknown) => validatePlan(plan, context).violations.filter((v) => v.severity === 'hard');
const food = (id: string) => FOODS.find((f) => f.id === id)!;

function totals(day: { meals: readonly { items: readonly { foodId: string; grams: number }[] }[] }) {
  const t = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0 };
  for (const m of day.meals) {
    for (const it of m.items) {
      const p = food(it.foodId).per100g;
      t.kcal += (p.kcal * it.grams) / 100;
      t.proteinG += (p.protein * it.grams) / 100;
      t.fatG += (p.fat * it.grams) / 100;
      t.carbsG += (p.carbs * it.grams) / 100;
    }
  }
  return t;
}

describe('generatePlan with builtin:rules', () => {
  it('returns the rule planner’s plan: validated, every day within the bands', async () => {
    const [req] = generateRequests(1, 21);
    const r = await generatePlan({ ...req!, days: 3 }, { seed: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.plan.generatedBy).toEqual(RULE_PLANNER);
    expect(hard(r.plan)).toEqual([]);
    for (const day of r.plan.mealPlan.days) {
      const t = totals(day);
      expect(Math.abs(t.kcal - r.targets.kcal)).toBeLessThanOrEqual(0.03 * r.targets.kcal + 1e-6);
      expect(Math.abs(t.proteinG - r.targets.proteinG)).toBeLessThanOrEqual(5 + 1e-6);
    }
    expect(r.report.chosen.foodIds.length).toBeGreaterThan(3);
    expect(r.report.repair.gramsMoved).toBe(0);
    // Same seed, same plan (the rule planner is deterministic).
    const again = await generatePlan({ ...req!, days: 3 }, { seed: 2 });
    expect(again.ok && again.plan).toEqual(r.plan);
  });

  it('refusals come back typed (targets safety policy): a minor, a pregnancy', async () => {
    const [req] = generateRequests(1, 4);
    const minor: PlanRequestT = { ...req!, profile: { ...req!.profile, age: 15 } };
    const r = await generatePlan(minor);
    expect(r.ok).toBe(false);
    if (r.ok || !r.refused) throw new Error('expected a refusal');
    expect(r.refusal.reasons.map((x) => x.code)).toContain('MINOR');
    const pregnant: PlanRequestT = {
      ...req!,
      profile: { ...req!.profile, age: 30, sex: 'female', pregnant: true },
    };
    const p = await generatePlan(pregnant, { model: grammarWalkModel() });
    if (p.ok || !p.refused) throw new Error('expected a refusal');
    expect(p.refusal.reasons.map((x) => x.code)).toContain('PREGNANCY');
  });

  it('bad input throws a typed error naming the field', async () => {
    const [req] = generateRequests(1, 4);
    const e1 = await generatePlan({ ...req!, days: 0 }).catch((e: unknown) => e);
    expect(isNexFitraError(e1) && e1.code).toBe('SCHEMA');
    const e2 = await generatePlan(req!, { seed: -1 }).catch((e: unknown) => e);
    expect(isNexFitraError(e2) && e2.path.join('.')).toBe('options.seed');
  });
});

describe('generatePlan with a text model (random choices under the grammar)', () => {
  it('0 hard violations over 16 generated requests (200: scripts/report-generate.ts); failures only typed; report filled', async () => {
    const model = grammarWalkModel();
    const reqs = generateRequests(16, 99).map((r) => ({ ...r, days: 1 }));
    let ok = 0;
    for (const [i, req] of reqs.entries()) {
      const r = await generatePlan(req, { model, seed: i, weeks: 2 });
      if (r.ok) {
        ok++;
        expect(hard(r.plan)).toEqual([]);
        expect(r.plan.workoutProgram.weeks).toHaveLength(2);
        expect(r.report.tokens?.stopReason).toBe('complete');
        expect(r.report.chosen.foodIds.length).toBeGreaterThan(0);
        for (const k of ['targets', 'prompt', 'generate', 'parse', 'repair', 'validate', 'total'] as const) {
          expect(r.report.timings[k]).toBeGreaterThanOrEqual(0);
        }
      } else if (!r.refused) {
        expect(['HARD_VIOLATION', 'UNPARSEABLE']).toContain(r.failure.code);
      }
    }
    expect(ok).toBeGreaterThanOrEqual(14);
  });

  it('abort and a token budget too small give typed failures, not throws', async () => {
    const [req] = generateRequests(1, 5);
    const ac = new AbortController();
    ac.abort();
    const a = await generatePlan({ ...req!, days: 1 }, { model: grammarWalkModel(), signal: ac.signal });
    expect(!a.ok && !a.refused && a.failure.code).toBe('ABORTED');
    const b = await generatePlan({ ...req!, days: 1 }, { model: grammarWalkModel(), maxNewTokens: 5 });
    expect(!b.ok && !b.refused && b.failure.code).toBe('UNPARSEABLE');
    expect(!b.ok && !b.refused && b.report?.tokens?.stopReason).toBe('max-tokens');
  });

  it('streams every finished part in plan order: each session of each week, then each day', async () => {
    const [req] = generateRequests(1, 6);
    const parts: PlanPart[] = [];
    const r = await generatePlan(
      { ...req!, days: 2 },
      { model: grammarWalkModel(), weeks: 2, onPart: (p) => parts.push(p) },
    );
    if (!r.ok) throw new Error('expected a plan');
    const sessions = r.plan.workoutProgram.weeks.reduce((n, w) => n + w.sessions.length, 0);
    expect(parts.filter((p) => p.kind === 'session')).toHaveLength(sessions);
    expect(parts.filter((p) => p.kind === 'day').map((p) => (p.kind === 'day' ? p.day : -1))).toEqual([0, 1]);
    expect(parts.findIndex((p) => p.kind === 'day')).toBe(sessions);
  });
});

describe('repairMealDay', () => {
  // Per meal: chicken 200 g + rice 300 g = 720 kcal, 70.11 g protein, 7.98 g fat, 84.51 g carbs
  // (165·2 + 130·3; 31.02·2 + 2.69·3; 3.57·2 + 0.28·3; 28.17·3). Two such meals: the day below.
  const targets = { kcal: 1440, proteinG: 140, fatG: 16, carbsG: 169 };
  const meal = (chicken: number, rice: number, type: 'lunch' | 'dinner') => ({
    type,
    items: [
      { foodId: '05064', grams: chicken },
      { foodId: '20045', grams: rice },
    ],
  });
  const input = (chicken: number, rice: number) => ({
    day: { meals: [meal(chicken, rice, 'lunch'), meal(chicken, rice, 'dinner')] },
    dayIndex: 0,
    targets,
    sex: 'female' as const,
    foodsById: foodsById(),
    allowed: FOODS,
    seed: 0,
  });

  it('keeps a day already inside every band as it is', async () => {
    const r = await repairMealDay(input(200, 300));
    expect(r.inBand).toBe(true);
    expect(r.gramsMoved).toBe(0);
    expect(r.mealDay).toEqual(input(200, 300).day);
  });

  it('re-solves a half-sized day into the bands and reports the grams moved', async () => {
    const r = await repairMealDay(input(100, 150));
    expect(r.inBand).toBe(true);
    const t = totals(r.mealDay);
    expect(t.kcal).toBeGreaterThanOrEqual(1440 * 0.97);
    expect(t.kcal).toBeLessThanOrEqual(1440 * 1.03);
    expect(Math.abs(t.proteinG - 140)).toBeLessThanOrEqual(5);
    expect(Math.abs(t.fatG - 16)).toBeLessThanOrEqual(5);
    expect(Math.abs(t.carbsG - 169)).toBeLessThanOrEqual(5);
    const moved = r.mealDay.meals
      .flatMap((m) => m.items)
      .reduce((g, it) => g + Math.abs(it.grams - (it.foodId === '05064' ? 100 : 150)), 0);
    expect(r.gramsMoved).toBe(moved);
  });
});

describe('extendProgram', () => {
  const set = (reps: number | { min: number; max: number }, rir: number) => ({
    reps,
    load: { type: 'rir' as const, value: rir },
    restSeconds: 90,
  });
  const week = (deload: boolean, n: number, reps: number, rir: number): ProgramWeekT => ({
    deload,
    sessions: [
      {
        day: 0,
        name: 'Full body A',
        exercises: [{ exerciseId: 'goblet-squat', sets: Array(n).fill(set(reps, rir)) }],
      },
    ],
  });
  it('applies the reference’s week-to-week change to the generated week 1 (hand-worked)', () => {
    // Reference: 3 × 8 @ RIR 3, then 3 × 9 @ RIR 2, then a deload 2 × 8 @ RIR 4.
    const reference = {
      schemaVersion: '1.0.0',
      split: 'full-body',
      weeks: [week(false, 3, 8, 3), week(false, 3, 9, 2), week(true, 2, 8, 4)],
    };
    // Generated week 1: 4 × 6–8 @ RIR 3 of another exercise.
    const gen = {
      schemaVersion: '1.0.0',
      split: 'full-body',
      weeks: [
        {
          deload: false,
          sessions: [
            {
              day: 1,
              name: 'Full body A',
              exercises: [
                { exerciseId: 'dumbbell-bench-press', sets: Array(4).fill(set({ min: 6, max: 8 }, 3)) },
              ],
            },
          ],
        },
      ],
    };
    const out = extendProgram(gen, reference);
    expect(out.weeks).toHaveLength(3);
    // Week 2: reps +1, RIR −1, sets × 3/3 → 4 × 7–9 @ RIR 2.
    expect(out.weeks[1]!.sessions[0]!.exercises[0]!.sets).toEqual(Array(4).fill(set({ min: 7, max: 9 }, 2)));
    // Week 3: deload, reps +0, RIR +1, sets × 2/3 → round(8/3) = 3 × 6–8 @ RIR 4.
    expect(out.weeks[2]!.deload).toBe(true);
    expect(out.weeks[2]!.sessions[0]!.exercises[0]!.sets).toEqual(Array(3).fill(set({ min: 6, max: 8 }, 4)));
    expect(out.weeks[2]!.sessions[0]!.day).toBe(1);
  });
});
