/**
 * The model registry: built-ins, lazy loading shared by concurrent callers, unloading, typed
 * errors, and model switching — one request run against two models side by side. Expected
 * values: the registry's contract (ids registered, factories called once) and core's validator
 * run independently on each plan.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byIdLookup, isNexFitraError, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests, RULE_PLANNER } from '@nexfitra/planner';
import { describe, expect, it } from 'vitest';
import { registerModelFolder } from '../src/node';
import { generatePlan } from '../src/plan/generatePlan';
import { RULES_MODEL_ID } from '../src/registry/builtin';
import { createRegistry } from '../src/registry/createRegistry';
import { ModelRegistry } from '../src/registry/registry';
import type { PlanModel } from '../src/registry/types';
import { writeRandomPlanModel } from './_randomModel';
import { grammarWalkModel } from './plan.fixtures';

const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };

function expectError(f: () => unknown, code: string, path: string) {
  try {
    f();
  } catch (e) {
    expect(isNexFitraError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    expect((e as { path: string[] }).path.join('.')).toBe(path);
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('ModelRegistry', () => {
  it('starts with the rule planner', async () => {
    const r = createRegistry();
    expect(r.list().map((e) => e.id)).toContain(RULES_MODEL_ID);
    const m = await r.get(RULES_MODEL_ID);
    expect(m.kind).toBe('rules');
    expect(m.info.name).toBe(RULE_PLANNER.name);
  });

  it('loads a factory once for concurrent callers, unloads with dispose, reloads on next use', async () => {
    const r = new ModelRegistry();
    let loads = 0;
    let disposed = 0;
    r.register('walk', async () => {
      loads++;
      return { ...grammarWalkModel(), dispose: async () => void disposed++ } as PlanModel;
    });
    expect(r.list()).toEqual([{ id: 'walk', info: undefined, loaded: false }]);
    const [a, b] = await Promise.all([r.get('walk'), r.get('walk')]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    expect(r.list()[0]!.loaded).toBe(true);
    await r.unload('walk');
    expect(disposed).toBe(1);
    expect(r.list()[0]!.loaded).toBe(false);
    await r.get('walk');
    expect(loads).toBe(2);
    await r.unregister('walk');
    expect(r.has('walk')).toBe(false);
  });

  it('forgets a failed load so the next call tries again', async () => {
    const r = new ModelRegistry();
    let n = 0;
    r.register('flaky', async () => {
      n++;
      if (n === 1) throw new Error('disk not ready');
      return grammarWalkModel();
    });
    await expect(r.get('flaky')).rejects.toThrow('disk not ready');
    expect((await r.get('flaky')).kind).toBe('text');
  });

  it('typed errors: unknown id names the registered ones; a taken id; a malformed id or source', async () => {
    const r = createRegistry();
    const e: unknown = await r.get('nope').catch((x: unknown) => x);
    expect(isNexFitraError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_ENUM');
    expect((e as Error).message).toContain('"builtin:rules"');
    expectError(() => r.register(RULES_MODEL_ID, grammarWalkModel()), 'INCONSISTENT', 'id');
    expectError(() => r.register('', grammarWalkModel()), 'INVALID_TYPE', 'id');
    expectError(() => r.register('x', 42 as never), 'INVALID_TYPE', 'source');
  });
});

describe('model switching', () => {
  it('runs one request against two models side by side; both plans pass core validation', async () => {
    const r = createRegistry().register('walk', grammarWalkModel());
    const [req] = generateRequests(1, 3);
    const request = { ...req!, days: 2 };
    const [rules, walk] = await Promise.all([
      generatePlan(request, { registry: r, model: RULES_MODEL_ID, seed: 5 }),
      generatePlan(request, { registry: r, model: 'walk', seed: 5, weeks: 1 }),
    ]);
    if (!rules.ok || !walk.ok) throw new Error('both should plan');
    expect(rules.plan.generatedBy?.name).toBe(RULE_PLANNER.name);
    expect(walk.plan.generatedBy?.name).toBe('grammar random walk');
    expect(rules.report.model.id).toBe(RULES_MODEL_ID);
    expect(walk.report.model.id).toBe('test:grammar-walk');
    for (const p of [rules.plan, walk.plan]) {
      expect(validatePlan(p, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
    }
    // Same request, same targets, different proposals.
    expect(walk.plan.targets).toEqual(rules.plan.targets);
    expect(walk.plan.mealPlan).not.toEqual(rules.plan.mealPlan);
  });

  it('a model folder registered through /node loads on first use, plans, and unloads', async () => {
    // A random-weight decoder over the current language (test/_randomModel.ts), written to a temp dir.
    const dir = await writeRandomPlanModel(await mkdtemp(join(tmpdir(), 'nf-reg-')), {
      seed: 3,
      adversarial: true,
    });
    const r = createRegistry();
    registerModelFolder(r, dir, { id: 'random' });
    expect(r.list().find((e) => e.id === 'random')?.loaded).toBe(false);
    const [req] = generateRequests(1, 8);
    const out = await generatePlan({ ...req!, days: 1 }, { registry: r, model: 'random', weeks: 1 });
    expect(r.list().find((e) => e.id === 'random')?.info?.backend).toBe('onnxruntime-node');
    if (!out.ok) throw new Error(out.refused ? out.refusal.message : out.failure.message);
    expect(validatePlan(out.plan, context).violations.filter((v) => v.severity === 'hard')).toEqual([]);
    expect(out.report.tokens?.run).toBeLessThanOrEqual(out.report.tokens!.emitted + 1);
    await r.unload('random');
    expect(r.list().find((e) => e.id === 'random')?.loaded).toBe(false);
  });
});
