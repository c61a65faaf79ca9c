/**
 * Portion solver: grams for each chosen food so that a day (or a meal) hits energy and macro
 * targets inside their tolerance bands, portions stay within bounds and in whole steps, meal
 * energy shares hold, and fiber reaches its floor when it can. Solved with HiGHS (see
 * `./highs`); the formulation is documented in `./_model`.
 */
import type { Highs } from 'highs';
import { solveDense } from './_dense';
import { missesOf, totalsOf } from './_evaluate';
import { rayProvesInfeasible } from './_farkas';
import { type LpData, lpData } from './_lp';
import {
  aboveColumn,
  buildLp,
  columnNames,
  compareObjective,
  type ModelOptions,
  objective,
  splitsPortions,
} from './_model';
import { type NormProblem, normalizeProblem } from './_normalize';
import { bandsUnreachable, nutrientBandsUnreachable, sodiumUnreachable } from './_reach';
import { roundAndRepair } from './_repair';
import { type DataSolution, type LpSolverLoadOptions, solveDataSync, withLpSolver } from './highs';
import type { PortionMethod, PortionPlan, PortionProblem, PortionStatus } from './types';

const FN = 'solvePortions';
/**
 * Full-objective MIP (method `mip`): proving the exact optimum of a 15-food day takes HiGHS
 * seconds, because many plans sit inside the bands and differ only in the small portion pull.
 * An absolute gap of half a band-width (objective units: 1 = a whole band of one target) stops
 * in tens of milliseconds; the bands are constraints, so the gap never lets a plan leave them,
 * and the local search then polishes the result. Every MIP runs under the call's time limit.
 */
const MIP_FULL = { mip_abs_gap: 0.5 } as const;
/** Feasibility MIP: any plan inside the bands (the local search polishes it). */
const MIP_FEASIBILITY = {} as const;
/**
 * Closest-plan MIP (minimise the band overshoot): an absolute gap of 0.01 band-width (0.05 g
 * of a ±5 g macro band) is invisible in the plan and spares HiGHS proving the last digit.
 */
const MIP_CLOSEST = { mip_abs_gap: 0.01 } as const;
/** A day's LP has ~60 columns: presolve costs more than it saves (≈1.0 vs 1.25 ms measured). */
const LP_OPTIONS = { presolve: 'off' } as const;
/** Below this many ms left a MIP is not started (loading the model alone takes about 1 ms). */
const MIN_MIP_MS = 2;
/**
 * Most ms the sodium-capped feasibility MIP may take of the call's time. The cap is the
 * secondary goal (energy and macros come first, and the meal planner swaps a salty dish for a
 * less salty one): on 500 generated weeks the capped MIPs that found a plan mostly did so in
 * 20–80 ms, while one that ran out of time spent the whole day budget (150 ms, 200–300 ms of
 * CPU on a loaded machine) and left the uncapped search no time.
 */
const SODIUM_MIP_MS = 40;
/** Float slack when comparing the repaired plan's overshoot with the LP's lower bound. */
const BOUND_EPS = 1e-7;

/**
 * An LP by the dense simplex (`./_dense`) as HiGHS would report it (an infeasible one with its
 * Farkas certificate as the dual ray), or undefined when that solver does not take it or cannot
 * verify its answer (then HiGHS solves it).
 */
function denseSolution(data: LpData, infinity: number): DataSolution | undefined {
  const r = solveDense(data, infinity);
  if (r.status === 'optimal') return { Status: 'Optimal', ObjectiveValue: r.objective, x: r.x };
  if (r.status === 'infeasible')
    return { Status: 'Infeasible', ObjectiveValue: Number.POSITIVE_INFINITY, x: undefined, ray: r.ray };
  return undefined;
}

/** Each item's count in the solution: its column, plus its part above the typical count where the model splits it (`splitsPortions`). */
function primal(
  s: DataSolution,
  index: ReadonlyMap<string, number>,
  names: readonly string[],
  split: boolean,
) {
  if (s.Status === 'Infeasible' || !s.x) return undefined;
  const x = s.x;
  const value = (name: string) => {
    const j = index.get(name);
    return j === undefined ? undefined : x[j];
  };
  const out: number[] = [];
  for (const [i, name] of names.entries()) {
    const v = split ? (value(name) ?? Number.NaN) + (value(aboveColumn(i)) ?? 0) : value(name);
    if (v === undefined || !Number.isFinite(v)) return undefined;
    out.push(v);
  }
  return out;
}

function sodiumOf(p: NormProblem, n: readonly number[]): number {
  return p.items.reduce((s, it, i) => s + it.perStep[5] * (n[i] as number), 0);
}

