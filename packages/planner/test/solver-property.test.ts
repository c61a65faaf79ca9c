import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PortionItem, type PortionPlan, type PortionProblem, solvePortions } from '../src/index';

/*
 * Properties over random problems. Expectations are recomputed here from the grams and the
 * per-100 g values (never taken from the solver's totals), and feasibility is known by
 * construction: targets are the totals of a hidden plan drawn on the items' step grids, so a
 * plan inside every band exists and the solver must report `optimal`.
 */
const nutrients = fc.record({
  kcal: fc.integer({ min: 20, max: 900 }),
  proteinG: fc.integer({ min: 0, max: 80 }),
  fatG: fc.integer({ min: 0, max: 90 }),
  carbsG: fc.integer({ min: 0, max: 80 }),
  fiberG: fc.integer({ min: 0, max: 15 }),
});
const itemArb = fc
  .record({
    per100g: nutrients,
    stepG: fc.constantFrom(1, 5, 10, 25),
    loSteps: fc.integer({ min: 0, max: 4 }),
    span: fc.integer({ min: 1, max: 30 }),
    pick: fc.double({ min: 0, max: 1, noNaN: true }),
    optional: fc.boolean(),
  })
  .map(({ per100g, stepG, loSteps, span, pick, optional }) => ({
    per100g,
    stepG,
    minG: loSteps * stepG,
    maxG: (loSteps + span) * stepG,
    hidden: (loSteps + Math.round(pick * span)) * stepG,
    optional,
  }));
const problemArb = fc.record({
  items: fc.array(itemArb, { minLength: 2, maxLength: 12 }),
  meals: fc.integer({ min: 0, max: 4 }),
});

const KEYS = ['kcal', 'proteinG', 'fatG', 'carbsG', 'fiberG'] as const;
function totals(items: readonly PortionItem[], grams: readonly number[]) {
  const t = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 0 };
  items.forEach((it, i) => {
    for (const k of KEYS) t[k] += (it.per100g[k] * (grams[i] as number)) / 100;
  });
  return t;
}

type Draw = typeof problemArb extends fc.Arbitrary<infer T> ? T : never;

function build(draw: Draw): { problem: PortionProblem } {
  const items: PortionItem[] = draw.items.map((d, i) => ({
    id: `food${i}`,
    per100g: d.per100g,
    minG: d.minG,
    maxG: d.maxG,
    stepG: d.stepG,
    optional: d.optional,
  }));
  const t = totals(
    items,
    draw.items.map((d) => d.hidden),
  );
  const mealCount = Math.min(draw.meals, items.length);
  const meals = Array.from({ length: mealCount }, (_, m) => {
    const ids = items.filter((_, i) => i % mealCount === m).map((it) => it.id);
    const kcal = draw.items.reduce(
      (s, d, i) => (i % mealCount === m ? s + (d.per100g.kcal * d.hidden) / 100 : s),
      0,
    );
    return { id: `meal${m}`, itemIds: ids, kcalShare: kcal / t.kcal };
  });
  return {
    problem: {
      items,
      targets: { kcal: t.kcal, proteinG: t.proteinG, fatG: t.fatG, carbsG: t.carbsG, fiberMinG: t.fiberG },
      ...(mealCount > 0 && t.kcal > 0 ? { meals: meals.filter((m) => m.kcalShare > 0) } : {}),
    },
  };
}

function checkPlan(problem: PortionProblem, plan: PortionPlan): void {
  const grams = plan.portions.map((p) => p.grams);
  expect(plan.portions.map((p) => p.id)).toEqual(problem.items.map((i) => i.id));
  problem.items.forEach((it, i) => {
    const g = grams[i] as number;
    // On the step grid (up to float noise in the multiplication) and inside the bounds.
    expect(Math.abs(g / it.stepG - Math.round(g / it.stepG))).toBeLessThan(1e-9);
    if (!(it.optional && g === 0)) {
      expect(g).toBeGreaterThanOrEqual(it.minG - 1e-9);
      expect(g).toBeLessThanOrEqual(it.maxG + 1e-9);
    }
  });
  const t = totals(problem.items, grams);
  for (const k of KEYS) expect(plan.totals[k]).toBeCloseTo(t[k], 6);
  const bands: [string, number, number][] = [
    ['kcal', problem.targets.kcal, problem.targets.kcal * 0.03],
    ['proteinG', problem.targets.proteinG, 5],
    ['fatG', problem.targets.fatG, 5],
    ['carbsG', problem.targets.carbsG, 5],
  ];
  for (const [k, target, tol] of bands) {
    const v = t[k as 'kcal'];
    const out = Math.abs(v - target) > tol + 1e-6;
    const miss = plan.misses.find((m) => m.field === k);
    expect(Boolean(miss)).toBe(out);
    if (miss) expect(miss.miss).toBeCloseTo(Math.abs(v - target) - tol, 6);
  }
  expect(plan.status === 'optimal').toBe(plan.misses.every((m) => !m.hard));
}

describe('solvePortions: properties', () => {
  for (const method of ['lp-round', 'mip'] as const) {
    it(`finds an in-band plan whenever one exists, on the grid and in bounds (${method})`, async () => {
      await fc.assert(
        fc.asyncProperty(problemArb, async (draw) => {
          const { problem } = build(draw);
          const plan = await solvePortions({ ...problem, method });
          checkPlan(problem, plan);
          expect(plan.status).toBe('optimal');
          for (const meal of problem.meals ?? []) {
            const kcal = totals(
              problem.items,
              plan.portions.map((p) => (meal.itemIds.includes(p.id) ? p.grams : 0)),
            ).kcal;
            expect(Math.abs(kcal - meal.kcalShare * problem.targets.kcal)).toBeLessThanOrEqual(
              0.05 * problem.targets.kcal + 1e-6,
            );
          }
        }),
        { numRuns: method === 'mip' ? 8 : 30, seed: 4 },
      );
    });
  }

  it('reports every missed band when targets are out of reach', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, fc.double({ min: 1.5, max: 3, noNaN: true }), async (draw, factor) => {
        const { problem } = build({ ...draw, meals: 0 });
        // Scale protein far beyond what the hidden plan gives; it may or may not be reachable.
        const targets = { ...problem.targets, proteinG: problem.targets.proteinG * factor + 30 };
        const plan = await solvePortions({ ...problem, targets });
        checkPlan({ ...problem, targets }, plan);
      }),
      { numRuns: 15, seed: 5 },
    );
  });
});
