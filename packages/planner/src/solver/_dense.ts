/**
 * @internal A dense bounded-variable primal simplex for the small LPs of one day, without
 * leaving JavaScript.
 *
 * Why: a call into HiGHS' Wasm build costs ~0.3 ms of fixed work (model setup, scaling, the
 * solver's own state) whatever the size, and passing the model and reading the solution back
 * add more (an infeasible LP and its dual ray ~1 ms); a day's LP (`./_model`, ~10–25 rows,
 * ~55–110 columns) needs a few dozen pivots on a tableau of a few thousand cells. On a model's
 * far-off proposals the meal repair solves ~6 LPs a day.
 *
 * The method is the textbook one: the bounded (upper-bounding) primal simplex on a tableau,
 * Dantzig's rule with Bland's rule after a run of degenerate pivots, and a phase 1 on
 * artificial columns (Chvátal, "Linear Programming", 1983, ch. 3, 8 and 9). Row `i` reads
 * `Σ_j A_ij x_j − s_i = 0`, the row activity `s_i` a column bounded by the row's bounds. The
 * starting basis is diagonal, per row: the activity itself when the other columns at a bound put
 * it inside its bounds, else a column that appears in that row only (a soft model's deviation or
 * shortfall column) at the value that closes the row, else an artificial column. With
 * artificials, phase 1 minimises their sum; a positive minimum is reported `infeasible` only with
 * its Farkas certificate (the phase-1 row duals), checked by `./_farkas` as HiGHS' dual ray is.
 * Anything else that is not a verified optimum is `failed`, and the caller asks HiGHS: an
 * optimum needs every reduced cost of the right sign (once more after recomputing them all from
 * the tableau), and every row and column, recomputed from the model as given, inside its bounds
 * to a relative 1e-7.
 */
import { rayProvesInfeasible } from './_farkas';
import type { LpData } from './_lp';

/** The structured model as `./_lp` `lpData` writes it (row-wise matrix; the dense solver reads no names). */
export type DenseLp = Pick<
  LpData,
  'numCols' | 'numRows' | 'colCost' | 'colLower' | 'colUpper' | 'rowLower' | 'rowUpper'
> & { readonly matrix: Pick<LpData['matrix'], 'starts' | 'indices' | 'values'> };

export interface DenseResult {
  readonly status: 'optimal' | 'infeasible' | 'unbounded' | 'failed';
  /** The columns' values (optimal only). */
  readonly x?: Float64Array;
  /** Infeasible only: one multiplier per row, a Farkas certificate `./_farkas` accepts (as HiGHS' dual ray). */
  readonly ray?: Float64Array;
  readonly objective: number;
  readonly iterations: number;
}

