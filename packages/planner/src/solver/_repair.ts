/**
 * @internal Rounds a continuous (LP or MIP) solution to whole steps and repairs it by local
 * search on the model's own objective (the same terms as `objective` in `./_model`, compared
 * the same way: first the band overshoot and energy under the floor, then the rest): the best
 * strictly improving single-item move of one step; when there is none, the best two-item move
 * (one up and one down, or both the same way); until neither improves. Each move is priced
 * incrementally from running totals, and what each candidate single move adds to them is
 * computed once per search step, so the pair scan (O(I²), the bulk of the work) only adds two
 * precomputed contributions per band: a 30-item day costs about 0.3 ms. Deterministic: fixed
 * move order, ties keep the earlier move.
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
 * One candidate single-item move of the current step: item `i` to `v` (one step up or down in
 * its domain), with what it adds to each running total. Stored column-wise in {@link Moves} so
 * that the pair scan (O(I²) per search step) reads plain typed arrays and computes every term
 * with the same operations, in the same order, as a full re-evaluation of the changed bands.
 */
interface Moves {
  count: number;
  readonly item: Int32Array;
  readonly v: Float64Array;
  /** Change of the item's portion cost. */
  readonly dPortion: Float64Array;
  /** a[k]·di for k = kcal, protein, fat, carbs, fiber, sodium: 6 per move. */
  readonly d: Float64Array;
  /** Band index of the item's meal, or -1. */
  readonly meal: Int32Array;
}

function portionCost(typical: number, w: number, v: number): number {
  return w > 0 ? (w / typical) * Math.abs(v - typical) : 0;
}