function withinBands(p: NormProblem, n: readonly number[]): boolean {
  return missesOf(p, n, totalsOf(p, n)).every((m) => !m.hard);
}

interface Solved {
  /** Whole step counts polished by the local search; undefined when HiGHS found no solution. */
  readonly n: number[] | undefined;
  readonly status: DataSolution['Status'];
  readonly objective: number;
  /**
   * For an infeasible LP: whether its dual ray proves the model without the rows `drop` picks
   * (by name) infeasible too (see `./_farkas`).
   */
  readonly provesWithout: (drop: (row: string) => boolean) => boolean;
}

const NO_PROOF = () => false;

/**
 * Solves the model and returns whole step counts polished by the local search (HiGHS meets
 * integrality to a tolerance; the search also optimises what a reduced objective left out).
 * A MIP stopped by its time limit returns its incumbent, if any.
 */
function solveAndRepair(
  highs: Highs,
  p: NormProblem,
  names: readonly string[],
  o: ModelOptions,
  timeLimitMs = 0,
  repair = true,
): Solved {
  const options = !o.integer
    ? LP_OPTIONS
    : {
        ...(o.objective === 'full' ? MIP_FULL : o.objective === 'excess' ? MIP_CLOSEST : MIP_FEASIBILITY),
        time_limit: timeLimitMs / 1000,
      };
  const lp = buildLp(p, names, o);
  const data = lpData(lp, highs.infinity);
  const split = splitsPortions(p, o);
  const s =
    (!o.integer && denseSolution(data, highs.infinity)) ||
    solveDataSync(highs, data, options, FN, !o.integer);
  const x = primal(s, data.index, names, split);
  // A MIP stopped before its first incumbent has no solution.
  const none = s.Status === 'Time limit reached' && !Number.isFinite(s.ObjectiveValue);
  const ray = s.ray;
  return {
    n: x && !none && repair ? roundAndRepair(p, x) : undefined,
    status: s.Status,
    objective: s.ObjectiveValue,
    provesWithout: ray
      ? (drop) => rayProvesInfeasible(data as LpData, ray, (i) => drop(lp.rows[i]!.name), highs.infinity)
      : NO_PROOF,
  };
}

/** The rows of the sodium cap and of the meals' energy bands (names as `./_model` writes them). */
const isSodiumRow = (row: string) => row === 'sodium';
const isMealOrSodiumRow = (row: string) => row === 'sodium' || row.startsWith('t_m');

/** @internal What {@link solveNormalized} found. */
export interface Normalized {
  readonly n: number[];
  readonly method: PortionMethod;
  /** `infeasible-closest` only when it is proved that no plan meets every band. */
  readonly status: PortionStatus;
  readonly timeLimited: boolean;
}

/**
 * @internal What a solve returns when no plan inside every band was found: `mip` the closest
 * plan, exact by its MIP within the time left; `lp` the repaired soft LP without that MIP (the
 * meal planner's re-selections only need to know which targets miss); `none` as `lp`, but
 * nothing when it is proved that no plan can meet the energy and macro bands (a caller that
 * discards a plan missing them need not pay for the closest one).
 */
export type ClosestPlan = 'mip' | 'lp' | 'none';

/**
 * @internal How a solve tries the bands as constraints before the closest plan. `both` (the
 * default, what the planners use): with the sodium cap when there is one, then, when no plan
 * meets the cap and the bands together, without it. `capped`: with the cap only (without it when
 * there is none). `none`: not at all: the soft LP's closest plan (its full objective prices every
 * band overshoot `BAND_PENALTY` (`./_model`) times a band-width inside, and sodium over the cap) is the
 * answer, `optimal` when it lands inside every band. For a caller that only needs to know which
 * bands a far-off draft misses: each hard LP skipped is one that would only have confirmed the
 * infeasibility. A plan is claimed proved infeasible (`infeasible-closest`) only on a proof made
 * by what did run (the bounds alone, `./_reach`; with `capped`, the capped LP's dual ray), else
 * its status is `time-limit`: not settled.
 */
export type HardBands = 'both' | 'capped' | 'none';

/**
 * @internal The whole decision procedure on a loaded instance; synchronous. The MIPs share
 * `p.timeLimitMs`; the LPs and the local search (about a millisecond each) always run. A plan
 * that cannot meet every band is found as `closest` says (undefined for `none`).
 */
