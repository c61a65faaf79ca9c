/**
 * Portion solver: grams for each chosen food so that a day (or a meal) hits energy and macro
 * targets inside their tolerance bands, portions stay within bounds and in whole steps, meal
 * energy shares hold, and fiber reaches its floor when it can. Solved with HiGHS (see
 * `./highs`); the formulation is documented in `./_model`.
 */
import type { Highs } from 'highs';
import { missesOf, totalsOf } from './_evaluate';
import { buildModel, columnNames, compareObjective, type ModelOptions, objective } from './_model';
import { type NormProblem, normalizeProblem } from './_normalize';
import { roundAndRepair } from './_repair';
import { type LpSolution, type LpSolverLoadOptions, solveLpSync, withLpSolver } from './highs';
import type { PortionMethod, PortionPlan, PortionProblem } from './types';

const FN = 'solvePortions';
/**
 * Full-objective MIP (method `mip`): proving the exact optimum of a 15-food day takes HiGHS
 * seconds, because many plans sit inside the bands and differ only in the small portion pull.
 * An absolute gap of half a band-width (objective units: 1 = a whole band of one target) stops
 * in tens of milliseconds; the bands are constraints, so the gap never lets a plan leave them,
 * and the local search then polishes the result. The time limit is a safety net only.
 */
const MIP_FULL = { mip_abs_gap: 0.5, time_limit: 10 } as const;
/** Feasibility and excess-only MIPs are proved optimal quickly; same safety net. */
const MIP_REDUCED = { time_limit: 10 } as const;
/** A day's LP has ~60 columns: presolve costs more than it saves (≈1.0 vs 1.25 ms measured). */
const LP_OPTIONS = { presolve: 'off' } as const;

function primal(s: LpSolution, names: readonly string[]): number[] | undefined {
  if (s.Status === 'Infeasible') return undefined;
  const out: number[] = [];
  for (const name of names) {
    const col = s.Columns[name] as { Primal?: number } | undefined;
    if (!col || typeof col.Primal !== 'number' || !Number.isFinite(col.Primal)) return undefined;
    out.push(col.Primal);
  }
  return out;
}

function withinBands(p: NormProblem, n: readonly number[]): boolean {
  return missesOf(p, n, totalsOf(p, n)).every((m) => !m.hard);
}

/**
 * Solves the model and returns whole step counts polished by the local search (HiGHS meets
 * integrality to a tolerance; the search also optimises what a reduced objective left out),
 * or undefined when HiGHS finds no solution.
 */
function solveAndRepair(
  highs: Highs,
  p: NormProblem,
  names: readonly string[],
  o: ModelOptions,
): number[] | undefined {
  const options = !o.integer ? LP_OPTIONS : o.objective === 'full' ? MIP_FULL : MIP_REDUCED;
  const x = primal(solveLpSync(highs, buildModel(p, names, o), options, FN), names);
  return x && roundAndRepair(p, x);
}

/** @internal The whole decision procedure on a loaded instance; synchronous. */
export function solveNormalized(highs: Highs, p: NormProblem): { n: number[]; method: PortionMethod } {
  const names = columnNames(p);
  // 1. Hard bands. lp-round: LP relaxation, round, repair; if the relaxation is infeasible so
  //    is every integer plan, and if the repair misses a band the exact MIP decides.
  //    That MIP is a pure feasibility problem (any in-band plan; the search polishes it).
  //    Method mip: the full-objective MIP directly.
  let relaxationInfeasible = false;
  if (p.method === 'lp-round') {
    const n = solveAndRepair(highs, p, names, { integer: false, hard: true, objective: 'full' });
    if (n && withinBands(p, n)) return { n, method: 'lp-round' };
    relaxationInfeasible = n === undefined;
  }
  if (!relaxationInfeasible) {
    const objective = p.method === 'mip' ? 'full' : 'none';
    const n = solveAndRepair(highs, p, names, { integer: true, hard: true, objective });
    if (n && withinBands(p, n)) return { n, method: 'mip' };
  }
  // 2. No plan meets every band: the closest one. The MIP minimises the band overshoot alone
  //    (exact), the search then optimises the rest without giving any overshoot back; the
  //    repaired soft LP is a cheap second candidate in case the MIP hit its time limit.
  const exact = solveAndRepair(highs, p, names, { integer: true, hard: false, objective: 'excess' });
  const approx = solveAndRepair(highs, p, names, { integer: false, hard: false, objective: 'full' });
  if (exact && (!approx || compareObjective(objective(p, exact), objective(p, approx)) <= 0)) {
    return { n: exact, method: 'mip' };
  }
  if (approx) return { n: approx, method: 'lp-round' };
  // Unreachable for a validated problem: the soft model is always feasible and bounded.
  throw new Error(`${FN}: HiGHS returned no solution for the relaxed model`);
}

/**
 * Chooses whole-step portions for `problem.items` that hit the targets inside their bands.
 *
 * Returns `status: 'optimal'` when every hard band (energy, protein, fat, carbs, meal shares)
 * holds, or `status: 'infeasible-closest'` with the closest plan and one {@link PortionMiss} per
 * missed target when no plan within the item bounds can. A fiber shortfall is always listed in
 * `misses` (soft: it does not change the status). Defaults: kcal ±3 %, each macro ±5 g, meal
 * shares ±0.05, method `lp-round` (exact MIP fallback).
 *
 * @param problem Items with nutrients per 100 g and portion rules, targets, optional
 *   tolerances, meals and weights.
 * @param load Where to find `highs.wasm` in a browser (first call only).
 * @throws {@link NexFitraError} (rejected promise) naming the field when the problem is malformed.
 * @example
 * ```ts
 * const plan = await solvePortions({
 *   items: [
 *     { id: 'oats', per100g: { kcal: 400, proteinG: 10, fatG: 5, carbsG: 70, fiberG: 10 }, minG: 0, maxG: 1000, stepG: 1 },
 *     { id: 'whey', per100g: { kcal: 400, proteinG: 80, fatG: 5, carbsG: 5, fiberG: 0 }, minG: 0, maxG: 1000, stepG: 1 },
 *   ],
 *   targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 },
 * });
 * plan.portions; // [{ id: 'oats', grams: 350 }, { id: 'whey', grams: 150 }] (hand-solved in test/solver.test.ts)
 * ```
 */
export async function solvePortions(
  problem: PortionProblem,
  load?: LpSolverLoadOptions,
): Promise<PortionPlan> {
  const p = normalizeProblem(problem);
  return withLpSolver((highs) => {
    const t0 = performance.now();
    const { n, method } = solveNormalized(highs, p);
    const totals = totalsOf(p, n);
    const misses = missesOf(p, n, totals);
    // TEMP-DIAG
    (globalThis as { __nfHook?: (a: unknown, ms: number) => void }).__nfHook?.(problem, performance.now() - t0);
    return {
      status: misses.some((m) => m.hard) ? 'infeasible-closest' : 'optimal',
      portions: p.items.map((it, i) => ({ id: it.id, grams: it.stepG * (n[i] as number) })),
      totals,
      misses,
      method,
      solveMs: performance.now() - t0,
    } satisfies PortionPlan;
  }, load);
}
