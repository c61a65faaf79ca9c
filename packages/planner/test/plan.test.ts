import { NexFitraError, Plan, type PlanRequestT } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { planPlan, RULE_PLANNER } from '../src/plan/planPlan';
import { KETO_CARBS_G, planTargets } from '../src/plan/planTargets';

/** The shared default request (80 kg man, 180 cm, 30 y, moderate, maintenance) over 2 days, seed 5. */
function request(
  over: {
    profile?: Partial<PlanRequestT['profile']>;
    goal?: PlanRequestT['goal'];
    diet?: PlanRequestT['preferences']['diet'];
  } = {},
): PlanRequestT {
  return makeRequest({
    profile: over.profile,
    goal: over.goal,
    preferences: over.diet === undefined ? {} : { diet: over.diet },
    days: 2,
    seed: 5,
  });
}

describe('planTargets', () => {
  it('converts the request and rounds core targets (Mifflin-St Jeor worked example)', () => {
    // BMR = 10·80 + 6.25·180 − 5·30 + 5 = 800 + 1125 − 150 + 5 = 1780 kcal; moderate PAL 1.55 →
    // TDEE 2759 kcal; maintenance target 2759. Fiber 14 g/1000 kcal → 38.6 → 39 g.
    const t = planTargets(request());
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.targets.kcal).toBe(2759);
    expect(t.targets.fiberG).toBe(39);
    // 176.37 lb = 80.0 kg and 70.866 in = 180.0 cm give the same energy target.
    const imperial = planTargets(
      request({ profile: { weight: { value: 176.37, unit: 'lb' }, height: { value: 70.866, unit: 'in' } } }),
    );
    expect(imperial.ok && imperial.targets.kcal).toBe(2759);
    // Losing 0.5 kg/week at 7700 kcal/kg: 0.5 × 7700 / 7 = 550 kcal/d → 2759 − 550 = 2209.
    const lose = planTargets(request({ goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } } }));
    expect(lose.ok && lose.targets.kcal).toBe(2209);
  });

  it('caps keto carbohydrate at 50 g and gives the freed energy to fat', () => {
    const t = planTargets(request({ diet: 'keto' }));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(KETO_CARBS_G).toBe(50);
    expect(t.targets.carbsG).toBe(50);
    // fat = (kcal − 4·protein − 4·50) / 9, rounded.
    expect(t.targets.fatG).toBe(Math.round((2759 - 4 * t.targets.proteinG - 200) / 9));
  });
});

describe('planPlan', () => {
  it('returns a schema-valid plan with targets, meals, program and generatedBy, and no hard violation', async () => {
    const r = await planPlan(request());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Plan.safeParse(r.plan).success).toBe(true);
    expect(r.plan.targets.kcal).toBe(2759);
    expect(r.plan.mealPlan.days).toHaveLength(2);
    for (const d of r.plan.mealPlan.days) expect(d.meals).toHaveLength(3);
    expect(r.plan.workoutProgram.weeks).toHaveLength(4);
    expect(r.plan.generatedBy).toEqual(RULE_PLANNER);
    expect(r.report.validation.hard).toEqual([]);
    expect(r.report.mealDays).toHaveLength(2);
    // Deterministic for the request's seed.
    const again = await planPlan(request());
    expect(again.ok && again.plan).toEqual(r.plan);
  });

  it.each([
    [{ profile: { age: 16 } }, 'MINOR'],
    [{ profile: { sex: 'female' as const, pregnant: true } }, 'PREGNANCY'],
    [
      {
        profile: { weight: { value: 55, unit: 'kg' as const } },
        goal: { type: 'lose' as const, rate: { value: 0.25, unit: 'kg/week' as const } },
      },
      'UNDERWEIGHT_WEIGHT_LOSS',
    ],
  ])('passes through the core refusal %#', async (over, code) => {
    // 55 kg at 1.80 m is BMI 55 / 3.24 = 17.0 (< 18.5).
    const r = await planPlan(request(over));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal?.reasons.map((x) => x.code)).toEqual([code]);
    expect('plan' in r).toBe(false);
  });

  it('throws NexFitraError naming the field for an invalid request', async () => {
    const bad = { ...request(), days: 0 };
    await expect(planPlan(bad)).rejects.toBeInstanceOf(NexFitraError);
    await expect(planPlan(bad)).rejects.toMatchObject({ code: 'SCHEMA', fn: 'createPlan', path: ['days'] });
  });
});