export function solveNormalized(
  highs: Highs,
  p: NormProblem,
  closest: 'mip' | 'lp',
  hardBands?: HardBands,
): Normalized;
export function solveNormalized(
  highs: Highs,
  p: NormProblem,
  closest: ClosestPlan,
  hardBands?: HardBands,
): Normalized | undefined;
export function solveNormalized(
  highs: Highs,
  p: NormProblem,
  closest: ClosestPlan,
  hardBands: HardBands = 'both',
): Normalized | undefined {
  const exactClosest = closest === 'mip';
  const names = columnNames(p);
  const deadline = performance.now() + p.timeLimitMs;
  let timeLimited = false;
  /** A MIP in the time left, or undefined (and `timeLimited`) when too little is left. */
  const mip = (o: ModelOptions, most = Number.POSITIVE_INFINITY): Solved | undefined => {
    const left = Math.min(most, deadline - performance.now());
    if (left < MIN_MIP_MS) {
      timeLimited = true;
      return undefined;
    }
    const r = solveAndRepair(highs, p, names, o, left);
    if (r.status === 'Time limit reached') timeLimited = true;
    return r;
  };
  const done = (n: number[], method: PortionMethod): Normalized => ({
    n,
    method,
    status: 'optimal',
    timeLimited,
  });

  // 0. A sodium cap, when given, is hard where the items allow: the same search with the cap as
  //    a row (LP, round and repair; the feasibility MIP only when the capped LP has a solution).
  //    A plan inside every band and under the cap ends the search; otherwise the cap leaves the
  //    constraints and the search below prices sodium over it instead.
  //    Bands or a cap the items cannot reach (see `./_reach`) skip their LPs: HiGHS would only
  //    confirm the infeasibility.
  //    An infeasible capped LP whose dual ray proves the model without the cap infeasible too
  //    (see `./_farkas`) spares the uncapped LP of step 1, which HiGHS would only confirm.
  const unreachable = bandsUnreachable(p);
  // Proved that no plan, integer or not, meets the energy and macro bands (meal shares aside).
  let nutrientsProved = unreachable && nutrientBandsUnreachable(p);
  let uncappedProved = false;
  // `capped`: the uncapped hard search below is skipped once the capped one has run; `none`: both.
  let skipUncapped = hardBands === 'none';
  if (hardBands !== 'none' && Number.isFinite(p.sodiumMax) && !unreachable && !sodiumUnreachable(p)) {
    skipUncapped = hardBands === 'capped';
    const ok = (n: number[]) => withinBands(p, n) && sodiumOf(p, n) <= p.sodiumMax + 1e-6;
    const capped = { hard: true, sodiumCap: true } as const;
    const r = solveAndRepair(highs, p, names, { integer: false, objective: 'full', ...capped });
    if (r.n && ok(r.n)) return done(r.n, 'lp-round');
    if (r.status === 'Infeasible') {
      uncappedProved = r.provesWithout(isSodiumRow);
      nutrientsProved = uncappedProved && r.provesWithout(isMealOrSodiumRow);
    }
    if (r.status !== 'Infeasible' && (p.method === 'mip' || r.n)) {
      const m = mip(
        { integer: true, objective: p.method === 'mip' ? 'full' : 'none', ...capped },
        SODIUM_MIP_MS,
      );
      if (m?.n && ok(m.n)) return done(m.n, 'mip');
    }
  }

  // 1. Hard bands. lp-round: LP relaxation, round, repair; if the relaxation is infeasible so
  //    is every integer plan (proved, no MIP needed), and if the repair misses a band the
  //    exact MIP decides. That MIP is a pure feasibility problem (any in-band plan; the search
  //    polishes it). Method mip: the full-objective MIP directly.
  let proved = unreachable || uncappedProved;
  if (!proved && !skipUncapped && p.method === 'lp-round') {
    const r = solveAndRepair(highs, p, names, { integer: false, hard: true, objective: 'full' });
    if (r.n && withinBands(p, r.n)) return done(r.n, 'lp-round');
    proved = r.status === 'Infeasible';
    if (proved) nutrientsProved = r.provesWithout(isMealOrSodiumRow);
  }
  if (!proved && !skipUncapped) {
    const r = mip({ integer: true, hard: true, objective: p.method === 'mip' ? 'full' : 'none' });
    if (r?.n && withinBands(p, r.n)) return done(r.n, 'mip');
    proved = r?.status === 'Infeasible';
  }
  // Closest `none`: when no plan can meet the energy and macro bands, no closest plan is looked
  // for (the caller discards such a plan); else the search goes on as for `lp`.
  if (closest === 'none' && nutrientsProved) return undefined;

  // 2. No plan meets every band (or none was found in time): the closest one. First the
  //    repaired soft LP (cheap). The LP minimising the band overshoot alone bounds every
  //    integer plan's overshoot from below: when the repaired plan reaches that bound it is
  //    already closest and the MIP is skipped. Else the MIP minimises the overshoot (exact
  //    within the time left) and the search optimises the rest without giving any back.
  //    With `closest` `lp` the bound is not needed (no MIP follows), nor is its LP solved;
  //    the bound LP's own solution is never used, so it is not rounded.
  const approx = solveAndRepair(highs, p, names, { integer: false, hard: false, objective: 'full' }).n;
  let best: { n: number[]; method: PortionMethod } | undefined = approx && { n: approx, method: 'lp-round' };
  const bound = exactClosest
    ? solveAndRepair(highs, p, names, { integer: false, hard: false, objective: 'excess' }, 0, false)
    : undefined;
  const reached =
    approx !== undefined &&
    bound !== undefined &&
    Number.isFinite(bound.objective) &&
    objective(p, approx)[0] <= bound.objective + BOUND_EPS;
  if (!reached && exactClosest) {
    const exact = mip({ integer: true, hard: false, objective: 'excess' })?.n;
    if (exact && (!best || compareObjective(objective(p, exact), objective(p, best.n)) <= 0)) {
      best = { n: exact, method: 'mip' };
    }
  }
  // Unreachable for a validated problem: the soft LP is always feasible and bounded.
  if (!best) throw new Error(`${FN}: HiGHS returned no solution for the relaxed model`);
  if (withinBands(p, best.n)) return done(best.n, best.method);
  return {
    ...best,
    // An uncapped search skipped (`capped`) leaves the question open, as a spent time limit does.
    status: !proved && (timeLimited || skipUncapped) ? 'time-limit' : 'infeasible-closest',
    timeLimited,
  };
}

