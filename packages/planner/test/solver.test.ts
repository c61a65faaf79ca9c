import { NexFitraError } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { type PortionProblem, solvePortions } from '../src/index';
import { item, OATS, WHEY } from './_twoFood';

// The two-food problem solved by hand (test/_twoFood.ts): 350 g oats + 150 g whey.
const TWO_FOOD: PortionProblem = {
  items: [item('oats', OATS), item('whey', WHEY)],
  targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5, fiberMinG: 30 },
};
const grams = (plan: { portions: readonly { id: string; grams: number }[] }) =>
  Object.fromEntries(plan.portions.map((p) => [p.id, p.grams]));

describe('solvePortions: two-food LP by hand', () => {
  for (const method of ['lp-round', 'mip'] as const) {
    it(`hits the hand-solved optimum 350 g oats + 150 g whey (${method})`, async () => {
      const plan = await solvePortions({ ...TWO_FOOD, method });
      expect(plan.status).toBe('optimal');
      expect(grams(plan)).toEqual({ oats: 350, whey: 150 });
      expect(plan.totals.kcal).toBeCloseTo(2000, 9);
      expect(plan.totals.proteinG).toBeCloseTo(155, 9);
      expect(plan.totals.fatG).toBeCloseTo(25, 9);
      expect(plan.totals.carbsG).toBeCloseTo(252.5, 9);
      expect(plan.totals.fiberG).toBeCloseTo(35, 9);
      expect(plan.misses).toEqual([]);
      expect(plan.solveMs).toBeGreaterThanOrEqual(0);
    });
  }
});

describe('solvePortions: steps and bounds', () => {
  /*
   * Steps of 10 g, protein target 153 (±5), everything else as above. The LP optimum is off
   * the grid (y = (153 − 50)/0.7 = 147.1 g). kcal ±3 % = ±60 kcal = ±15 g of food, so x + y ∈
   * {490, 500, 510}. Enumerating the grid points near the LP optimum by hand:
   *   (350,150): kcal 2000, P 35+120 = 155 (+2 ✓), F 25 ✓, C 245+7.5 = 252.5 ✓  → inside
   *   (360,140): P 36+112 = 148 (−5 ✓) but C 252+7 = 259 (+6.5 ✗)
   *   (340,160): P 34+128 = 162 (+9 ✗)
   *   (340,150): C 238+7.5 = 245.5 (−7 ✗);   (350,140): P 35+112 = 147 (−6 ✗)
   *   (360,150): C 252+7.5 = 259.5 (✗);      (350,160): P 163 (✗)
   * and points further away miss protein or carbs by more, so (350, 150) is the only plan inside
   * every band.
   */
  for (const method of ['lp-round', 'mip'] as const) {
    it(`rounds to the only in-band 10 g grid point (${method})`, async () => {
      const plan = await solvePortions({
        items: [item('oats', OATS, { stepG: 10 }), item('whey', WHEY, { stepG: 10 })],
        targets: { kcal: 2000, proteinG: 153, fatG: 25, carbsG: 252.5 },
        method,
      });
      expect(plan.status).toBe('optimal');
      expect(grams(plan)).toEqual({ oats: 350, whey: 150 });
    });
  }

  it('keeps portions within [minG, maxG] and on the step grid even when the bound costs accuracy', async () => {
    // Oats capped at 300 g: x + y = 500 and protein 155 need x = 350, so the plan must give up
    // on protein or kcal instead of breaking the cap (a bound is never a soft constraint).
    const plan = await solvePortions({
      items: [item('oats', OATS, { maxG: 300, stepG: 25 }), item('whey', WHEY, { minG: 40, stepG: 20 })],
      targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 },
    });
    const g = grams(plan);
    expect(g.oats).toBeLessThanOrEqual(300);
    expect((g.oats as number) % 25).toBe(0);
    expect(g.whey).toBeGreaterThanOrEqual(40);
    expect((g.whey as number) % 20).toBe(0);
  });

  it('may leave an optional item out although its minG is above 0', async () => {
    // Butter (minG 10) adds only fat; the targets are the oats + whey optimum, which needs none.
    const butter = { kcal: 717, proteinG: 0.9, fatG: 81, carbsG: 0.1, fiberG: 0 };
    const plan = await solvePortions({
      ...TWO_FOOD,
      items: [...TWO_FOOD.items, item('butter', butter, { minG: 10, maxG: 40, optional: true })],
    });
    expect(plan.status).toBe('optimal');
    expect(grams(plan)).toEqual({ oats: 350, whey: 150, butter: 0 });
  });

  it('holds meal kcal shares (hand-checked split of the two-food optimum)', async () => {
    /*
     * The same two foods served at two meals (identical nutrients, so day totals still force
     * 350 g oats and 150 g whey in all). Breakfast gets 25 % ± 1 % of 2000 kcal = 480–520 kcal
     * = 120–130 g of food (both are 4 kcal/g).
     */
    const plan = await solvePortions({
      items: [item('oatsB', OATS), item('wheyB', WHEY), item('oatsD', OATS), item('wheyD', WHEY)],
      targets: TWO_FOOD.targets,
      meals: [
        { id: 'breakfast', itemIds: ['oatsB', 'wheyB'], kcalShare: 0.25, kcalShareTolerance: 0.01 },
        { id: 'dinner', itemIds: ['oatsD', 'wheyD'], kcalShare: 0.75, kcalShareTolerance: 0.01 },
      ],
    });
    const g = grams(plan) as Record<string, number>;
    expect(plan.status).toBe('optimal');
    expect((g.oatsB as number) + (g.oatsD as number)).toBe(350);
    expect((g.wheyB as number) + (g.wheyD as number)).toBe(150);
    const breakfast = (g.oatsB as number) + (g.wheyB as number);
    expect(breakfast).toBeGreaterThanOrEqual(120);
    expect(breakfast).toBeLessThanOrEqual(130);
  });
});

