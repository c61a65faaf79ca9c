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

/**
 * Running state of the local search: the step counts, each band's value, fiber and sodium
 * totals, and the cost terms per band at the current values (recomputed only when a move is
 * applied). Plain fields and module-level functions, no closures: the move loop below prices
 * thousands of candidate moves per day.
 */
interface State {
  readonly p: NormProblem;
  readonly I: number;
  /** perStep[6·i + k], k = kcal, protein, fat, carbs, fiber, sodium. */
  readonly a: Float64Array;
  readonly lo: Int32Array | Float64Array;
  readonly hi: Float64Array;
  readonly optional: Uint8Array;
  readonly typical: Float64Array;
  readonly mealOf: Int32Array;
  readonly goal: Float64Array;
  readonly tol: Float64Array;
  readonly wIn: Float64Array;
  readonly wOut: Float64Array;
  readonly fiberPrice: number;
  readonly capped: boolean;
  readonly n: number[];
  readonly val: Float64Array;
  fib: number;
  na: number;
  /** In-band and out-of-band cost of each band at `val`. */
  readonly inNow: Float64Array;
  readonly outNow: Float64Array;
  /** Excess change of the last priced move. */
  dEx: number;
}

function inCost(st: State, b: number, v: number): number {
  return (st.wIn[b] as number) * Math.min(Math.abs(v - (st.goal[b] as number)), st.tol[b] as number);
}
function outCost(st: State, b: number, v: number): number {
  return (st.wOut[b] as number) * Math.max(0, Math.abs(v - (st.goal[b] as number)) - (st.tol[b] as number));
}
function floorCost(st: State, v: number): number {
  return st.p.kcalMin > 0 ? FLOOR_PRICE * Math.max(0, st.p.kcalMin - v) : 0;
}
function fiberCost(st: State, v: number): number {
  return st.p.fiberMin > 0 ? st.fiberPrice * Math.max(0, st.p.fiberMin - v) : 0;
}
function sodiumCost(st: State, v: number): number {
  return st.capped ? SODIUM_PRICE * Math.max(0, v - st.p.sodiumMax) : 0;
}
function portionCost(st: State, i: number, v: number): number {
  const w = st.p.portionWeight;
  return w > 0 ? (w / (st.typical[i] as number)) * Math.abs(v - (st.typical[i] as number)) : 0;
}

/**
 * Change in cost when item i moves by di steps (to vi) and item j (or none, j < 0) by dj (to
 * vj): the change in `rest` is returned, the change in `excess` is left in `st.dEx`. The same
 * terms, in the same order, as a full re-evaluation of the changed bands.
 */
function delta(st: State, i: number, di: number, vi: number, j: number, dj: number, vj: number): number {
  const a = st.a;
  const val = st.val;
  const oi = 6 * i;
  let d = portionCost(st, i, vi) - portionCost(st, i, st.n[i] as number);
  let f = st.fib + (a[oi + 4] as number) * di;
  let s = st.na + (a[oi + 5] as number) * di;
  let n0 = (val[0] as number) + (a[oi] as number) * di;
  let n1 = (val[1] as number) + (a[oi + 1] as number) * di;
  let n2 = (val[2] as number) + (a[oi + 2] as number) * di;
  let n3 = (val[3] as number) + (a[oi + 3] as number) * di;
  const mi = st.mealOf[i] as number;
  let nmi = mi >= 0 ? (val[mi] as number) + (a[oi] as number) * di : 0;
  let mj = -1;
  let nmj = 0;
  if (j >= 0) {
    const oj = 6 * j;
    d += portionCost(st, j, vj) - portionCost(st, j, st.n[j] as number);
    f += (a[oj + 4] as number) * dj;
    s += (a[oj + 5] as number) * dj;
    n0 += (a[oj] as number) * dj;
    n1 += (a[oj + 1] as number) * dj;
    n2 += (a[oj + 2] as number) * dj;
    n3 += (a[oj + 3] as number) * dj;
    mj = st.mealOf[j] as number;
    if (mj >= 0) {
      if (mj === mi) nmi += (a[oj] as number) * dj;
      else nmj = (val[mj] as number) + (a[oj] as number) * dj;
    }
  }
  const inNow = st.inNow;
  const outNow = st.outNow;
  d += inCost(st, 0, n0) - (inNow[0] as number);
  let ex = outCost(st, 0, n0) - (outNow[0] as number);
  d += inCost(st, 1, n1) - (inNow[1] as number);
  ex += outCost(st, 1, n1) - (outNow[1] as number);
  d += inCost(st, 2, n2) - (inNow[2] as number);
  ex += outCost(st, 2, n2) - (outNow[2] as number);
  d += inCost(st, 3, n3) - (inNow[3] as number);
  ex += outCost(st, 3, n3) - (outNow[3] as number);
  if (mi >= 0) {
    d += inCost(st, mi, nmi) - (inNow[mi] as number);
    ex += outCost(st, mi, nmi) - (outNow[mi] as number);
  }
  if (mj >= 0 && mj !== mi) {
    d += inCost(st, mj, nmj) - (inNow[mj] as number);
    ex += outCost(st, mj, nmj) - (outNow[mj] as number);
  }
  st.dEx = ex + floorCost(st, n0) - floorCost(st, val[0] as number);
  return d + fiberCost(st, f) - fiberCost(st, st.fib) + sodiumCost(st, s) - sodiumCost(st, st.na);
}

