import { createRng } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { portionPer100g } from '../src/meal/_solveDay';
import { type DenseLp, solveDense } from '../src/solver/_dense';
import { lpData } from '../src/solver/_lp';
import { buildLp, columnNames, type ModelOptions } from '../src/solver/_model';
import { normalizeProblem } from '../src/solver/_normalize';
import { loadLpSolver, solveDataSync } from '../src/solver/highs';
import type { PortionProblem } from '../src/solver/types';

/*
 * The dense simplex that solves the day's soft LPs in JavaScript (`src/solver/_dense.ts`). Its
 * expected values come from elsewhere: a problem solved by hand, and HiGHS (an independent
 * implementation, the solver it stands in for) on hundreds of day models built from the
 * catalogue.
 */
const INF = Number.POSITIVE_INFINITY;
const lp = (o: {
  cost: number[];
  lower: number[];
  upper: number[];
  rows: { lo: number; hi: number; coefs: number[] }[];
}): DenseLp => {
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of o.rows) {
    r.coefs.forEach((c, j) => {
      if (c !== 0) {
        indices.push(j);
        values.push(c);
      }
    });
    starts.push(indices.length);
  }
  return {
    numCols: o.cost.length,
    numRows: o.rows.length,
    colCost: Float64Array.from(o.cost),
    colLower: Float64Array.from(o.lower),
    colUpper: Float64Array.from(o.upper),
    rowLower: Float64Array.from(o.rows.map((r) => r.lo)),
    rowUpper: Float64Array.from(o.rows.map((r) => r.hi)),
    matrix: {
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  };
};

describe('solveDense', () => {
  it('solves a small LP as by hand', () => {
    // min x + 2y s.t. x + y ≥ 3, 0 ≤ x ≤ 2, 0 ≤ y ≤ 5. By hand: x is cheaper, so x at its bound
    // 2 and y = 1 closes the row; objective 2 + 2 = 4.
    const r = solveDense(
      lp({ cost: [1, 2], lower: [0, 0], upper: [2, 5], rows: [{ lo: 3, hi: INF, coefs: [1, 1] }] }),
      1e30,
    );
    expect(r.status).toBe('optimal');
    expect(Array.from(r.x!)).toEqual([2, 1]);
    expect(r.objective).toBe(4);
  });

  it('says unbounded, and leaves to HiGHS a model with no diagonal starting basis', () => {
    // min −x s.t. x ≥ 0 (a row), x ≥ 0: x grows without end.
    expect(
      solveDense(lp({ cost: [-1], lower: [0], upper: [INF], rows: [{ lo: 0, hi: INF, coefs: [1] }] }), 1e30)
        .status,
    ).toBe('unbounded');
    // x + y = 3 and x − y = 1 (x = 2, y = 1): no row has a column of its own, so no basis to
    // start from: `failed`, the caller's HiGHS solves it.
    const twoRows = lp({
      cost: [1, 1],
      lower: [0, 0],
      upper: [10, 10],
      rows: [
        { lo: 3, hi: 3, coefs: [1, 1] },
        { lo: 1, hi: 1, coefs: [1, -1] },
      ],
    });
    expect(solveDense(twoRows, 1e30).status).toBe('failed');
  });

  it('finds HiGHS’ optimum on 300 soft day models from the catalogue; a hard one it takes, only where HiGHS finds the same', async () => {
    const highs = await loadLpSolver();
    const rng = createRng(20261130);
    const foods = FOODS.filter((f) => f.per100g.kcal > 0);
    const soft: ModelOptions = { integer: false, hard: false, objective: 'full' };
    const hard: ModelOptions = { integer: false, hard: true, objective: 'full', sodiumCap: true };
    let solved = 0;
    for (let k = 0; k < 300; k++) {
      const picked = Array.from({ length: rng.int(4, 16) }, () => rng.pick(foods));
      const items = picked.map((f, i) => {
        const serving = f.servings[0]?.grams;
        return {
          id: `${i}-${f.id}`,
          per100g: portionPer100g(f),
          minG: f.portion.minG,
          maxG: f.portion.maxG,
          stepG: f.portion.stepG,
          optional: rng.int(0, 4) === 0,
          ...(serving !== undefined && serving >= f.portion.minG && serving <= f.portion.maxG
            ? { typicalG: serving }
            : {}),
        };
      });
      const cut = [Math.ceil(items.length / 3), Math.ceil((2 * items.length) / 3)];
      const problem: PortionProblem = {
        items,
        targets: {
          kcal: rng.int(1400, 3600),
          proteinG: rng.int(70, 200),
          fatG: rng.int(40, 120),
          carbsG: rng.int(120, 450),
          fiberMinG: rng.int(20, 38),
          sodiumMaxMg: 2300,
          kcalMin: 1200,
        },
        meals: [
          { id: 'a', itemIds: items.slice(0, cut[0]).map((x) => x.id), kcalShare: 0.3 },
          { id: 'b', itemIds: items.slice(cut[0], cut[1]).map((x) => x.id), kcalShare: 0.35 },
          { id: 'c', itemIds: items.slice(cut[1]).map((x) => x.id), kcalShare: 0.35 },
        ].filter((m) => m.itemIds.length > 0),
      };
      const p = normalizeProblem(problem);
      const names = columnNames(p);
      for (const [o, isSoft] of [
        [soft, true],
        [hard, false],
      ] as const) {
        const data = lpData(buildLp(p, names, o), highs.infinity);
        const ref = solveDataSync(highs, data, { presolve: 'off' }, 'test');
        const r = solveDense(data, highs.infinity);
        if (isSoft) {
          // A soft model is always feasible and bounded, and always has a diagonal start.
          expect(ref.Status).toBe('Optimal');
          expect(r.status).toBe('optimal');
        }
        if (r.status !== 'optimal') continue;
        expect(ref.Status).toBe('Optimal');
        expect(Math.abs(r.objective - ref.ObjectiveValue)).toBeLessThanOrEqual(
          1e-7 * Math.max(1, Math.abs(ref.ObjectiveValue)),
        );
        if (isSoft) solved++;
      }
    }
    // The hard models (bands as constraints) almost never have a diagonal start (a band row's
    // deviation columns are bounded by its tolerance): they stay HiGHS' (all 300 of these).
    expect(solved).toBe(300);
  });
});
