/**
 * @internal A dense bounded-variable primal simplex for the small soft LPs of one day, without
 * leaving JavaScript.
 *
 * Why: a call into HiGHS' Wasm build costs ~0.3 ms of fixed work (model setup, scaling, the
 * solver's own state) whatever the size, and passing the model and reading the solution back
 * add more; a day's soft LP (`./_model` with the portion pull split, ~10 rows, ~55 columns)
 * needs a few dozen pivots on a tableau of a few hundred cells. On a model's far-off proposals
 * the meal repair solves ~6 such LPs a day.
 *
 * The method is the textbook one: the bounded (upper-bounding) primal simplex on a tableau,
 * Dantzig's rule with Bland's rule after a run of degenerate pivots (Chvátal, "Linear
 * Programming", 1983, ch. 3 and 8). Row `i` reads `Σ_j A_ij x_j − s_i = 0`, the row activity
 * `s_i` a column bounded by the row's bounds. The starting basis is diagonal, per row: the
 * activity itself when the other columns at a bound put it inside its bounds, else a column that
 * appears in that row only (a soft model's deviation or shortfall column) at the value that
 * closes the row. A model without such a basis (a hard model) is not taken: `failed`, and the
 * caller asks HiGHS. So is anything but a verified optimum: every reduced cost of the right sign
 * (once more after recomputing them all from the tableau), and every row and column, recomputed
 * from the model as given, inside its bounds to a relative 1e-7.
 */
import type { LpData } from './_lp';

/** The structured model as `./_lp` `lpData` writes it (row-wise matrix; the dense solver reads no names). */
export type DenseLp = Pick<
  LpData,
  'numCols' | 'numRows' | 'colCost' | 'colLower' | 'colUpper' | 'rowLower' | 'rowUpper'
> & { readonly matrix: Pick<LpData['matrix'], 'starts' | 'indices' | 'values'> };

export interface DenseResult {
  readonly status: 'optimal' | 'unbounded' | 'failed';
  /** The columns' values (optimal only). */
  readonly x?: Float64Array;
  readonly objective: number;
  readonly iterations: number;
}

/** Largest tableau (rows × (columns + rows)) this solver takes; larger models go to HiGHS. */
const DENSE_MAX_CELLS = 20_000;

const BASIC = 0;
const AT_LOWER = 1;
const AT_UPPER = 2;

/** Pivot elements smaller than this are never used. */
const PIVOT_TOL = 1e-9;
/** Primal feasibility, relative to 1 + |bound| (columns) or to the row's largest term. */
const FEAS_TOL = 1e-7;
/** Dual feasibility, relative to the largest cost. */
const DUAL_TOL = 1e-10;
/** Degenerate pivots in a row before Bland's rule takes over. */
const DEGENERATE_RUN = 20;

/**
 * Solves `min c·x` subject to `rowLower ≤ A x ≤ rowUpper`, `colLower ≤ x ≤ colUpper`; bounds at
 * or beyond `infinity` (HiGHS' `inf`) are infinite. Every column needs a finite lower or upper
 * bound (no free columns), as the day models have.
 */
