import { describe, expect, it } from 'vitest';
import { lpData, lpText } from '../src/solver/_lp';
import { buildLp, columnNames, type ModelOptions } from '../src/solver/_model';
import { normalizeProblem } from '../src/solver/_normalize';
import { bandsUnreachable, sodiumUnreachable } from '../src/solver/_reach';
import { loadLpSolver, solveDataSync, solveLp, withLpSolver } from '../src/solver/highs';
import { solvePortions } from '../src/solver/solvePortions';

/*
 * The solver passes HiGHS structured arrays instead of LP text (issue 8: the text path wrote,
 * parsed and re-created a solver per LP). The expected values here are HiGHS' own: the
 * structured model must be the very model HiGHS' LP reader makes of the text (columns in the
 * reader's order, every number as the text carries it), and a structured solve must give the
 * legacy text solve's status and objective.
 */
const OATS = { kcal: 389, proteinG: 16.9, fatG: 6.9, carbsG: 66.3, fiberG: 10.6, sodiumMg: 2 };
const WHEY = { kcal: 400, proteinG: 80, fatG: 5, carbsG: 5, fiberG: 0, sodiumMg: 333.3 };
const MILK = { kcal: 61, proteinG: 3.2, fatG: 3.3, carbsG: 4.8, fiberG: 0, sodiumMg: 43 };
const problem = normalizeProblem({
  items: [
    { id: 'oats', per100g: OATS, minG: 40, maxG: 150, stepG: 5, typicalG: 80 },
    { id: 'whey', per100g: WHEY, minG: 20, maxG: 60, stepG: 1 },
    { id: 'milk (side)', per100g: MILK, minG: 100, maxG: 400, stepG: 5, optional: true },
  ],
  targets: { kcal: 900, proteinG: 60, fatG: 20, carbsG: 110, fiberMinG: 12, sodiumMaxMg: 600, kcalMin: 850 },
  meals: [
    { id: 'breakfast', itemIds: ['oats', 'milk (side)'], kcalShare: 0.6 },
    { id: 'snack', itemIds: ['whey'], kcalShare: 0.4 },
  ],
});
const names = columnNames(problem);
const variants: ModelOptions[] = [
  { integer: false, hard: true, objective: 'full', sodiumCap: true },
  { integer: false, hard: true, objective: 'full' },
  { integer: false, hard: false, objective: 'full' },
  { integer: false, hard: false, objective: 'excess' },
  { integer: true, hard: true, objective: 'none', sodiumCap: true },
  { integer: true, hard: false, objective: 'excess' },
  { integer: true, hard: true, objective: 'full' },
];

