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
import { byIdLookup, validatePlan } from '@nexfitra/core';
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
    }
    expect(ok).toBeGreaterThanOrEqual(6);
  });

  it('the committed fixture: a plan, or a typed MODEL_ERROR while its vocabulary lags the language', async () => {
    const [req] = generateRequests(1, 12);
    const r = await generatePlan({ ...req!, days: 1 }, { registry, model: 'fixture', weeks: 1 });
    if (r.ok)
      expect(validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
    else if (!r.refused) expect(['MODEL_ERROR', 'UNPARSEABLE', 'HARD_VIOLATION']).toContain(r.failure.code);
  });
});
