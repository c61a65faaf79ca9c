/**
 * @internal Rounds a continuous (LP) solution to whole steps and repairs it by local search on
 * the model's own objective ({@link objective}): single-item moves of one step and two-item
 * moves (one up and one down, or both the same way) until no move improves. Deterministic:
 * moves are tried in a fixed order and only a strict improvement is taken.
 */
import { objective } from './_model';
import type { NormProblem } from './_normalize';

/** Nearest whole step count in the item's domain ({0} ∪ [lo, hi] when optional). */
function roundInDomain(x: number, lo: number, hi: number, optional: boolean): number {
  if (optional && x < lo / 2) return 0;
  return Math.min(hi, Math.max(lo, Math.round(x)));
}

/** The next value up or down in the domain, or undefined at its edge. */
function stepOf(v: number, dir: 1 | -1, lo: number, hi: number, optional: boolean): number | undefined {
  if (dir === 1) {
    if (optional && v === 0) return lo;
    return v + 1 <= hi ? v + 1 : undefined;
  }
  if (optional && v === lo) return 0;
  return v - 1 >= lo ? v - 1 : undefined;
}

const MAX_ROUNDS = 500;

export function roundAndRepair(p: NormProblem, x: readonly number[]): number[] {
  const n = p.items.map((it, i) => roundInDomain(x[i] as number, it.lo, it.hi, it.optional));
  let best = objective(p, n);
  const dirs = [1, -1] as const;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let bestMove: [number, number, number, number] | undefined; // i, vi, j, vj (j = -1: single)
    let bestCost = best;
    const consider = (i: number, vi: number, j: number, vj: number) => {
      const oi = n[i] as number;
      n[i] = vi;
      const oj = j >= 0 ? (n[j] as number) : 0;
      if (j >= 0) n[j] = vj;
      const c = objective(p, n);
      n[i] = oi;
      if (j >= 0) n[j] = oj;
      if (c < bestCost - 1e-12) {
        bestCost = c;
        bestMove = [i, vi, j, vj];
      }
    };
    const items = p.items;
    for (let i = 0; i < items.length; i++) {
      const a = items[i] as (typeof items)[number];
      for (const di of dirs) {
        const vi = stepOf(n[i] as number, di, a.lo, a.hi, a.optional);
        if (vi === undefined) continue;
        consider(i, vi, -1, 0);
        for (let j = i + 1; j < items.length; j++) {
          const b = items[j] as (typeof items)[number];
          for (const dj of dirs) {
            const vj = stepOf(n[j] as number, dj, b.lo, b.hi, b.optional);
            if (vj !== undefined) consider(i, vi, j, vj);
          }
        }
      }
    }
    if (!bestMove) break;
    const [i, vi, j, vj] = bestMove;
    n[i] = vi;
    if (j >= 0) n[j] = vj;
    best = bestCost;
  }
  return n;
}
