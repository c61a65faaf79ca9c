/**
 * @internal Rounds a continuous (LP or MIP) solution to whole steps and repairs it by local
 * search on the model's own objective (the same terms as `objective` in `./_model`, compared
 * the same way: first the band overshoot and energy under the floor, then the rest): the best
 * strictly improving single-item move of one step; when there is none, the best two-item move
 * (one up and one down, or both the same way); until neither improves. Each move is priced incrementally from running
 * totals, so a 16-item day costs well under a millisecond. Deterministic: fixed move order,
 * ties keep the earlier move.
 */
import { FIBER_SCALE_G, FLOOR_PRICE, SODIUM_PRICE, scaleOf } from './_model';
import type { NormProblem } from './_normalize';

/** Nearest whole step count in the item's domain ({0} ∪ [lo, hi] when optional). */
function roundInDomain(x: number, lo: number, hi: number, optional: boolean): number {
  if (optional && x < lo / 2) return 0;
  return Math.min(hi, Math.max(lo, Math.round(x)));
}

/** The next value up or down in the domain, or -1 at its edge. */
function stepOf(v: number, dir: 1 | -1, lo: number, hi: number, optional: boolean): number {
  if (dir === 1) {
    if (optional && v === 0) return lo;
    return v + 1 <= hi ? v + 1 : -1;
  }
  if (optional && v === lo) return 0;
  return v - 1 >= lo ? v - 1 : -1;
}

const MAX_MOVES = 2000;
const EPS = 1e-9;

/** Is the move (ex, rest) strictly better than the best so far (bestEx, best)? */
function better(ex: number, rest: number, bestEx: number, best: number): boolean {
  if (ex < bestEx - EPS) return true;
  return ex <= bestEx + EPS && rest < best - EPS;
}