/** Largest tableau (rows × (columns + rows + artificials)) this solver takes; larger models go to HiGHS. */
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
/** Phase 1 ends infeasible above this sum of artificials, relative to the largest starting gap. */
const PHASE1_TOL = 1e-9;
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
  const fail = (iterations: number): DenseResult => ({
    status: 'failed',
    objective: Number.POSITIVE_INFINITY,
    iterations,
  });
  if (m === 0) return fail(0);
  const bound = (v: number) =>
    v >= infinity ? Number.POSITIVE_INFINITY : v <= -infinity ? Number.NEGATIVE_INFINITY : v;
  // Columns: the model's n, the m row activities, then one artificial per row that needs one.
  const lo = new Float64Array(n + 2 * m);
  const hi = new Float64Array(n + 2 * m);
  const cost = new Float64Array(n + 2 * m);
  const val = new Float64Array(n + 2 * m);
  const state = new Uint8Array(n + 2 * m);
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
  // Each row's starting basic column: its activity when the other columns at their bounds put it
  // inside the row's bounds; else, with the activity at its nearest bound, a column of this row
  // only that takes up the rest; else an artificial column (phase 1 drives it to 0).
  const pivotOf = new Int32Array(m);
  const startValue = new Float64Array(m);
  let artificials = 0;
  for (let i = 0; i < m; i++) {
    const s = n + i;
    lo[s] = bound(lp.rowLower[i]!);
    hi[s] = bound(lp.rowUpper[i]!);
    if (!(lo[s]! <= hi[s]!)) return fail(0);
    let r = 0;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) r += values[k]! * val[indices[k]!]!;
    if (r >= lo[s]! && r <= hi[s]!) {
      pivotOf[i] = s;
      startValue[i] = r;
      continue;
    }
    const sigma = r < lo[s]! ? lo[s]! : hi[s]!;
    val[s] = sigma;
    state[s] = sigma === lo[s]! ? AT_LOWER : AT_UPPER;
    pivotOf[i] = -1;
    for (let k = starts[i]!; k < starts[i + 1]! && pivotOf[i]! < 0; k++) {
      const j = indices[k]!;
      if (rowOf[j] !== i) continue;
      // The row's summed coefficient of j (a column may be listed twice), for a column of this
      // row only (summed after that test: the energy row lists every item).
      let aij = 0;
      for (let q = starts[i]!; q < starts[i + 1]!; q++) if (indices[q] === j) aij += values[q]!;
      if (Math.abs(aij) < 1e-6) continue;
      const v = val[j]! + (sigma - r) / aij;
      if (v >= lo[j]! && v <= hi[j]!) {
        pivotOf[i] = j;
        startValue[i] = v;
      }
    }
    if (pivotOf[i]! < 0) {
      // Artificial a ≥ 0 with coefficient sign(σ − r): the row reads Σ A x − s + g·a = 0.
      const a = n + m + artificials++;
      lo[a] = 0;
      hi[a] = Number.POSITIVE_INFINITY;
      pivotOf[i] = a;
      startValue[i] = sigma - r;
    }
  }
  const W = n + m + artificials;
  if (m * W > DENSE_MAX_CELLS) return fail(0);
  const T = new Float64Array(m * W);
  const xB = new Float64Array(m);
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const row = i * W;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const c = row + indices[k]!;
      T[c] = T[c]! + values[k]!;
    }
    T[row + n + i] = -1;
    const pivotCol = pivotOf[i]!;
    let value = startValue[i]!;
    if (pivotCol >= n + m) {
      // The artificial's coefficient is the sign of the gap it closes; its value the gap's size.
      T[row + pivotCol] = value < 0 ? -1 : 1;
      value = Math.abs(value);
    }
    const inv = 1 / T[row + pivotCol]!;
    if (inv !== 1) for (let j = row; j < row + W; j++) T[j] = T[j]! * inv;
    state[pivotCol] = BASIC;
    val[pivotCol] = 0;
    basis[i] = pivotCol;
    xB[i] = value;
  }

  const d = new Float64Array(W);
  const cols = new Int32Array(W);
  /** d = c − c_B·T, from the current tableau. */
  const reducedCosts = (c: Float64Array) => {
    for (let j = 0; j < W; j++) d[j] = c[j]!;
    for (let i = 0; i < m; i++) {
      const cb = c[basis[i]!]!;
      if (cb === 0) continue;
      const row = i * W;
      for (let j = 0; j < W; j++) d[j] = d[j]! - cb * T[row + j]!;
    }
    for (let i = 0; i < m; i++) d[basis[i]!] = 0;
  };
  let iterations = 0;
  /**
   * The bounded primal simplex from the current basis on costs `c` (largest |c| `cBig`):
   * `optimal` once no column prices out (on reduced costs recomputed from the tableau), else
   * `unbounded` or `limit`.
   */
  const simplex = (c: Float64Array, cBig: number): 'optimal' | 'unbounded' | 'limit' => {
    // The tableau's arrays as locals: the pivot loops read them thousands of times an LP.
    const tT = T;
    const tD = d;
    const tState = state;
    const tLo = lo;
    const tHi = hi;
    const tVal = val;
    const tXB = xB;
    const tBasis = basis;
    const tCols = cols;
    const dualTol = DUAL_TOL * Math.max(1, cBig);
    const maxIterations = iterations + 20 * W;
    let degenerate = 0;
    let refreshed = false;
    reducedCosts(c);
    for (;;) {
      if (++iterations > maxIterations) return 'limit';
      const bland = degenerate >= DEGENERATE_RUN;
      let q = -1;
      let dir = 0;
      let best = 0;
      for (let j = 0; j < W; j++) {
        const st = tState[j]!;
        if (st === BASIC || tLo[j] === tHi[j]) continue;
        const dj = tD[j]!;
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
        if (refreshed) return 'optimal';
        refreshed = true;
        reducedCosts(c);
        continue;
      }
      refreshed = false;
      // Ratio test: x_B(i) moves by −dir·α_i per unit of the entering column.
      let r = -1;
      let t = tHi[q]! - tLo[q]!;
      let alphaR = 0;
      for (let i = 0; i < m; i++) {
        const alpha = tT[i * W + q]!;
        if (Math.abs(alpha) < PIVOT_TOL) continue;
        const delta = -dir * alpha;
        const b = tBasis[i]!;
        let limit: number;
        if (delta < 0) {
          if (!Number.isFinite(tLo[b]!)) continue;
          limit = (tXB[i]! - tLo[b]!) / -delta;
        } else {
          if (!Number.isFinite(tHi[b]!)) continue;
          limit = (tHi[b]! - tXB[i]!) / delta;
        }
        if (limit < 0) limit = 0;
        const tie = r >= 0 && Math.abs(limit - t) <= 1e-12 * Math.max(1, t);
        if (limit < t && !tie) {
          t = limit;
          r = i;
          alphaR = alpha;
        } else if (tie && (bland ? b < tBasis[r]! : Math.abs(alpha) > Math.abs(alphaR))) {
          r = i;
          alphaR = alpha;
        } else if (r < 0 && limit <= t) {
          t = limit;
          r = i;
          alphaR = alpha;
        }
      }
      if (!Number.isFinite(t)) return 'unbounded';
      degenerate = t <= 1e-12 ? degenerate + 1 : 0;
      for (let i = 0; i < m; i++) {
        const alpha = tT[i * W + q]!;
        if (alpha !== 0) tXB[i] = tXB[i]! - dir * alpha * t;
      }
      if (r < 0) {
        // Bound flip: the entering column crosses to its other bound; the basis stays.
        tVal[q] = dir > 0 ? tHi[q]! : tLo[q]!;
        tState[q] = dir > 0 ? AT_UPPER : AT_LOWER;
        continue;
      }
      const entering = tVal[q]! + dir * t;
      const leaving = tBasis[r]!;
      const toLower = -dir * alphaR < 0;
      tVal[leaving] = toLower ? tLo[leaving]! : tHi[leaving]!;
      tState[leaving] = toLower ? AT_LOWER : AT_UPPER;
      tState[q] = BASIC;
      tVal[q] = 0;
      tBasis[r] = q;
      tXB[r] = entering;
      const rowR = r * W;
      const inv = 1 / alphaR;
      // The pivot row's nonzero columns: every other row changes only there.
      let nz = 0;
      for (let j = 0; j < W; j++) {
        const v = tT[rowR + j]!;
        if (v === 0) continue;
        tT[rowR + j] = v * inv;
        tCols[nz++] = j;
      }
      tT[rowR + q] = 1;
      for (let i = 0; i < m; i++) {
        if (i === r) continue;
        const row = i * W;
        const f = tT[row + q]!;
        if (f === 0) continue;
        for (let k = 0; k < nz; k++) {
          const j = tCols[k]!;
          tT[row + j] = tT[row + j]! - f * tT[rowR + j]!;
        }
        tT[row + q] = 0;
      }
      const fq = tD[q]!;
      for (let k = 0; k < nz; k++) {
        const j = tCols[k]!;
        tD[j] = tD[j]! - fq * tT[rowR + j]!;
      }
      tD[q] = 0;
    }
  };

  if (artificials > 0) {
    // Phase 1: minimise the artificials' sum. Above 0 the model is infeasible, and the row
    // multipliers y = c_B·B⁻¹ (the reduced costs of the row activities, whose tableau columns are
    // B⁻¹(−eᵢ)) are a Farkas certificate: the phase-1 optimum is min over the box of
    // yᵀs − (Aᵀy)ᵀx, so yᵀ(Ax) over the rows' bounds and (Aᵀy)ᵀx over the columns' box are
    // apart. It is returned only once `./_farkas` has checked it.
    const phase1 = new Float64Array(W);
    phase1.fill(1, n + m);
    if (simplex(phase1, 1) !== 'optimal') return fail(iterations);
    let left = 0;
    let size = 0;
    for (let i = 0; i < m; i++) {
      if (basis[i]! >= n + m) left += xB[i]!;
      size = Math.max(size, Math.abs(startValue[i]!));
    }
    if (left > PHASE1_TOL * Math.max(1, size)) {
      const ray = d.slice(n, n + m);
      return rayProvesInfeasible(lp, ray, () => false, infinity)
        ? { status: 'infeasible', ray, objective: Number.POSITIVE_INFINITY, iterations }
        : fail(iterations);
    }
    // Feasible: the artificials are fixed at 0 (one still basic leaves at its first pivot).
    for (let a = n + m; a < W; a++) hi[a] = 0;
  }
  const phase2 = simplex(cost, cmax);
  if (phase2 === 'unbounded') return { status: 'unbounded', objective: Number.NEGATIVE_INFINITY, iterations };
  if (phase2 !== 'optimal') return fail(iterations);

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