/**
 * Chooses whole-step portions for `problem.items` that hit the targets inside their bands.
 *
 * Returns `status: 'optimal'` when every hard band (energy, protein, fat, carbs, meal shares)
 * holds, or `status: 'infeasible-closest'` with the closest plan and one {@link PortionMiss} per
 * missed target when no plan within the item bounds can, or `status: 'time-limit'` with the
 * best plan found and its misses when `problem.timeLimitMs` (default 1 s) ran out before either
 * was settled — never a silent miss. A fiber shortfall is always listed in `misses` (soft: it
 * does not change the status). Defaults: kcal ±3 %, each macro ±5 g, meal shares ±0.05, method
 * `lp-round` (exact MIP fallback). With `targets.sodiumMaxMg` the cap is hard where some plan
 * inside every band meets it, else the least salty closest plan comes back with a soft
 * `sodiumMaxMg` miss (see {@link PortionTargets.sodiumMaxMg}).
 *
 * @param problem Items with nutrients per 100 g and portion rules, targets, optional
 *   tolerances, meals and weights.
 * @param load Where to find `highs.wasm` in a browser (first call only).
 * @throws `NexFitraError` (rejected promise) naming the field when the problem is malformed.
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
export function solvePortions(problem: PortionProblem, load?: LpSolverLoadOptions): Promise<PortionPlan> {
  return solvePortionsWith(problem, { closest: 'mip' }, load);
}

/**
 * @internal {@link solvePortions} with the closest plan as `options.closest` says (see
 * {@link ClosestPlan}); with `none`, undefined when no plan inside every band was found. With a
 * sodium cap, `options.hardBands` (default `both`) says whether the bands are also tried as
 * constraints without the cap (see {@link HardBands}).
 */
export function solvePortionsWith(
  problem: PortionProblem,
  options: { readonly closest: 'mip' | 'lp'; readonly hardBands?: HardBands },
  load?: LpSolverLoadOptions,
): Promise<PortionPlan>;
export function solvePortionsWith(
  problem: PortionProblem,
  options: { readonly closest: ClosestPlan; readonly hardBands?: HardBands },
  load?: LpSolverLoadOptions,
): Promise<PortionPlan | undefined>;
export async function solvePortionsWith(
  problem: PortionProblem,
  options: { readonly closest: ClosestPlan; readonly hardBands?: HardBands },
  load?: LpSolverLoadOptions,
): Promise<PortionPlan | undefined> {
  const p = normalizeProblem(problem);
  return withLpSolver((highs) => {
    const t0 = performance.now();
    const found = solveNormalized(highs, p, options.closest, options.hardBands);
    if (!found) return undefined;
    const { n, method, status, timeLimited } = found;
    const totals = totalsOf(p, n);
    const misses = missesOf(p, n, totals);
    return {
      status,
      portions: p.items.map((it, i) => ({ id: it.id, grams: it.stepG * (n[i] as number) })),
      totals,
      misses,
      method,
      solveMs: performance.now() - t0,
      timeLimited,
    } satisfies PortionPlan;
  }, load);
}