export function roundAndRepair(p: NormProblem, x: readonly number[]): number[] {
  const items = p.items;
  const I = items.length;
  const M = p.meals.length;
  // Bands: 0..3 the targets, 4.. the meals. Inside a band the deviation costs w/s in `rest`;
  // beyond it the overshoot costs max(w, 1e-3)/s in `excess`, which always ranks first.
  const goal: number[] = [...p.target, ...p.meals.map((m) => m.target)];
  const tol: number[] = [...p.tolerance, ...p.meals.map((m) => m.tolerance)];
  const wIn: number[] = [];
  const wOut: number[] = [];
  for (let b = 0; b < 4 + M; b++) {
    const w = b < 4 ? (p.weight[b] as number) : p.mealWeight;
    const s = scaleOf(tol[b] as number);
    wIn.push(w / s);
    wOut.push(Math.max(w, 1e-3) / s);
  }
  const fiberPrice = Math.max(p.fiberWeight, 1e-3) / FIBER_SCALE_G;
  const mealOf = new Int32Array(I).fill(-1);
  p.meals.forEach((m, j) => {
    for (const i of m.items) mealOf[i] = 4 + j;
  });

  const inCost = (b: number, v: number) =>
    (wIn[b] as number) * Math.min(Math.abs(v - (goal[b] as number)), tol[b] as number);
  const outCost = (b: number, v: number) =>
    (wOut[b] as number) * Math.max(0, Math.abs(v - (goal[b] as number)) - (tol[b] as number));
  const floorCost = (v: number) => (p.kcalMin > 0 ? FLOOR_PRICE * Math.max(0, p.kcalMin - v) : 0);
  const fiberCost = (v: number) => (p.fiberMin > 0 ? fiberPrice * Math.max(0, p.fiberMin - v) : 0);
  const capped = Number.isFinite(p.sodiumMax);
  const sodiumCost = (v: number) => (capped ? SODIUM_PRICE * Math.max(0, v - p.sodiumMax) : 0);
  const portionCost = (i: number, v: number) => {
    const it = items[i] as (typeof items)[number];
    return p.portionWeight > 0 ? (p.portionWeight / it.typical) * Math.abs(v - it.typical) : 0;
  };

  const n = items.map((it, i) => roundInDomain(x[i] as number, it.lo, it.hi, it.optional));
  // val[b]: running value of band b (0..3 nutrient totals, 4.. meal kcal); fib: fiber total.
  const val = new Float64Array(4 + M);
  let fib = 0;
  let na = 0;
  items.forEach((it, i) => {
    const v = n[i] as number;
    na += it.perStep[5] * v;
    for (let k = 0; k < 4; k++) val[k] = (val[k] as number) + (it.perStep[k] as number) * v;
    fib += it.perStep[4] * v;
    const m = mealOf[i] as number;
    if (m >= 0) val[m] = (val[m] as number) + it.perStep[0] * v;
  });

  const next = new Float64Array(4 + M);
  /**
   * Change in cost when item i moves by di steps and item j (or none, j < 0) by dj: the change
   * in `rest` is returned, the change in `excess` is left in `dEx`.
   */
  let dEx = 0;
  const delta = (i: number, di: number, vi: number, j: number, dj: number, vj: number): number => {
    const a = items[i] as (typeof items)[number];
    let d = portionCost(i, vi) - portionCost(i, n[i] as number);
    for (let k = 0; k < 4 + M; k++) next[k] = val[k] as number;
    let f = fib + a.perStep[4] * di;
    let s = na + a.perStep[5] * di;
    for (let k = 0; k < 4; k++) next[k] = (next[k] as number) + (a.perStep[k] as number) * di;
    const mi = mealOf[i] as number;
    if (mi >= 0) next[mi] = (next[mi] as number) + a.perStep[0] * di;
    let mj = -1;
    if (j >= 0) {
      const b = items[j] as (typeof items)[number];
      d += portionCost(j, vj) - portionCost(j, n[j] as number);
      f += b.perStep[4] * dj;
      s += b.perStep[5] * dj;
      for (let k = 0; k < 4; k++) next[k] = (next[k] as number) + (b.perStep[k] as number) * dj;
      mj = mealOf[j] as number;
      if (mj >= 0) next[mj] = (next[mj] as number) + b.perStep[0] * dj;
    }
    let ex = 0;
    const band = (b: number) => {
      d += inCost(b, next[b] as number) - inCost(b, val[b] as number);
      ex += outCost(b, next[b] as number) - outCost(b, val[b] as number);
    };
    for (let k = 0; k < 4; k++) band(k);
    if (mi >= 0) band(mi);
    if (mj >= 0 && mj !== mi) band(mj);
    dEx = ex + floorCost(next[0] as number) - floorCost(val[0] as number);
    return d + fiberCost(f) - fiberCost(fib) + sodiumCost(s) - sodiumCost(na);
  };
  const apply = (i: number, vi: number) => {
    const a = items[i] as (typeof items)[number];
    const di = vi - (n[i] as number);
    for (let k = 0; k < 4; k++) val[k] = (val[k] as number) + (a.perStep[k] as number) * di;
    fib += a.perStep[4] * di;
    na += a.perStep[5] * di;
    const m = mealOf[i] as number;
    if (m >= 0) val[m] = (val[m] as number) + a.perStep[0] * di;
    n[i] = vi;
  };

  const dirs = [1, -1] as const;
  for (let move = 0; move < MAX_MOVES; move++) {
    // Best move so far as (excess change, rest change); only a strict improvement counts.
    let bestEx = 0;
    let best = 0;
    let bi = -1;
    let bvi = 0;
    let bj = -1;
    let bvj = 0;
    // Single-item moves first; the pairs (O(I²)) only when no single move improves.
    for (let i = 0; i < I; i++) {
      const a = items[i] as (typeof items)[number];
      const ni = n[i] as number;
      for (const di of dirs) {
        const vi = stepOf(ni, di, a.lo, a.hi, a.optional);
        if (vi < 0) continue;
        const single = delta(i, vi - ni, vi, -1, 0, 0);
        if (better(dEx, single, bestEx, best)) [bestEx, best, bi, bvi, bj] = [dEx, single, i, vi, -1];
      }
    }
    for (let i = 0; i < I && bi < 0; i++) {
      const a = items[i] as (typeof items)[number];
      const ni = n[i] as number;
      for (const di of dirs) {
        const vi = stepOf(ni, di, a.lo, a.hi, a.optional);
        if (vi < 0) continue;
        for (let j = i + 1; j < I; j++) {
          const b = items[j] as (typeof items)[number];
          const nj = n[j] as number;
          for (const dj of dirs) {
            const vj = stepOf(nj, dj, b.lo, b.hi, b.optional);
            if (vj < 0) continue;
            const pair = delta(i, vi - ni, vi, j, vj - nj, vj);
            if (better(dEx, pair, bestEx, best)) [bestEx, best, bi, bvi, bj, bvj] = [dEx, pair, i, vi, j, vj];
          }
        }
      }
    }
    if (bi < 0) break;
    apply(bi, bvi);
    if (bj >= 0) apply(bj, bvj);
  }
  return n;
}
