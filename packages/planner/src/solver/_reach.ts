/**
 * @internal A proof of infeasibility without a solver: every band row (energy, the three
 * macros, each meal's energy) and the sodium cap is a sum of items that each lie in
 * [0 or lo, hi] step counts, so the row can only take values between the sum of its items'
 * smallest and the sum of their largest contributions. A band outside that interval cannot be
 * met by any plan, integer or not, so the hard LP (and every MIP over the same rows) is
 * infeasible and HiGHS need not be asked. Only a clear gap counts (a relative slack well
 * above HiGHS' 1e-7 feasibility tolerance), so this never claims a model infeasible that
 * HiGHS would solve.
 */
import { SODIUM_MARGIN } from './_model';
import type { NormProblem } from './_normalize';

/** Relative slack before a gap counts as a proof. */
const SLACK = 1e-6;

function outside(min: number, max: number, lo: number, hi: number): boolean {
  const eps = SLACK * Math.max(1, Math.abs(lo), Math.abs(hi));
  return max < lo - eps || min > hi + eps;
}

/** Range of Σ perStep[k]·n over `items` (all items when omitted), n in each item's relaxed domain. */
function range(p: NormProblem, k: number, items?: readonly number[]): [number, number] {
  let min = 0;
  let max = 0;
  const n = items ? items.length : p.items.length;
  for (let t = 0; t < n; t++) {
    const it = p.items[items ? (items[t] as number) : t] as NormProblem['items'][number];
    const a = it.perStep[k] as number;
    const lo = (it.optional ? 0 : it.lo) * a;
    const hi = it.hi * a;
    min += Math.min(lo, hi);
    max += Math.max(lo, hi);
  }
  return [min, max];
}

/** True when the energy band or a macro band lies outside what the items can reach. */
export function nutrientBandsUnreachable(p: NormProblem): boolean {
  for (let k = 0; k < 4; k++) {
    const [min, max] = range(p, k);
    const t = p.target[k] as number;
    const tol = p.tolerance[k] as number;
    if (outside(min, max, t - tol, t + tol)) return true;
  }
  return false;
}

/** True when some hard band (energy, a macro, a meal's energy) lies outside what the items can reach. */
export function bandsUnreachable(p: NormProblem): boolean {
  if (nutrientBandsUnreachable(p)) return true;
  for (const m of p.meals) {
    const [min, max] = range(p, 0, m.items);
    if (outside(min, max, m.target - m.tolerance, m.target + m.tolerance)) return true;
  }
  return false;
}

/** True when the least sodium the items allow is over the capped model's row (cap less its margin). */
export function sodiumUnreachable(p: NormProblem): boolean {
  if (!Number.isFinite(p.sodiumMax)) return false;
  const [min] = range(p, 5);
  const cap = p.sodiumMax * (1 - SODIUM_MARGIN);
  return min > cap + SLACK * Math.max(1, cap);
}