export function roundAndRepair(p: NormProblem, x: readonly number[]): number[] {
  const items = p.items;
  const I = items.length;
  const M = p.meals.length;
  const B = 4 + M;
  // Bands: 0..3 the targets, 4.. the meals. Inside a band the deviation costs w/s in `rest`;
  // beyond it the overshoot costs max(w, 1e-3)/s in `excess`, which always ranks first.
  const goal = new Float64Array(B);
  const tol = new Float64Array(B);
  const wIn = new Float64Array(B);
  const wOut = new Float64Array(B);
  for (let b = 0; b < B; b++) {
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
  const pw = p.portionWeight;
  const kcalMin = p.kcalMin;
  const fiberMin = p.fiberMin;
  const fiberPrice = Math.max(p.fiberWeight, 1e-3) / FIBER_SCALE_G;
  const capped = Number.isFinite(p.sodiumMax);
  const sodiumMax = p.sodiumMax;
  const floorCost = (v: number) => (kcalMin > 0 ? FLOOR_PRICE * Math.max(0, kcalMin - v) : 0);
  const fiberCost = (v: number) => (fiberMin > 0 ? fiberPrice * Math.max(0, fiberMin - v) : 0);
  const sodiumCost = (v: number) => (capped ? SODIUM_PRICE * Math.max(0, v - sodiumMax) : 0);

  const n = items.map((it, i) => roundInDomain(x[i] as number, it.lo, it.hi, it.optional));
  // val[b]: running value of band b (0..3 nutrient totals, 4.. meal kcal); fib, na: fiber and sodium.
  const val = new Float64Array(B);
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
  // In-band and out-of-band cost of each band at `val` (recomputed only when a move is applied).
  const inNow = new Float64Array(B);
  const outNow = new Float64Array(B);
  const mv: Moves = {
    count: 0,
    item: new Int32Array(2 * I),
    v: new Float64Array(2 * I),
    dPortion: new Float64Array(2 * I),
    d: new Float64Array(12 * I),
    meal: new Int32Array(2 * I),
  };

  for (let move = 0; move < MAX_MOVES; move++) {
    for (let b = 0; b < B; b++) {
      const dev = Math.abs((val[b] as number) - (goal[b] as number));
      inNow[b] = (wIn[b] as number) * Math.min(dev, tol[b] as number);
      outNow[b] = (wOut[b] as number) * Math.max(0, dev - (tol[b] as number));
    }
    const floorNow = floorCost(val[0] as number);
    const fiberNow = fiberCost(fib);
    const sodiumNow = sodiumCost(na);
    // The candidate single moves, in the search's order (items ascending, up before down).
    mv.count = 0;
    for (let i = 0; i < I; i++) {
      const ni = n[i] as number;
      for (let t = 0; t < 2; t++) {
        const vi = stepOf(ni, t === 0 ? 1 : -1, lo[i] as number, hi[i] as number, optional[i] === 1);
        if (vi < 0) continue;
        const c = mv.count++;
        const di = vi - ni;
        mv.item[c] = i;
        mv.v[c] = vi;
        mv.dPortion[c] =
          portionCost(typical[i] as number, pw, vi) - portionCost(typical[i] as number, pw, ni);
        for (let k = 0; k < 6; k++) mv.d[6 * c + k] = (a[6 * i + k] as number) * di;
        mv.meal[c] = mealOf[i] as number;
      }
    }
    const C = mv.count;
    const D = mv.d;
    // Best move so far as (excess change, rest change); only a strict improvement counts.
    let bestEx = 0;
    let best = 0;
    let bc = -1;
    let bc2 = -1;
    // Single-item moves first; the pairs (O(I²)) only when no single move improves.
    for (let c = 0; c < C; c++) {
      const o = 6 * c;
      const n0 = (val[0] as number) + (D[o] as number);
      let d = mv.dPortion[c] as number;
      let ex = 0;
      for (let k = 0; k < 4; k++) {
        const v = k === 0 ? n0 : (val[k] as number) + (D[o + k] as number);
        const dev = Math.abs(v - (goal[k] as number));
        d += (wIn[k] as number) * Math.min(dev, tol[k] as number) - (inNow[k] as number);
        ex += (wOut[k] as number) * Math.max(0, dev - (tol[k] as number)) - (outNow[k] as number);
      }
      const mi = mv.meal[c] as number;
      if (mi >= 0) {
        const dev = Math.abs((val[mi] as number) + (D[o] as number) - (goal[mi] as number));
        d += (wIn[mi] as number) * Math.min(dev, tol[mi] as number) - (inNow[mi] as number);
        ex += (wOut[mi] as number) * Math.max(0, dev - (tol[mi] as number)) - (outNow[mi] as number);
      }
      const dEx = ex + floorCost(n0) - floorNow;
      const rest =
        d +
        fiberCost(fib + (D[o + 4] as number)) -
        fiberNow +
        sodiumCost(na + (D[o + 5] as number)) -
        sodiumNow;
      if (better(dEx, rest, bestEx, best)) {
        bestEx = dEx;
        best = rest;
        bc = c;
      }
    }
    // As soon as some pair improves, the scan ends with its first item's other moves.
    const pairs = bc < 0;
    for (let c = 0; pairs && c < C && (bc < 0 || mv.item[c] === mv.item[bc]); c++) {
      const o = 6 * c;
      const i = mv.item[c] as number;
      // The first move's share of every running total, added before the second's (the order
      // of a full re-evaluation, so the sums are the same floating-point numbers).
      const s0 = (val[0] as number) + (D[o] as number);
      const s1 = (val[1] as number) + (D[o + 1] as number);
      const s2 = (val[2] as number) + (D[o + 2] as number);
      const s3 = (val[3] as number) + (D[o + 3] as number);
      const sf = fib + (D[o + 4] as number);
      const ss = na + (D[o + 5] as number);
      const mi = mv.meal[c] as number;
      const smi = mi >= 0 ? (val[mi] as number) + (D[o] as number) : 0;
      const pc = mv.dPortion[c] as number;
      // Pairs of two different items only: skip the rest of this item's own moves.
      let c2 = c + 1;
      while (c2 < C && mv.item[c2] === i) c2++;
      for (; c2 < C; c2++) {
        const o2 = 6 * c2;
        const k0 = D[o2] as number;
        const n0 = s0 + k0;
        const n1 = s1 + (D[o2 + 1] as number);
        const n2 = s2 + (D[o2 + 2] as number);
        const n3 = s3 + (D[o2 + 3] as number);
        const mj = mv.meal[c2] as number;
        let nmi = smi;
        let nmj = 0;
        if (mj >= 0) {
          if (mj === mi) nmi += k0;
          else nmj = (val[mj] as number) + k0;
        }
        let dev = Math.abs(n0 - (goal[0] as number));
        let d = pc + (mv.dPortion[c2] as number);
        d += (wIn[0] as number) * Math.min(dev, tol[0] as number) - (inNow[0] as number);
        let ex = (wOut[0] as number) * Math.max(0, dev - (tol[0] as number)) - (outNow[0] as number);
        dev = Math.abs(n1 - (goal[1] as number));
        d += (wIn[1] as number) * Math.min(dev, tol[1] as number) - (inNow[1] as number);
        ex += (wOut[1] as number) * Math.max(0, dev - (tol[1] as number)) - (outNow[1] as number);
        dev = Math.abs(n2 - (goal[2] as number));
        d += (wIn[2] as number) * Math.min(dev, tol[2] as number) - (inNow[2] as number);
        ex += (wOut[2] as number) * Math.max(0, dev - (tol[2] as number)) - (outNow[2] as number);
        dev = Math.abs(n3 - (goal[3] as number));
        d += (wIn[3] as number) * Math.min(dev, tol[3] as number) - (inNow[3] as number);
        ex += (wOut[3] as number) * Math.max(0, dev - (tol[3] as number)) - (outNow[3] as number);
        if (mi >= 0) {
          dev = Math.abs(nmi - (goal[mi] as number));
          d += (wIn[mi] as number) * Math.min(dev, tol[mi] as number) - (inNow[mi] as number);
          ex += (wOut[mi] as number) * Math.max(0, dev - (tol[mi] as number)) - (outNow[mi] as number);
        }
        if (mj >= 0 && mj !== mi) {
          dev = Math.abs(nmj - (goal[mj] as number));
          d += (wIn[mj] as number) * Math.min(dev, tol[mj] as number) - (inNow[mj] as number);
          ex += (wOut[mj] as number) * Math.max(0, dev - (tol[mj] as number)) - (outNow[mj] as number);
        }
        const dEx = ex + floorCost(n0) - floorNow;
        const rest =
          d +
          fiberCost(sf + (D[o2 + 4] as number)) -
          fiberNow +
          sodiumCost(ss + (D[o2 + 5] as number)) -
          sodiumNow;
        if (better(dEx, rest, bestEx, best)) {
          bestEx = dEx;
          best = rest;
          bc = c;
          bc2 = c2;
        }
      }
    }
    if (bc < 0) break;
    for (const c of bc2 >= 0 ? [bc, bc2] : [bc]) {
      const i = mv.item[c] as number;
      const o = 6 * c;
      for (let k = 0; k < 4; k++) val[k] = (val[k] as number) + (D[o + k] as number);
      fib += D[o + 4] as number;
      na += D[o + 5] as number;
      const m = mealOf[i] as number;
      if (m >= 0) val[m] = (val[m] as number) + (D[o] as number);
      n[i] = mv.v[c] as number;
    }
  }
  return n;
}
