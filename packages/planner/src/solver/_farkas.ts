/**
 * @internal A Farkas certificate, checked here in plain arithmetic: HiGHS' dual ray of an
 * infeasible LP proves that the same model, or the model with some of its rows left out, has
 * no solution, so that LP need not be solved (or a search for a plan that cannot exist need
 * not be made).
 *
 * For any row multipliers y, every x with rowLower ≤ Ax ≤ rowUpper and colLower ≤ x ≤ colUpper
 * has yᵀ(Ax) = (Aᵀy)ᵀx. The left side lies in the interval Σᵢ [min, max](yᵢ·rowLowerᵢ,
 * yᵢ·rowUpperᵢ) and the right side in Σⱼ [min, max]((Aᵀy)ⱼ·colLowerⱼ, (Aᵀy)ⱼ·colUpperⱼ); when the
 * two intervals are apart, no such x exists (Farkas' lemma; Schrijver 1986, Theory of Linear
 * and Integer Programming, §7.3). A row whose multiplier is set to 0 takes no part in the
 * argument, so the proof also holds for the model without that row. Only a clear gap counts:
 * it must exceed 1e-6 of the magnitudes summed (HiGHS accepts rows and bounds within 1e-7),
 * so a model HiGHS would call feasible is never claimed infeasible.
 */
import type { LpData } from './_lp';

/** What the check reads of a model: bounds and the row-wise matrix (no names, no costs). */
export type FarkasLp = Pick<
  LpData,
  'numCols' | 'numRows' | 'colLower' | 'colUpper' | 'rowLower' | 'rowUpper'
> & {
  readonly matrix: Pick<LpData['matrix'], 'starts' | 'indices' | 'values'>;
};

/** Relative gap a proof needs (see the module comment). */
const SLACK = 1e-6;
/** Multipliers this small against the ray's largest are dropped from the certificate. */
const TINY = 1e-12;

/**
 * True when `ray` (one multiplier per row of `data`), with the rows `drop` picks set to 0,
 * proves that no x meets the remaining rows and the column bounds. `infinity` is the loaded
 * build's infinity (`highs.infinity`): bounds at or beyond it are absent.
 */
export function rayProvesInfeasible(
  data: FarkasLp,
  ray: Float64Array,
  drop: (row: number) => boolean,
  infinity: number,
): boolean {
  const R = data.numRows;
  if (ray.length !== R) return false;
  let big = 0;
  for (let i = 0; i < R; i++) big = Math.max(big, Math.abs(ray[i] as number));
  if (!(big > 0) || !Number.isFinite(big)) return false;
  const y = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const v = ray[i] as number;
    if (!drop(i) && Math.abs(v) > TINY * big) y[i] = v;
  }
  // yᵀ(Ax) over the rows' ranges.
  let rLo = 0;
  let rHi = 0;
  let scale = 0;
  for (let i = 0; i < R; i++) {
    const v = y[i] as number;
    if (v === 0) continue;
    const lo = data.rowLower[i] as number;
    const hi = data.rowUpper[i] as number;
    const loFinite = lo > -infinity;
    const hiFinite = hi < infinity;
    if (v > 0) {
      rLo = loFinite ? rLo + v * lo : Number.NEGATIVE_INFINITY;
      rHi = hiFinite ? rHi + v * hi : Number.POSITIVE_INFINITY;
    } else {
      rLo = hiFinite ? rLo + v * hi : Number.NEGATIVE_INFINITY;
      rHi = loFinite ? rHi + v * lo : Number.POSITIVE_INFINITY;
    }
    scale += Math.abs(v) * (1 + (loFinite ? Math.abs(lo) : 0) + (hiFinite ? Math.abs(hi) : 0));
  }
  // (Aᵀy)ᵀx over the columns' box.
  const at = new Float64Array(data.numCols);
  const { starts, indices, values } = data.matrix;
  for (let i = 0; i < R; i++) {
    const v = y[i] as number;
    if (v === 0) continue;
    for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
      const j = indices[k] as number;
      at[j] = (at[j] as number) + v * (values[k] as number);
    }
  }
  let cLo = 0;
  let cHi = 0;
  for (let j = 0; j < data.numCols; j++) {
    const a = at[j] as number;
    if (a === 0) continue;
    const lo = data.colLower[j] as number;
    const hi = data.colUpper[j] as number;
    const loFinite = lo > -infinity;
    const hiFinite = hi < infinity;
    if (a > 0) {
      cLo = loFinite ? cLo + a * lo : Number.NEGATIVE_INFINITY;
      cHi = hiFinite ? cHi + a * hi : Number.POSITIVE_INFINITY;
    } else {
      cLo = hiFinite ? cLo + a * hi : Number.NEGATIVE_INFINITY;
      cHi = loFinite ? cHi + a * lo : Number.POSITIVE_INFINITY;
    }
    scale += Math.abs(a) * (1 + (loFinite ? Math.abs(lo) : 0) + (hiFinite ? Math.abs(hi) : 0));
  }
  const eps = SLACK * Math.max(1, scale);
  return cHi < rLo - eps || cLo > rHi + eps;
}
