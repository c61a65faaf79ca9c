/**
 * Before-repair accuracy, repair size and speed metrics of model runs, on hand-built proposals
 * whose right answers are known (issue #11): a proposal day 10 % over its calories gives 10 %,
 * 20 g of protein over gives 20 g/d; the rule planner proposes nothing, so n/a (null).
 * Expected values come from the construction, not from eval's output.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics, type PlanOutcome } from '../src/index';
import { outcomeFromGenerate } from '../src/model/inference';
import { dayTotal, FULL_BODY, type Item, plainFoods, plan, request, weeks } from './_plans';

const [a, b, c] = plainFoods as [Item['food'], Item['food'], Item['food']];
const meals: Item[][] = [[{ food: a, grams: 150 }], [{ food: b, grams: 200 }], [{ food: c, grams: 180 }]];
const flat = meals.flat();
const exact = {
  kcal: dayTotal(flat, (f) => f.per100g.kcal),
  proteinG: dayTotal(flat, (f) => f.per100g.protein),
  fatG: dayTotal(flat, (f) => f.per100g.fat),
  carbsG: dayTotal(flat, (f) => f.per100g.carbs),
};
const program = weeks(
  4,
  FULL_BODY,
  () => 3,
  (w) => 8 + w,
);
/** The repaired plan, exactly on its targets (0 % after repair). */
const repaired = plan(meals, exact, program);

describe('error before repair', () => {
  it('a proposal day 10 % over calories: kcalErrorPctBeforeRepair = 10, after repair 0', () => {
    const proposed = [{ ...exact, kcal: exact.kcal * 1.1 }];
    const o: PlanOutcome = { ok: true, plan: repaired, proposedDayTotals: proposed, timings: { totalMs: 1 } };
    const m = computeMetrics(request, o);
    expect(m['kcalErrorPctBeforeRepair']).toBeCloseTo(10, 9);
    expect(m['kcalErrorPct']).toBeCloseTo(0, 9);
  });

  it('two proposal days, 20 g protein over and 10 g fat under on one: mean errors 10 g/d and 5 g/d', () => {
    const proposed = [{ ...exact, proteinG: exact.proteinG + 20, fatG: exact.fatG - 10 }, { ...exact }];
    const m = computeMetrics(request, {
      ok: true,
      plan: repaired,
      proposedDayTotals: proposed,
      timings: { totalMs: 1 },
    });
    expect(m['proteinErrorGBeforeRepair']).toBeCloseTo(10, 9);
    expect(m['fatErrorGBeforeRepair']).toBeCloseTo(5, 9);
    expect(m['carbsErrorGBeforeRepair']).toBeCloseTo(0, 9);
    expect(m['kcalErrorPctBeforeRepair']).toBeCloseTo(0, 9);
  });

  it('from the proposal plan itself (no day totals): a day whose target is intake / 1.1 is 10 % off', () => {
    // The proposal supplies `exact.kcal`; its target is exact.kcal / 1.1 ⇒ |x − x/1.1| / (x/1.1) = 0.1.
    const targets = { ...exact, kcal: exact.kcal / 1.1 };
    const m = computeMetrics(request, {
      ok: true,
      plan: plan(meals, targets, program),
      proposal: plan(meals, targets, program),
      timings: { totalMs: 1 },
    });
    expect(m['kcalErrorPctBeforeRepair']).toBeCloseTo(10, 9);
  });

  it('a failed repair still counts the proposal, against the targets the outcome carries', () => {
    const m = computeMetrics(request, {
      ok: false,
      failure: { code: 'HARD_VIOLATION', message: 'x', hardCodes: ['KCAL_BELOW_FLOOR'] },
      proposedDayTotals: [{ kcal: 1800, proteinG: 100, fatG: 60, carbsG: 200 }],
      targets: { kcal: 2000, proteinG: 120, fatG: 60, carbsG: 200 },
      timings: { totalMs: 1 },
    });
    // |1800 − 2000| / 2000 = 10 %; |100 − 120| = 20 g.
    expect(m['kcalErrorPctBeforeRepair']).toBeCloseTo(10, 9);
    expect(m['proteinErrorGBeforeRepair']).toBeCloseTo(20, 9);
  });

  it('rule models: every before-repair and repair metric is n/a (null)', () => {
    const m = computeMetrics(request, { ok: true, plan: repaired, timings: { totalMs: 1 } });
    for (const k of [
      'kcalErrorPctBeforeRepair',
      'proteinErrorGBeforeRepair',
      'fatErrorGBeforeRepair',
      'carbsErrorGBeforeRepair',
      'repairChangePct',
      'repairGramsPerDay',
      'repairItemsResized',
      'repairSwaps',
      'firstOutputMs',
      'tokensPerSecond',
    ])
      expect(m[k], k).toBeNull();
  });
});

describe("generatePlan's report → eval's outcome", () => {
  const planOf = (days: number) => ({
    mealPlan: {
      days: Array.from({ length: days }, () => ({ meals: [{ items: [{ grams: 150 }, { grams: 50 }] }] })),
    },
  });

  it('proposedDayTotals, repair (grams, resized, swaps), TTFT and tokens/s over the generate stage', () => {
    const o = outcomeFromGenerate(
      {
        ok: true,
        plan: planOf(3),
        targets: { kcal: 2000, proteinG: 120, fatG: 60, carbsG: 200 },
        report: {
          repair: { gramsMoved: 300, itemsResized: 4, swaps: [{}, {}] },
          tokens: { emitted: 900 },
          timings: { generate: 1500 },
          proposedDayTotals: [{ kcal: 2200, proteinG: 120, fatG: 60, carbsG: 200 }],
        },
      },
      3000,
      120,
    );
    expect(o.proposedDayTotals).toHaveLength(1);
    expect(o.timings).toEqual({ totalMs: 3000, firstOutputMs: 120, generateMs: 1500 });
    // 3 days × (150 + 50) g = 600 g in the repaired plan.
    expect(o.repair).toEqual({ gramsMoved: 300, totalGrams: 600, swaps: 2, itemsResized: 4, days: 3 });
    const m = computeMetrics(request, o);
    expect(m['repairGramsPerDay']).toBeCloseTo(100, 9); // 300 g / 3 days
    expect(m['repairChangePct']).toBeCloseTo(50, 9); // 300 / 600
    expect(m['repairItemsResized']).toBe(4);
    expect(m['repairSwaps']).toBe(2);
    expect(m['firstOutputMs']).toBe(120);
    expect(m['tokensPerSecond']).toBeCloseTo(600, 9); // 900 tokens / 1.5 s of generation
  });

  it('a failure with a proposal gets the targets of the request (planTargets)', () => {
    const o = outcomeFromGenerate(
      {
        ok: false,
        refused: false,
        failure: { code: 'HARD_VIOLATION', message: 'x', violations: [] },
        report: { proposedDayTotals: [{ kcal: 1000, proteinG: 50, fatG: 30, carbsG: 100 }] },
      },
      10,
      undefined,
      request,
    );
    // The request: 35-year-old male, 80 kg, 180 cm, moderate, maintain — a positive target.
    expect(o.targets?.kcal).toBeGreaterThan(1500);
    const m = computeMetrics(request, o);
    const t = o.targets?.kcal as number;
    expect(m['kcalErrorPctBeforeRepair']).toBeCloseTo((Math.abs(1000 - t) / t) * 100, 9);
  });
});
