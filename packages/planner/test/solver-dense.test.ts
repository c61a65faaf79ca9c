import { createRng } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { portionPer100g } from '../src/meal/_solveDay';
import { type DenseLp, solveDense } from '../src/solver/_dense';
import { rayProvesInfeasible } from '../src/solver/_farkas';
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

/**
 * A day of 4–15 random catalogue foods in three meals. `reachable`: targets (energy, macros,
 * meal shares) taken from a random plan of those foods within their bounds, so that some plan
 * meets every band (HiGHS still decides each model; the solvers must agree).
 */
function randomDay(
  rng: ReturnType<typeof createRng>,
  foods: typeof FOODS,
  reachable: boolean,
): PortionProblem {
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
  const groups = [items.slice(0, cut[0]), items.slice(cut[0], cut[1]), items.slice(cut[1])];
  let targets = {
    kcal: rng.int(1400, 3600),
    proteinG: rng.int(70, 200),
    fatG: rng.int(40, 120),
    carbsG: rng.int(120, 450),
  };
  let shares = [0.3, 0.35, 0.35];
  if (reachable) {
    const grams = items.map(
      (it) => it.minG + rng.int(0, Math.floor((it.maxG - it.minG) / it.stepG)) * it.stepG,
    );
    const sum = (k: 'kcal' | 'proteinG' | 'fatG' | 'carbsG', from = 0, to = items.length) =>
      items.slice(from, to).reduce((s, it, i) => s + (it.per100g[k] * grams[from + i]!) / 100, 0);
    targets = { kcal: sum('kcal'), proteinG: sum('proteinG'), fatG: sum('fatG'), carbsG: sum('carbsG') };
    shares = [sum('kcal', 0, cut[0]), sum('kcal', cut[0], cut[1]), sum('kcal', cut[1])].map(
      (k) => k / targets.kcal,
    );
  }
  return {
    items,
    targets: {
      ...targets,
      fiberMinG: rng.int(20, 38),
      sodiumMaxMg: reachable ? 100_000 : 2300,
      kcalMin: reachable ? 0 : 1200,
    },
    meals: groups
      .map((g, j) => ({ id: 'abc'[j]!, itemIds: g.map((x) => x.id), kcalShare: shares[j]! }))
      .filter((m) => m.itemIds.length > 0),
  };
}