function refreshCosts(st: State): void {
  for (let b = 0; b < st.val.length; b++) {
    st.inNow[b] = inCost(st, b, st.val[b] as number);
    st.outNow[b] = outCost(st, b, st.val[b] as number);
  }
}

function apply(st: State, i: number, vi: number): void {
  const a = st.a;
  const oi = 6 * i;
  const di = vi - (st.n[i] as number);
  for (let k = 0; k < 4; k++) st.val[k] = (st.val[k] as number) + (a[oi + k] as number) * di;
  st.fib += (a[oi + 4] as number) * di;
  st.na += (a[oi + 5] as number) * di;
  const m = st.mealOf[i] as number;
  if (m >= 0) st.val[m] = (st.val[m] as number) + (a[oi] as number) * di;
  st.n[i] = vi;
}

export function roundAndRepair(p: NormProblem, x: readonly number[]): number[] {
  const items = p.items;
  const I = items.length;
  const M = p.meals.length;
  // Bands: 0..3 the targets, 4.. the meals. Inside a band the deviation costs w/s in `rest`;
  // beyond it the overshoot costs max(w, 1e-3)/s in `excess`, which always ranks first.
  const goal = new Float64Array(4 + M);
  const tol = new Float64Array(4 + M);
  const wIn = new Float64Array(4 + M);
  const wOut = new Float64Array(4 + M);
  for (let b = 0; b < 4 + M; b++) {
    goal[b] = b < 4 ? (p.target[b] as number) : (p.meals[b - 4] as (typeof p.meals)[number]).target;
    tol[b] = b < 4 ? (p.tolerance[b] as number) : (p.meals[b - 4] as (typeof p.meals)[number]).tolerance;
    const w = b < 4 ? (p.weight[b] as number) : p.mealWeight;
    const s = scaleOf(tol[b] as number);
    wIn[b] = w / s;
    wOut[b] = Math.max(w, 1e-3) / s;
  }
  const mealOf = new Int32Array(I).fill(-1);
  p.meals.forEach((m, j) => {
    for (const i of m.items) mealOf[i] = 4 + j;
  });
  const a = new Float64Array(6 * I);
  const lo = new Float64Array(I);
  const hi = new Float64Array(I);
  const optional = new Uint8Array(I);
  const typical = new Float64Array(I);
  items.forEach((it, i) => {
    for (let k = 0; k < 6; k++) a[6 * i + k] = it.perStep[k] as number;
    lo[i] = it.lo;
    hi[i] = it.hi;
    optional[i] = it.optional ? 1 : 0;
    typical[i] = it.typical;
  });

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
  const st: State = {
    p,
    I,
    a,
    lo,
    hi,
    optional,
    typical,
    mealOf,
    goal,
    tol,
    wIn,
    wOut,
    fiberPrice: Math.max(p.fiberWeight, 1e-3) / FIBER_SCALE_G,
    capped: Number.isFinite(p.sodiumMax),
    n,
    val,
    fib,
    na,
    inNow: new Float64Array(4 + M),
    outNow: new Float64Array(4 + M),
    dEx: 0,
  };
  refreshCosts(st);

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
      const ni = n[i] as number;
      for (let t = 0; t < 2; t++) {
        const vi = stepOf(ni, t === 0 ? 1 : -1, lo[i] as number, hi[i] as number, optional[i] === 1);
        if (vi < 0) continue;
        const single = delta(st, i, vi - ni, vi, -1, 0, 0);
        if (better(st.dEx, single, bestEx, best)) {
          bestEx = st.dEx;
          best = single;
          bi = i;
          bvi = vi;
          bj = -1;
        }
      }
    }
    for (let i = 0; i < I && bi < 0; i++) {
      const ni = n[i] as number;
      for (let t = 0; t < 2; t++) {
        const vi = stepOf(ni, t === 0 ? 1 : -1, lo[i] as number, hi[i] as number, optional[i] === 1);
        if (vi < 0) continue;
        for (let j = i + 1; j < I; j++) {
          const nj = n[j] as number;
          for (let u = 0; u < 2; u++) {
            const vj = stepOf(nj, u === 0 ? 1 : -1, lo[j] as number, hi[j] as number, optional[j] === 1);
            if (vj < 0) continue;
            const pair = delta(st, i, vi - ni, vi, j, vj - nj, vj);
            if (better(st.dEx, pair, bestEx, best)) {
              bestEx = st.dEx;
              best = pair;
              bi = i;
              bvi = vi;
              bj = j;
              bvj = vj;
            }
          }
        }
      }
    }
    if (bi < 0) break;
    apply(st, bi, bvi);
    if (bj >= 0) apply(st, bj, bvj);
    refreshCosts(st);
  }
  return n;
}
