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
    // Request general-0250 of the eval suite `standard`: with the shipped default model its day 7
    // was 4,428 mg when this test was written (310 g of wakame, a free food no dish swap can
    // replace). If the repair learns to fix that day, pick another over-cap request.
    registerModelFolder(registry, join(__dirname, '../../../models/plan-default'), { id: 'default' });
    const req: PlanRequestT = {
      schemaVersion: '1.0.0',
      profile: {
        age: 54,
        sex: 'male',
        weight: { value: 89.9, unit: 'kg' },
        height: { value: 184.7, unit: 'cm' },
        activityLevel: 'light',
      },
      goal: { type: 'lose', rate: { value: 0.6, unit: '%bw/week' } },
      preferences: {
        diet: 'omnivore',
        allergens: ['crustaceans', 'milk'],
        dislikedFoodIds: ['18239', '09160', '11446'],
        cuisines: ['asian'],
        mealsPerDay: 4,
        trainingDaysPerWeek: 2,
        sessionMinutes: 60,
        equipment: [
          'bodyweight',
          'dumbbells',
          'barbell',
          'kettlebell',
          'bands',
          'pull-up-bar',
          'bench',
          'cable',
          'machine',
          'treadmill',
          'stationary-bike',
          'rowing-machine',
          'elliptical',
        ],
        injuries: [],
        experience: 'intermediate',
        preferredExerciseIds: [],
        excludedExerciseIds: [],
      },
      days: 7,
      seed: 1038335745,
    };
    const r = await generatePlan(req, { registry, model: 'default' });
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