/** x + y = 3 and x − y = 1 (by hand x = 2, y = 1), 0 ≤ x ≤ 10, 0 ≤ y ≤ `yMax`: no row has a column of its own. */
const sumAndDifference = (cost: number[], yMax: number) =>
  lp({
    cost,
    lower: [0, 0],
    upper: [10, yMax],
    rows: [
      { lo: 3, hi: 3, coefs: [1, 1] },
      { lo: 1, hi: 1, coefs: [1, -1] },
    ],
  });

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

  it('says unbounded; finds a start by phase 1 where no row has a column of its own', () => {
    // min −x s.t. x ≥ 0 (a row), x ≥ 0: x grows without end.
    expect(
      solveDense(lp({ cost: [-1], lower: [0], upper: [INF], rows: [{ lo: 0, hi: INF, coefs: [1] }] }), 1e30)
        .status,
    ).toBe('unbounded');
    // x + y = 3 and x − y = 1: no row has a column of its own, so the start takes two
    // artificials. By hand the rows have one solution, x = 2, y = 1 (objective 2 + 1 = 3).
    const r = solveDense(sumAndDifference([1, 1], 10), 1e30);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.x!)).toEqual([2, 1]);
    expect(r.objective).toBe(3);
  });

  it('says infeasible only with a certificate the Farkas check accepts', () => {
    // x + y ≥ 5 with 0 ≤ x, y ≤ 2: at most 4, by hand. Any positive multiple of the one row's
    // multiplier proves it: y·(x + y) ≥ 5y while (Aᵀy)ᵀx ≤ 4y.
    const short = lp({
      cost: [1, 1],
      lower: [0, 0],
      upper: [2, 2],
      rows: [
        { lo: 5, hi: INF, coefs: [1, 1] },
        { lo: 0, hi: 1, coefs: [1, -1] },
      ],
    });
    const r = solveDense(short, 1e30);
    expect(r.status).toBe('infeasible');
    expect(r.ray).toHaveLength(2);
    expect(rayProvesInfeasible(short, r.ray!, () => false, 1e30)).toBe(true);
    // The second row plays no part in the proof: without it the model is still infeasible.
    expect(rayProvesInfeasible(short, r.ray!, (i) => i === 1, 1e30)).toBe(true);
    // x + y = 3 and x − y = 1 with y ≤ 0.5 (by hand y must be 1): infeasible through both rows.
    const both = sumAndDifference([0, 0], 0.5);
    const b = solveDense(both, 1e30);
    expect(b.status).toBe('infeasible');
    expect(rayProvesInfeasible(both, b.ray!, () => false, 1e30)).toBe(true);
    expect(rayProvesInfeasible(both, b.ray!, (i) => i === 0, 1e30)).toBe(false);
  });

  it('agrees with HiGHS on 300 soft and 300 hard day models from the catalogue: the same optimum, the same infeasibility', async () => {
    const highs = await loadLpSolver();
    const rng = createRng(20261130);
    const foods = FOODS.filter((f) => f.per100g.kcal > 0);
    const soft: ModelOptions = { integer: false, hard: false, objective: 'full' };
    const hard: ModelOptions = { integer: false, hard: true, objective: 'full', sodiumCap: true };
    const count = { soft: 0, hardOptimal: 0, hardInfeasible: 0, failed: 0 };
    for (let k = 0; k < 300; k++) {
      const problem = randomDay(rng, foods, false);
      const p = normalizeProblem(problem);
      const names = columnNames(p);
      for (const [o, isSoft] of [
        [soft, true],
        [hard, false],
      ] as const) {
        const data = lpData(buildLp(p, names, o), highs.infinity);
        const ref = solveDataSync(highs, data, { presolve: 'off' }, 'test', true);
        const r = solveDense(data, highs.infinity);
        if (isSoft) {
          // A soft model is always feasible and bounded, and always has a diagonal start.
          expect(ref.Status).toBe('Optimal');
          expect(r.status).toBe('optimal');
        }
        if (r.status === 'optimal') {
          expect(ref.Status).toBe('Optimal');
          expect(Math.abs(r.objective - ref.ObjectiveValue)).toBeLessThanOrEqual(
            1e-7 * Math.max(1, Math.abs(ref.ObjectiveValue)),
          );
          if (isSoft) count.soft++;
          else count.hardOptimal++;
        } else if (r.status === 'infeasible') {
          // HiGHS agrees, and the certificate is checked on its own (it need not be HiGHS' ray).
          expect(ref.Status).toBe('Infeasible');
          expect(rayProvesInfeasible(data, r.ray!, () => false, highs.infinity)).toBe(true);
          count.hardInfeasible++;
        } else {
          expect(r.status).toBe('failed');
          count.failed++;
        }
      }
    }
    // Every soft model is solved here; of the hard ones (random foods against random targets:
    // mostly infeasible) all but a few that the solver cannot verify, which HiGHS then solves.
    expect(count.soft).toBe(300);
    expect(count.hardOptimal + count.hardInfeasible).toBeGreaterThanOrEqual(290);
    expect(count.hardOptimal).toBeGreaterThan(0);
    expect(count.hardInfeasible).toBeGreaterThan(0);
  });

  it('finds HiGHS’ optimum on 300 hard day models whose bands some plan meets (phase 1, then phase 2)', async () => {
    const highs = await loadLpSolver();
    const rng = createRng(20261201);
    const foods = FOODS.filter((f) => f.per100g.kcal > 0);
    const hard: ModelOptions = { integer: false, hard: true, objective: 'full', sodiumCap: true };
    let optimal = 0;
    for (let k = 0; k < 300; k++) {
      const p = normalizeProblem(randomDay(rng, foods, true));
      const data = lpData(buildLp(p, columnNames(p), hard), highs.infinity);
      const ref = solveDataSync(highs, data, { presolve: 'off' }, 'test', true);
      const r = solveDense(data, highs.infinity);
      if (r.status === 'failed') continue;
      expect(r.status).toBe(ref.Status === 'Optimal' ? 'optimal' : 'infeasible');
      if (r.status !== 'optimal') continue;
      expect(Math.abs(r.objective - ref.ObjectiveValue)).toBeLessThanOrEqual(
        1e-7 * Math.max(1, Math.abs(ref.ObjectiveValue)),
      );
      optimal++;
    }
    expect(optimal).toBeGreaterThanOrEqual(290);
  });
});