describe('solvePortions: infeasible targets', () => {
  /*
   * Whey capped at 100 g; fat and carbs made irrelevant (band ±1000 g, weight 0). Protein 155
   * cannot be reached inside the kcal band: 100 g whey gives 80 g protein and 400 kcal; the
   * kcal band allows at most 2060 kcal, i.e. 515 g food, so at most 415 g oats → 41.5 g
   * protein. Going past the kcal band is no better: each extra 10 g oats buys 1 g protein for
   * 40 kcal, i.e. 1/5 of a protein band for 2/3 of a kcal band. The closest plan is therefore
   * 415 g oats + 100 g whey: 2060 kcal (at the band edge, no miss), 121.5 g protein, which is
   * 150 − 121.5 = 28.5 g below the lower edge of 155 ± 5.
   */
  for (const method of ['lp-round', 'mip'] as const) {
    it(`returns the closest plan with the protein miss (${method})`, async () => {
      const plan = await solvePortions({
        items: [item('oats', OATS), item('whey', WHEY, { maxG: 100 })],
        targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 },
        tolerances: { fatG: 1000, carbsG: 1000 },
        weights: { fatG: 0, carbsG: 0 },
        method,
      });
      expect(plan.status).toBe('infeasible-closest');
      expect(grams(plan)).toEqual({ oats: 415, whey: 100 });
      expect(plan.misses).toHaveLength(1);
      const miss = plan.misses[0];
      expect(miss).toMatchObject({
        field: 'proteinG',
        target: 155,
        tolerance: 5,
        direction: 'under',
        hard: true,
      });
      expect(miss?.value).toBeCloseTo(121.5, 9);
      expect(miss?.miss).toBeCloseTo(28.5, 9);
    });
  }

  it('reports a fiber shortfall as a soft miss without failing the plan', async () => {
    // The two-food optimum has 35 g fiber (hand-computed above); asking for 40 g cannot be met
    // without moving kcal/protein out of band, so the plan stays optimal with a 5 g fiber miss.
    const plan = await solvePortions({ ...TWO_FOOD, targets: { ...TWO_FOOD.targets, fiberMinG: 40 } });
    expect(plan.status).toBe('optimal');
    expect(plan.misses).toHaveLength(1);
    expect(plan.misses[0]).toMatchObject({ field: 'fiberMinG', target: 40, direction: 'under', hard: false });
    expect(plan.misses[0]?.miss).toBeGreaterThan(0);
    expect(plan.misses[0]?.miss).toBeLessThanOrEqual(5);
  });

  it('reports meal-share misses with the meal id', async () => {
    // Breakfast may only hold 100–150 g whey (400–600 kcal) but is asked for 50 % of 2000 kcal
    // (±5 % → 900–1100 kcal): it falls at least 300 kcal short whatever the rest of the day does.
    const plan = await solvePortions({
      items: [item('oats', OATS), item('whey', WHEY, { minG: 100, maxG: 150 })],
      targets: TWO_FOOD.targets,
      meals: [
        { id: 'breakfast', itemIds: ['whey'], kcalShare: 0.5 },
        { id: 'dinner', itemIds: ['oats'], kcalShare: 0.5 },
      ],
    });
    expect(plan.status).toBe('infeasible-closest');
    const m = plan.misses.find((x) => x.field === 'mealKcal' && x.meal === 'breakfast');
    expect(m).toMatchObject({ direction: 'under', target: 1000, tolerance: 100 });
    expect(m?.miss).toBeGreaterThanOrEqual(300 - 1e-9);
  });
});

