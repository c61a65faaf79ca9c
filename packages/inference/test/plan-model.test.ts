/**
 * generatePlan with real ONNX decoders through onnxruntime-node: an adversarial random-weight
 * model over the current language (test/_randomModel.ts), whose unconstrained output would break
 * every rule, and the committed fixture. Expected: core's validators run independently find no
 * hard violation in any returned plan; anything else is a typed failure, never a throw.
 * (200 requests: scripts/report-generate-plan.ts.)
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byIdLookup, type PlanRequestT, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests } from '@nexfitra/planner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerModelFolder } from '../src/node';
import { generatePlan } from '../src/plan/generatePlan';
import { createRegistry } from '../src/registry/createRegistry';
import { writeRandomPlanModel } from './_randomModel';

const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const registry = createRegistry();

beforeAll(async () => {
  const dir = await writeRandomPlanModel(await mkdtemp(join(tmpdir(), 'nf-plan-model-')), {
    seed: 5,
    adversarial: true,
  });
  registerModelFolder(registry, dir, { id: 'random' });
  registerModelFolder(registry, join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2'), {
    id: 'fixture',
  });
});
afterAll(() => registry.dispose());

const SODIUM_PER_100G = new Map(FOODS.map((f) => [f.id, f.per100g.micronutrients?.sodium_mg ?? 0]));

/** Days over 2,300 mg sodium, summed here from the catalogue's USDA values per 100 g. */
function daysOverSodiumCap(
  days: readonly { meals: readonly { items: readonly { foodId: string; grams: number }[] }[] }[],
): { day: number; mg: number }[] {
  return days.flatMap((d, day) => {
    const mg = d.meals
      .flatMap((m) => m.items)
      .reduce((a, it) => a + (it.grams * (SODIUM_PER_100G.get(it.foodId) ?? 0)) / 100, 0);
    return mg > 2300 ? [{ day, mg }] : [];
  });
}

describe('generatePlan with an ONNX plan model', () => {
  it('adversarial random weights: 0 hard violations over 8 requests, report filled', async () => {
    const reqs = generateRequests(8, 404).map((r) => ({ ...r, days: 1 }));
    let ok = 0;
    for (const [i, req] of reqs.entries()) {
      const r = await generatePlan(req, { registry, model: 'random', seed: i, weeks: 2 });
      if (!r.ok) {
        if (!r.refused) expect(['HARD_VIOLATION', 'UNPARSEABLE']).toContain(r.failure.code);
        continue;
      }
      ok++;
      expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
      expect(r.report.model.backend).toBe('onnxruntime-node');
      expect(r.report.tokens!.stopReason).toBe('complete');
      expect(r.report.tokens!.run).toBeGreaterThan(0);
      expect(r.report.timings.generate).toBeGreaterThan(0);
      expect(r.plan.workoutProgram.weeks).toHaveLength(2);
      // Days over 2,300 mg sodium (summed here from the catalogue's USDA values) are exactly the
      // days the report lists in repair.sodiumOver, each with the same sodium and a reason.
      const over = daysOverSodiumCap(r.plan.mealPlan.days);
      const listed = r.report.repair.sodiumOver ?? [];
      expect(listed.map((x) => x.day)).toEqual(over.map((x) => x.day));
      for (const [k, x] of listed.entries()) {
        expect(x.sodiumMg).toBeCloseTo(over[k]!.mg, 0);
        expect(x.note.length).toBeGreaterThan(0);
      }
    }
    expect(ok).toBeGreaterThanOrEqual(6);
  });

  it('a day the repair cannot bring under 2,300 mg sodium is listed in report.repair.sodiumOver with why', {
    timeout: 60_000,
  }, async () => {
    // A random-weight model that favours the saltiest condiments, written as free items (no dish
    // to swap): salt (38,758 mg Na/100 g in USDA SR24), fish sauce (7,851) and soy sauce (5,637).
    // The repair keeps the foods a model chose (it resizes and adds, never removes), and at their
    // smallest portions (1 g, 5 g, 5 g) one meal of the three already holds about 1,060 mg: four
    // such meals cannot stay under the cap, so the report must list those days.
    const dir = await writeRandomPlanModel(await mkdtemp(join(tmpdir(), 'nf-salty-')), {
      seed: 11,
      favour: ['food:02047', 'food:06179', 'food:16123'],
    });
    registerModelFolder(registry, dir, { id: 'salty' });
    const [base] = generateRequests(1, 7);
    const req: PlanRequestT = {
      ...base!,
      preferences: {
        ...base!.preferences,
        diet: 'omnivore',
        allergens: [],
        dislikedFoodIds: [],
        mealsPerDay: 4,
      },
      days: 2,
    };
    const r = await generatePlan(req, { registry, model: 'salty', weeks: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const over = daysOverSodiumCap(r.plan.mealPlan.days);
    expect(over.length).toBeGreaterThan(0);
    const listed = r.report.repair.sodiumOver ?? [];
    expect(listed.map((x) => x.day)).toEqual(over.map((x) => x.day));
    for (const [k, x] of listed.entries()) {
      expect(x.sodiumMg).toBeCloseTo(over[k]!.mg, 0);
      expect(x.note).toMatch(/over the 2,300 mg cap/);
    }
  });

  it('the committed fixture: a plan, or a typed MODEL_ERROR while its vocabulary lags the language', async () => {
    const [req] = generateRequests(1, 12);
    const r = await generatePlan({ ...req!, days: 1 }, { registry, model: 'fixture', weeks: 1 });
    if (r.ok)
      expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
    else if (!r.refused) expect(['MODEL_ERROR', 'UNPARSEABLE', 'HARD_VIOLATION']).toContain(r.failure.code);
  });
});