export function solveDense(lp: DenseLp, infinity: number): DenseResult {
  const n = lp.numCols;
  const m = lp.numRows;
  const W = n + m;
  const fail = (iterations: number): DenseResult => ({
    status: 'failed',
    objective: Number.POSITIVE_INFINITY,
    iterations,
  });
  if (m === 0 || m * W > DENSE_MAX_CELLS) return fail(0);
  const bound = (v: number) =>
    v >= infinity ? Number.POSITIVE_INFINITY : v <= -infinity ? Number.NEGATIVE_INFINITY : v;
  const lo = new Float64Array(W);
  const hi = new Float64Array(W);
  const cost = new Float64Array(W);
  const val = new Float64Array(W);
  const state = new Uint8Array(W);
  let cmax = 0;
  for (let j = 0; j < n; j++) {
    lo[j] = bound(lp.colLower[j]!);
    hi[j] = bound(lp.colUpper[j]!);
    if (!(lo[j]! <= hi[j]!)) return fail(0);
    cost[j] = lp.colCost[j]!;
    cmax = Math.max(cmax, Math.abs(cost[j]!));
    // Each column starts at the bound its own cost prefers (a soft model's items at their
    // typical count): 27 pivots a repair LP instead of 44 with every column at its lower bound.
    if (Number.isFinite(lo[j]!) && !(cost[j]! < 0 && Number.isFinite(hi[j]!))) {
      val[j] = lo[j]!;
      state[j] = AT_LOWER;
    } else if (Number.isFinite(hi[j]!)) {
      val[j] = hi[j]!;
      state[j] = AT_UPPER;
    } else return fail(0);
  }
  const { starts, indices, values } = lp.matrix;
  // The one row each column appears in, or −2 for several.
  const rowOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < m; i++)
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const j = indices[k]!;
      rowOf[j] = rowOf[j] === -1 ? i : -2;
    }
  const T = new Float64Array(m * W);
  const xB = new Float64Array(m);
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const s = n + i;
    lo[s] = bound(lp.rowLower[i]!);
    hi[s] = bound(lp.rowUpper[i]!);
    if (!(lo[s]! <= hi[s]!)) return fail(0);
    const row = i * W;
    let r = 0;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const c = row + indices[k]!;
      T[c] = T[c]! + values[k]!;
      r += values[k]! * val[indices[k]!]!;
    }
    T[row + s] = -1;
    let pivotCol = -1;
    let value = 0;
    if (r >= lo[s]! && r <= hi[s]!) {
      pivotCol = s;
      value = r;
    } else {
      // The activity at its nearest bound; a column of this row only takes up the rest.
      const sigma = r < lo[s]! ? lo[s]! : hi[s]!;
      val[s] = sigma;
      state[s] = sigma === lo[s]! ? AT_LOWER : AT_UPPER;
      for (let k = starts[i]!; k < starts[i + 1]! && pivotCol < 0; k++) {
        const j = indices[k]!;
        const aij = T[row + j]!;
        if (rowOf[j] !== i || state[j] === BASIC || Math.abs(aij) < 1e-6) continue;
        const v = val[j]! + (sigma - r) / aij;
        if (v >= lo[j]! && v <= hi[j]!) {
          pivotCol = j;
          value = v;
        }
      }
      if (pivotCol < 0) return fail(0);
    }
    const inv = 1 / T[row + pivotCol]!;
    if (inv !== 1) for (let j = row; j < row + W; j++) T[j] = T[j]! * inv;
    state[pivotCol] = BASIC;
    val[pivotCol] = 0;
    basis[i] = pivotCol;
    xB[i] = value;
  }

  const d = new Float64Array(W);
  /** d = c − c_B·T, from the current tableau. */
  const reducedCosts = () => {
    d.set(cost);
    for (let i = 0; i < m; i++) {
      const cb = cost[basis[i]!]!;
      if (cb === 0) continue;
      const row = i * W;
      for (let j = 0; j < W; j++) d[j] = d[j]! - cb * T[row + j]!;
    }
    for (let i = 0; i < m; i++) d[basis[i]!] = 0;
  };
  const dualTol = DUAL_TOL * Math.max(1, cmax);
  let iterations = 0;
  const maxIterations = 20 * W;
  let degenerate = 0;
  let refreshed = false;
  reducedCosts();
  for (;;) {
    if (++iterations > maxIterations) return fail(iterations);
    const bland = degenerate >= DEGENERATE_RUN;
    let q = -1;
    let dir = 0;
    let best = 0;
    for (let j = 0; j < W; j++) {
      const st = state[j]!;
      if (st === BASIC || lo[j] === hi[j]) continue;
      const dj = d[j]!;
      let gain: number;
      let dj3: number;
      if (st === AT_LOWER && dj < -dualTol) {
        gain = -dj;
        dj3 = 1;
      } else if (st === AT_UPPER && dj > dualTol) {
        gain = dj;
        dj3 = -1;
      } else continue;
      if (bland) {
        q = j;
        dir = dj3;
        break;
      }
      if (gain > best) {
        best = gain;
        q = j;
        dir = dj3;
      }
    }
    if (q < 0) {
      // Optimal on the maintained costs: once more on costs recomputed from the tableau.
      if (refreshed) break;
      refreshed = true;
      reducedCosts();
      continue;
    }
    refreshed = false;
    // Ratio test: x_B(i) moves by −dir·α_i per unit of the entering column.
    let r = -1;
    let t = hi[q]! - lo[q]!;
    let alphaR = 0;
    for (let i = 0; i < m; i++) {
      const alpha = T[i * W + q]!;
      if (Math.abs(alpha) < PIVOT_TOL) continue;
      const delta = -dir * alpha;
      const b = basis[i]!;
      let limit: number;
      if (delta < 0) {
        if (!Number.isFinite(lo[b]!)) continue;
        limit = (xB[i]! - lo[b]!) / -delta;
      } else {
        if (!Number.isFinite(hi[b]!)) continue;
        limit = (hi[b]! - xB[i]!) / delta;
      }
      if (limit < 0) limit = 0;
      const tie = r >= 0 && Math.abs(limit - t) <= 1e-12 * Math.max(1, t);
      if (limit < t && !tie) {
        t = limit;
        r = i;
        alphaR = alpha;
      } else if (tie && (bland ? b < basis[r]! : Math.abs(alpha) > Math.abs(alphaR))) {
        r = i;
        alphaR = alpha;
      } else if (r < 0 && limit <= t) {
        t = limit;
        r = i;
        alphaR = alpha;
      }
    }
    if (!Number.isFinite(t)) return { status: 'unbounded', objective: Number.NEGATIVE_INFINITY, iterations };
    degenerate = t <= 1e-12 ? degenerate + 1 : 0;
    for (let i = 0; i < m; i++) {
      const alpha = T[i * W + q]!;
      if (alpha !== 0) xB[i] = xB[i]! - dir * alpha * t;
    }
    if (r < 0) {
      // Bound flip: the entering column crosses to its other bound; the basis stays.
      val[q] = dir > 0 ? hi[q]! : lo[q]!;
      state[q] = dir > 0 ? AT_UPPER : AT_LOWER;
      continue;
    }
    const entering = val[q]! + dir * t;
    const leaving = basis[r]!;
    const toLower = -dir * alphaR < 0;
    val[leaving] = toLower ? lo[leaving]! : hi[leaving]!;
    state[leaving] = toLower ? AT_LOWER : AT_UPPER;
    state[q] = BASIC;
    val[q] = 0;
    basis[r] = q;
    xB[r] = entering;
    const rowR = r * W;
    const inv = 1 / alphaR;
    for (let j = rowR; j < rowR + W; j++) T[j] = T[j]! * inv;
    T[rowR + q] = 1;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = i * W;
      const f = T[row + q]!;
      if (f === 0) continue;
      for (let j = 0; j < W; j++) T[row + j] = T[row + j]! - f * T[rowR + j]!;
      T[row + q] = 0;
    }
    const fq = d[q]!;
    for (let j = 0; j < W; j++) d[j] = d[j]! - fq * T[rowR + j]!;
    d[q] = 0;
  }

  // Read and verify the solution against the model as given.
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = state[j] === BASIC ? 0 : val[j]!;
  for (let i = 0; i < m; i++) if (basis[i]! < n) x[basis[i]!] = xB[i]!;
  let objective = 0;
  for (let j = 0; j < n; j++) {
    const v = x[j]!;
    if (v < lo[j]! - FEAS_TOL * (1 + Math.abs(lo[j]!)) || v > hi[j]! + FEAS_TOL * (1 + Math.abs(hi[j]!)))
      return fail(iterations);
    x[j] = Math.min(hi[j]!, Math.max(lo[j]!, v));
    objective += cost[j]! * x[j]!;
  }
  for (let i = 0; i < m; i++) {
    let act = 0;
    let scale = 1;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const term = values[k]! * x[indices[k]!]!;
      act += term;
      scale = Math.max(scale, Math.abs(term));
    }
    if (act < lo[n + i]! - FEAS_TOL * scale || act > hi[n + i]! + FEAS_TOL * scale) return fail(iterations);
  }
  return { status: 'optimal', x, objective, iterations };
}