describe('solvePortions: time limit', () => {
  /*
   * One food, pure carbohydrate at 400 kcal and 100 g carbs per 100 g, in 10 g steps: a step is
   * 40 kcal and 10 g carbs. Target 65 kcal ±3 % → band [63.05, 66.95] kcal; carbs 16.25 ±5 →
   * [11.25, 21.25] g; protein and fat 0 ±5. The LP relaxation meets every band at 1.625 steps
   * (65 kcal, 16.25 g carbs), so the LP alone cannot rule the day out; but whole steps give
   * 1 step = 40 kcal (23.05 under the band) or 2 steps = 80 kcal (80 − 66.95 = 13.05 over), so
   * no integer plan fits and the closest is 2 steps = 20 g (carbs 20 g, inside its band).
   */
  const STEPPED: PortionProblem = {
    items: [
      item('sugar', { kcal: 400, proteinG: 0, fatG: 0, carbsG: 100, fiberG: 0 }, { stepG: 10, maxG: 100 }),
    ],
    targets: { kcal: 65, proteinG: 0, fatG: 0, carbsG: 16.25 },
  };

  it('with time for the MIP proves that no plan fits: infeasible-closest, 20 g, 13.05 kcal over', async () => {
    const plan = await solvePortions(STEPPED);
    expect(plan.status).toBe('infeasible-closest');
    expect(plan.timeLimited).toBe(false);
    expect(grams(plan)).toEqual({ sugar: 20 });
    expect(plan.misses).toHaveLength(1);
    expect(plan.misses[0]).toMatchObject({ field: 'kcal', direction: 'over', hard: true });
    expect(plan.misses[0]?.miss).toBeCloseTo(13.05, 9);
  });

  it('with no time for a MIP returns the same best plan, typed time-limit (not proved)', async () => {
    const plan = await solvePortions({ ...STEPPED, timeLimitMs: 0 });
    expect(plan.status).toBe('time-limit');
    expect(plan.timeLimited).toBe(true);
    expect(grams(plan)).toEqual({ sugar: 20 });
    expect(plan.misses[0]?.miss).toBeCloseTo(13.05, 9);
  });

  it('still proves infeasibility from the LP relaxation alone when no MIP may run', async () => {
    // The protein case above is out of reach even for fractional grams, so the LP relaxation
    // proves it without any MIP: infeasible-closest with the same 28.5 g protein miss.
    const plan = await solvePortions({
      items: [item('oats', OATS), item('whey', WHEY, { maxG: 100 })],
      targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 },
      tolerances: { fatG: 1000, carbsG: 1000 },
      weights: { fatG: 0, carbsG: 0 },
      timeLimitMs: 0,
    });
    expect(plan.status).toBe('infeasible-closest');
    expect(grams(plan)).toEqual({ oats: 415, whey: 100 });
    expect(plan.misses[0]?.miss).toBeCloseTo(28.5, 9);
  });

  it('needs no MIP when the LP and rounding already fit (the two-food optimum at 0 ms)', async () => {
    const plan = await solvePortions({ ...TWO_FOOD, timeLimitMs: 0 });
    expect(plan.status).toBe('optimal');
    expect(plan.timeLimited).toBe(false);
    expect(grams(plan)).toEqual({ oats: 350, whey: 150 });
  });
});