describe('structured LP models', () => {
  it.each(variants)('equal HiGHS reading the LP text: %o', async (o) => {
    const highs = await loadLpSolver();
    const lp = buildLp(problem, names, o);
    const data = lpData(lp, highs.infinity);
    const ref = highs.createModel({ format: 'lp', data: lpText(lp) });
    try {
      const r = ref.getModel();
      expect(data.numCols).toBe(r.numCols);
      expect(data.numRows).toBe(r.numRows);
      expect(Array.from(data.colCost)).toEqual(Array.from(r.colCost));
      expect(Array.from(data.colLower)).toEqual(Array.from(r.colLower));
      expect(Array.from(data.colUpper)).toEqual(Array.from(r.colUpper));
      expect(Array.from(data.rowLower)).toEqual(Array.from(r.rowLower));
      expect(Array.from(data.rowUpper)).toEqual(Array.from(r.rowUpper));
      expect(Array.from(data.integrality ?? new Int32Array(data.numCols))).toEqual(Array.from(r.integrality));
      // The reader's matrix is column-wise; compare both as dense row × column arrays.
      const dense = (m: {
        format: string;
        starts: ArrayLike<number>;
        indices: ArrayLike<number>;
        values: ArrayLike<number>;
      }) => {
        const d = new Float64Array(r.numRows * r.numCols);
        const outer = m.format === 'csr' ? r.numRows : r.numCols;
        for (let a = 0; a < outer; a++)
          for (let k = m.starts[a] as number; k < (m.starts[a + 1] as number); k++) {
            const [row, col] = m.format === 'csr' ? [a, m.indices[k] as number] : [m.indices[k] as number, a];
            d[row * r.numCols + col] = (d[row * r.numCols + col] as number) + (m.values[k] as number);
          }
        return Array.from(d);
      };
      expect(dense(data.matrix)).toEqual(dense(r.matrix));
    } finally {
      ref.dispose();
    }
  });

  it.each(variants)('solve to the legacy text solve status and objective: %o', async (o) => {
    const lp = buildLp(problem, names, o);
    const options = o.integer ? { mip_abs_gap: 1e-6 } : { presolve: 'off' as const };
    const legacy = await solveLp(lpText(lp), options);
    const s = await withLpSolver((highs) =>
      solveDataSync(highs, lpData(lp, highs.infinity), options, 'test'),
    );
    expect(s.Status).toBe(legacy.Status);
    if (legacy.Status === 'Optimal') expect(s.ObjectiveValue).toBeCloseTo(legacy.ObjectiveValue, 6);
    else expect(s.x).toBeUndefined();
  });

  it('does not carry options from one solve to the next (a 0 s limit, then none)', async () => {
    const lp = buildLp(problem, names, { integer: true, hard: false, objective: 'excess' });
    await withLpSolver((highs) => {
      const data = lpData(lp, highs.infinity);
      solveDataSync(highs, data, { time_limit: 0 }, 'test');
      const s = solveDataSync(highs, data, {}, 'test');
      expect(s.Status).toBe('Optimal');
    });
  });
});

describe('bands the items cannot reach (no LP asked)', () => {
  // By hand: oats 40–150 g and whey 20–60 g give at most 1.5·389 + 0.6·400 = 823.5 kcal,
  // under a 900 kcal target's band [873, 927]; milk is optional and at most 4·61 = 244 kcal.
  const base = {
    items: [
      { id: 'oats', per100g: OATS, minG: 40, maxG: 150, stepG: 5 },
      { id: 'whey', per100g: WHEY, minG: 20, maxG: 60, stepG: 1 },
    ],
    targets: { kcal: 900, proteinG: 60, fatG: 20, carbsG: 110 },
  };
  it('proves a band out of reach from the item bounds alone', () => {
    expect(bandsUnreachable(normalizeProblem(base))).toBe(true);
    // With the milk (up to 244 kcal more) 900 kcal is reachable: no proof.
    const withMilk = {
      ...base,
      items: [...base.items, { id: 'milk', per100g: MILK, minG: 100, maxG: 400, stepG: 5, optional: true }],
    };
    expect(bandsUnreachable(normalizeProblem(withMilk))).toBe(false);
  });
  it('agrees with HiGHS: the hard LP of an unreachable band is infeasible', async () => {
    const p = normalizeProblem(base);
    const lp = buildLp(p, columnNames(p), { integer: false, hard: true, objective: 'full' });
    expect((await solveLp(lpText(lp), { presolve: 'off' })).Status).toBe('Infeasible');
    // And the solver still returns the closest plan: every item at its maximum (823.5 kcal).
    const plan = await solvePortions(base);
    expect(plan.status).toBe('infeasible-closest');
    expect(plan.totals.kcal).toBeCloseTo(823.5, 6);
  });
  it('proves a sodium cap out of reach: the least sodium is over the capped row', () => {
    // Whey at its 20 g minimum brings 66.66 mg, oats at 40 g 0.8 mg: 67.46 mg > 60 · 0.98.
    const p = normalizeProblem({ ...base, targets: { ...base.targets, sodiumMaxMg: 60 } });
    expect(sodiumUnreachable(p)).toBe(true);
    const q = normalizeProblem({ ...base, targets: { ...base.targets, sodiumMaxMg: 100 } });
    expect(sodiumUnreachable(q)).toBe(false);
  });
});
