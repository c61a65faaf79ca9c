/**
 * The cheaper paths of generatePlan and what the report must carry. Expected values:
 * - the proposal's own totals: hand sums from the catalogue's per-100 g values (USDA SR24:
 *   chicken breast roasted 165 kcal, 31.02 g protein, 3.57 g fat; white rice cooked 130 kcal,
 *   2.69 g protein, 0.28 g fat, 28.17 g carbohydrate);
 * - the repair's sodium bound: the 2,300 mg chronic-disease risk reduction intake (NASEM 2019,
 *   core `SODIUM_CDRR_MG`), summed here from the catalogue's sodium (ham roasted 1,500 mg/100 g);
 * - batched sessions and days: core's validator on the plan, the programmer's weekdays for the
 *   request (`programWorkout`), and the single-sequence loop's own argmax (rank 0 of a diverse
 *   batch must be it).
 */
import { join } from 'node:path';
import { byIdLookup, type PlanRequestT, SODIUM_CDRR_MG, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { createGrammar, formatRequest } from '@nexfitra/core/language';
import { generateRequests, planTargets, programWorkout } from '@nexfitra/planner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBranches, grammarConstraint, type LoadedModel } from '../src/index';
import { loadModel, registerModelFolder } from '../src/node';
import { foodsById } from '../src/plan/_catalogues';
import { generatePlan } from '../src/plan/generatePlan';
import { repairMealDay } from '../src/plan/repairMeals';
import { createRegistry } from '../src/registry/createRegistry';
import type { TextPlanModel } from '../src/registry/types';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const food = (id: string) => FOODS.find((f) => f.id === id)!;
const sodium = (id: string) => food(id).per100g.micronutrients?.sodium_mg ?? 0;

/** A text model that always writes `text` (a proposal whose numbers the test knows). */
function fixedModel(text: string): TextPlanModel {
  return {
    kind: 'text',
    info: { id: 'test:fixed', kind: 'text', name: 'fixed text', version: '0.0.0', description: 'fixed' },
    async generate() {
      const n = text.split(' ').length;
      return { text, stopReason: 'complete', tokensEmitted: n, tokensRun: n };
    },
  };
}

const [base] = generateRequests(1, 44);
const request: PlanRequestT = {
  ...base!,
  days: 1,
  goal: { type: 'maintain' },
  preferences: {
    ...base!.preferences,
    diet: 'omnivore',
    allergens: [],
    dislikedFoodIds: [],
    injuries: [],
    equipment: ['bodyweight', 'dumbbells'],
    excludedExerciseIds: [],
    mealsPerDay: 2,
    trainingDaysPerWeek: 1,
  },
};

describe('generatePlan report: the model proposal before repair', () => {
  it('per-day kcal and macros of the proposal as written (hand sums), next to the repaired totals', async () => {
    const meal = (type: string) => `<meal:${type}> food:05064 g:100 food:20045 g:150`;
    const text = `<plan> <workout> split:full-body <week> <session> d:0 name:full-body ex:push-up r:8 rest:60 x:3 <meals> <day> ${meal('lunch')} ${meal('dinner')} </plan>`;
    const r = await generatePlan(request, { model: fixedModel(text), weeks: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    // Per meal: chicken 100 g + rice 150 g = 165 + 195 = 360 kcal; 31.02 + 4.035 = 35.055 g protein;
    // 3.57 + 0.42 = 3.99 g fat; 42.255 g carbohydrate. Two meals.
    const [p] = r.report.proposedDayTotals!;
    expect(p!.kcal).toBeCloseTo(720, 6);
    expect(p!.proteinG).toBeCloseTo(70.11, 6);
    expect(p!.fatG).toBeCloseTo(7.98, 6);
    expect(p!.carbsG).toBeCloseTo(84.51, 6);
    // The repaired day is inside the energy band; the proposal (720 kcal) was not.
    expect(Math.abs(r.report.dayTotals[0]!.kcal - r.targets.kcal)).toBeLessThanOrEqual(
      0.03 * r.targets.kcal + 1e-6,
    );
    expect(Math.abs(p!.kcal - r.targets.kcal)).toBeGreaterThan(0.03 * r.targets.kcal);
  });
});

describe('repairMealDay keeps the planner’s sodium bound', () => {
  it('a proposal with 3,000 mg of sodium from ham comes back under 2,300 mg and inside the bands', async () => {
    // Lunch: chicken 100 g, rice 300 g, roasted ham 200 g (3,000 mg sodium); dinner: chicken 200 g, rice 300 g.
    const day = {
      meals: [
        {
          type: 'lunch' as const,
          items: [
            { foodId: '05064', grams: 100 },
            { foodId: '20045', grams: 300 },
            { foodId: '10136', grams: 200 },
          ],
        },
        {
          type: 'dinner' as const,
          items: [
            { foodId: '05064', grams: 200 },
            { foodId: '20045', grams: 300 },
          ],
        },
      ],
    };
    const sum = (d: typeof day, f: (id: string) => number) =>
      d.meals.flatMap((m) => m.items).reduce((s, it) => s + (f(it.foodId) * it.grams) / 100, 0);
    expect(sum(day, sodium)).toBeGreaterThan(SODIUM_CDRR_MG);
    const r = await repairMealDay({
      day,
      dayIndex: 0,
      targets: { kcal: 1700, proteinG: 160, fatG: 25, carbsG: 185 },
      sex: 'female',
      foodsById: foodsById(),
      allowed: FOODS,
      seed: 0,
    });
    expect(r.inBand).toBe(true);
    expect(sum(r.mealDay as typeof day, sodium)).toBeLessThanOrEqual(SODIUM_CDRR_MG);
  });
});

describe('meal-plan days decoded as one batch (committed fixture)', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadModel(FIXTURE);
  });
  afterAll(() => model?.dispose());

  it('diverse branches: rank 0 is the greedy branch, the others start from distinct first choices', async () => {
    const t = planTargets(request);
    if (!t.ok) throw new Error('refused');
    const grammar = createGrammar({ ...request, days: 4 }, { weeks: 1 });
    const prompt = formatRequest(request, t.targets);
    const branches = (n: number) =>
      Array.from({ length: n }, () => grammarConstraint(grammar, model.tokenizer));
    const plain = await generateBranches(model, { prompt, branches: branches(1), maxNewTokens: 40 });
    const diverse = await generateBranches(model, {
      prompt,
      branches: branches(3),
      maxNewTokens: 40,
      diverse: true,
    });
    expect(diverse.branches[0]!.tokenIds).toEqual(plain.branches[0]!.tokenIds);
    // The first real choice is the split (after the forced `<plan> <workout>`): three different splits.
    const splits = diverse.branches.map((b) => b.tokenIds[2]);
    expect(new Set(splits).size).toBe(3);
  });

  it('generatePlan: fewer model runs than the sequential loop, days that differ, 0 hard violations', async () => {
    const registry = createRegistry();
    registerModelFolder(registry, FIXTURE, { id: 'fixture' });
    try {
      const week = {
        ...request,
        days: 4,
        preferences: { ...request.preferences, mealsPerDay: 3, trainingDaysPerWeek: 3 },
      };
      const batched = await generatePlan(week, { registry, model: 'fixture', weeks: 1 });
      const sequential = await generatePlan(week, { registry, model: 'fixture', weeks: 1, batch: false });
      if (!batched.ok || !sequential.ok) throw new Error('no plan from the fixture');
      for (const r of [batched, sequential]) {
        expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
      }
      expect(batched.report.tokens!.run).toBeLessThan(sequential.report.tokens!.run);
      expect(batched.report.tokens!.run).toBeLessThan(batched.report.tokens!.emitted);
      // The sessions ran as one batch on the programmer's weekdays for this request and seed,
      // each from a different rank of the session-name choice.
      const sessions = batched.plan.workoutProgram.weeks[0]!.sessions;
      const days = programWorkout(week, { seed: week.seed ?? 0, weeks: 1 }).program.weeks[0]!.sessions;
      expect(sessions.map((x) => x.day)).toEqual(days.map((x) => x.day));
      expect(new Set(sessions.map((x) => x.name)).size).toBe(3);
      // Each day's first breakfast food is a different rank of the same choice: all distinct.
      const firsts = batched.plan.mealPlan.days.map((d) => d.meals[0]!.items[0]!.foodId);
      expect(new Set(firsts).size).toBe(4);
    } finally {
      await registry.dispose();
    }
  });
});