describe('solvePortions: energy floor', () => {
  /*
   * Sugar (400 kcal, 100 g carbs per 100 g, at most 100 g) and a pure protein powder (400 kcal,
   * 100 g protein per 100 g), 1 g steps. Targets 1000 kcal ±3 % → [970, 1030], carbs 100 ±5,
   * protein 0 ±5, fat 0 ±5. The sugar cap and the protein band allow at most 400 + 20 = 420 kcal,
   * so no plan fits. Closest without a floor: each gram of powder past 5 g cuts the kcal miss by
   * 4/30 of a band (0.133) but adds 1/5 of a protein band (0.2), so it stops at 5 g:
   * 100 g sugar + 5 g powder = 420 kcal, 970 − 420 = 550 kcal under.
   * With the floor at the band's lower edge, 970 kcal: 400 + 4x ≥ 970 → x ≥ 142.5 → 143 g powder,
   * 972 kcal (inside the band), protein 143 g, 143 − 5 = 138 g over.
   */
  const SUGAR = { kcal: 400, proteinG: 0, fatG: 0, carbsG: 100, fiberG: 0 };
  const POWDER = { kcal: 400, proteinG: 100, fatG: 0, carbsG: 0, fiberG: 0 };
  const FLOORED: PortionProblem = {
    items: [item('sugar', SUGAR, { maxG: 100 }), item('powder', POWDER, { maxG: 300 })],
    targets: { kcal: 1000, proteinG: 0, fatG: 0, carbsG: 100 },
  };

  it('without a floor the closest plan is 550 kcal under', async () => {
    const plan = await solvePortions(FLOORED);
    expect(plan.status).toBe('infeasible-closest');
    expect(grams(plan)).toEqual({ sugar: 100, powder: 5 });
    expect(plan.misses).toHaveLength(1);
    expect(plan.misses[0]).toMatchObject({ field: 'kcal', direction: 'under' });
    expect(plan.misses[0]?.miss).toBeCloseTo(550, 9);
  });

  for (const timeLimitMs of [1000, 0]) {
    it(`with kcalMin the closest plan gives up protein, never energy (${timeLimitMs} ms)`, async () => {
      const plan = await solvePortions({
        ...FLOORED,
        targets: { ...FLOORED.targets, kcalMin: 970 },
        timeLimitMs,
      });
      expect(plan.status).toBe('infeasible-closest');
      expect(grams(plan)).toEqual({ sugar: 100, powder: 143 });
      expect(plan.totals.kcal).toBeCloseTo(972, 9);
      expect(plan.misses).toHaveLength(1);
      expect(plan.misses[0]).toMatchObject({ field: 'proteinG', direction: 'over' });
      expect(plan.misses[0]?.miss).toBeCloseTo(138, 9);
    });
  }

  it('rejects a floor above the energy band', async () => {
    const run = solvePortions({ ...FLOORED, targets: { ...FLOORED.targets, kcalMin: 980 } });
    await expect(run).rejects.toMatchObject({ code: 'OUT_OF_RANGE', path: ['targets', 'kcalMin'] });
  });
});

describe('solvePortions: determinism', () => {
  it('gives identical plans for identical input, whatever ran before', async () => {
    const problem: PortionProblem = {
      items: [
        item('oats', OATS, { stepG: 10, maxG: 200 }),
        item('whey', WHEY, { stepG: 5, maxG: 80 }),
        item(
          'rice',
          { kcal: 130, proteinG: 2.7, fatG: 0.3, carbsG: 28, fiberG: 0.4 },
          { stepG: 10, maxG: 400 },
        ),
        item(
          'chicken',
          { kcal: 165, proteinG: 31, fatG: 3.6, carbsG: 0, fiberG: 0 },
          { stepG: 10, maxG: 300 },
        ),
        item('oil', { kcal: 884, proteinG: 0, fatG: 100, carbsG: 0, fiberG: 0 }, { stepG: 5, maxG: 40 }),
      ],
      targets: { kcal: 2200, proteinG: 160, fatG: 60, carbsG: 250, fiberMinG: 20 },
    };
    const a = await solvePortions(problem);
    await solvePortions(TWO_FOOD);
    const b = await solvePortions(structuredClone(problem));
    expect(b.portions).toEqual(a.portions);
    expect(b.status).toBe(a.status);
    expect(b.misses).toEqual(a.misses);
  });

  it('treats ids as opaque text (CPLEX LP metacharacters cannot break the model)', async () => {
    const plan = await solvePortions({
      ...TWO_FOOD,
      items: [item('1e5 <= : oats\nEnd', OATS), item('[whey] + - *', WHEY)],
    });
    expect(plan.portions).toEqual([
      { id: '1e5 <= : oats\nEnd', grams: 350 },
      { id: '[whey] + - *', grams: 150 },
    ]);
  });
});

describe('solvePortions: malformed input', () => {
  const base = TWO_FOOD;
  const cases: [string, unknown, Partial<NexFitraError>][] = [
    ['not an object', 5, { code: 'INVALID_TYPE', path: [] }],
    ['no items', { ...base, items: [] }, { code: 'OUT_OF_RANGE', path: ['items'] }],
    [
      'NaN kcal',
      { ...base, items: [item('a', { ...OATS, kcal: Number.NaN })] },
      { code: 'INVALID_TYPE', path: ['items', 0, 'per100g', 'kcal'] },
    ],
    [
      'negative protein',
      { ...base, items: [item('a', { ...OATS, proteinG: -1 })] },
      { code: 'OUT_OF_RANGE', path: ['items', 0, 'per100g', 'proteinG'] },
    ],
    [
      'maxG below minG',
      { ...base, items: [item('a', OATS, { minG: 50, maxG: 10 })] },
      { code: 'OUT_OF_RANGE', path: ['items', 0, 'maxG'] },
    ],
    [
      'zero step',
      { ...base, items: [item('a', OATS, { stepG: 0 })] },
      { code: 'OUT_OF_RANGE', path: ['items', 0, 'stepG'] },
    ],
    [
      'no step multiple inside the bounds',
      { ...base, items: [item('a', OATS, { minG: 31, maxG: 39, stepG: 10 })] },
      { code: 'INCONSISTENT', path: ['items', 0, 'stepG'] },
    ],
    [
      'duplicate id',
      { ...base, items: [item('a', OATS), item('a', WHEY)] },
      { code: 'INCONSISTENT', path: ['items', 1, 'id'] },
    ],
    [
      'kcal target 0',
      { ...base, targets: { ...base.targets, kcal: 0 } },
      { code: 'OUT_OF_RANGE', path: ['targets', 'kcal'] },
    ],
    [
      'missing fat target',
      { ...base, targets: { kcal: 2000, proteinG: 150, carbsG: 200 } },
      { code: 'INVALID_TYPE', path: ['targets', 'fatG'] },
    ],
    [
      'unknown meal item',
      { ...base, meals: [{ id: 'm', itemIds: ['nope'], kcalShare: 0.5 }] },
      { code: 'INCONSISTENT', path: ['meals', 0, 'itemIds', 0] },
    ],
    [
      'shares above 1',
      {
        ...base,
        meals: [
          { id: 'm1', itemIds: ['oats'], kcalShare: 0.7 },
          { id: 'm2', itemIds: ['whey'], kcalShare: 0.7 },
        ],
      },
      { code: 'INCONSISTENT', path: ['meals'] },
    ],
    ['unknown method', { ...base, method: 'simplex' }, { code: 'INVALID_ENUM', path: ['method'] }],
    ['negative time limit', { ...base, timeLimitMs: -1 }, { code: 'OUT_OF_RANGE', path: ['timeLimitMs'] }],
    ['time limit as text', { ...base, timeLimitMs: '5' }, { code: 'INVALID_TYPE', path: ['timeLimitMs'] }],
    [
      'negative weight',
      { ...base, weights: { kcal: -1 } },
      { code: 'OUT_OF_RANGE', path: ['weights', 'kcal'] },
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(`rejects ${name} with a NexFitraError naming the field`, async () => {
      const run = solvePortions(input as PortionProblem);
      await expect(run).rejects.toBeInstanceOf(NexFitraError);
      await expect(run).rejects.toMatchObject({ fn: 'solvePortions', ...expected });
    });
  }
});
