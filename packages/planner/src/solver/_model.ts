/**
 * @internal The portion problem as a CPLEX LP string, and the same objective evaluated in
 * JavaScript (used to repair rounded LP solutions and to rank candidates).
 *
 * Variables: n_i = step count of item i (grams = stepG·n_i); for each target k a deviation
 * pair dp_k, dm_k ≥ 0 with Σ_i a_ik·n_i − dp_k + dm_k = T_k. In the hard model dp_k, dm_k ≤
 * tol_k (the tolerance band is a constraint). In the soft model the deviation may go beyond the
 * band through ep_k, em_k ≥ 0, priced BAND_PENALTY times higher, so the solver finds the plan
 * whose misses are smallest. Deviations are divided by the band half-width, so weights are
 * unitless. Fiber is a floor with a priced shortfall s; meal kcal shares are targets like the
 * others; a small pull |n_i − typical_i| breaks ties towards ordinary servings. With a sodium
 * cap, the capped model has the row Σ sodium ≤ cap; every full objective also prices sodium
 * over the cap (na_ex ≥ Σ sodium − cap) at SODIUM_PRICE, so among plans that cannot meet the
 * cap the least salty wins.
 */
import { type LpBound, LpExpr, type LpModel, type LpRow, lpText } from './_lp';
import type { NormProblem } from './_normalize';

/** Price of one band-width outside the band relative to one band-width inside it. */
export const BAND_PENALTY = 1000;
/** Fiber shortfall is priced per this many grams. */
export const FIBER_SCALE_G = 5;
/**
 * Price of one kcal under the energy floor, in the units of the band overshoot: 100 per kcal
 * outweighs 500 g outside a ±5 g macro band at default weights, so the closest plan never buys
 * a better macro with energy under the floor.
 */
export const FLOOR_PRICE = 100;

/**
 * Price of 1 mg of sodium over the cap: 100 mg over costs 10 band-widths of in-band deviation,
 * so inside the bands the least salty plan wins (band overshoot, priced BAND_PENALTY higher,
 * still comes first: energy and macros are never given up for sodium).
 */
export const SODIUM_PRICE = 1 / 10;

/** Share of the sodium cap the capped LP keeps free for rounding (2 %: 46 mg of 2,300). */
export const SODIUM_MARGIN = 0.02;

/** Divisor that turns a deviation into "tolerances"; a zero band still needs a unit. */
export function scaleOf(tolerance: number): number {
  return Math.max(tolerance, 1);
}

/**
 * Column names already written, by item id and index: the same string objects LP after LP (a
 * day's repair solves dozens of models of the same items), so their hashes in `lpData`'s index
 * are computed once. Cleared when large.
 */
const NAMES = new Map<string, string[]>();
const MAX_NAMED_IDS = 4096;

/** Names safe in CPLEX LP: a letter prefix, the index for uniqueness, then the id's safe characters. */
export function columnNames(p: NormProblem): string[] {
  return p.items.map((it, i) => {
    let byIndex = NAMES.get(it.id);
    if (byIndex === undefined) {
      if (NAMES.size >= MAX_NAMED_IDS) NAMES.clear();
      byIndex = [];
      NAMES.set(it.id, byIndex);
    }
    let name = byIndex[i];
    if (name === undefined) {
      name = `n${i}_${it.id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 24)}`;
      byIndex[i] = name;
    }
    return name;
  });
}

/**
 * Whether {@link buildLp} writes each item's count as two columns, `b_i` up to its typical count
 * (named as the item, `columnNames`) and `a_i` beyond it ({@link aboveColumn}), instead of one
 * column and a row `n_i − tu_i + tv_i = typical_i`: the soft LPs with the portion pull (the full
 * objective). The same optimum, one row and one column fewer an item (a day's soft LP goes from
 * ~22 rows to ~10), which is what makes the dense simplex (`./_dense`) cheap on it. The hard
 * models keep the row (written when HiGHS solved them, whose time the split does not change:
 * 0.58 vs 0.54 ms a day LP; the dense simplex now takes them too, where the split would also
 * save rows, at the cost of possibly other optimal vertices). A MIP would need a whole typical
 * count to stay exact.
 */
export function splitsPortions(p: NormProblem, o: ModelOptions): boolean {
  return !o.integer && !o.hard && o.objective === 'full' && p.portionWeight > 0;
}

const ABOVE: string[] = [];
/** The column of item `i`'s count above its typical one (see {@link splitsPortions}; one string an index). */
export function aboveColumn(i: number): string {
  let name = ABOVE[i];
  if (name === undefined) {
    name = `ta${i}`;
    ABOVE[i] = name;
  }
  return name;
}

export interface ModelOptions {
  /** Integer step counts (MIP) or their LP relaxation. */
  readonly integer: boolean;
  /** Tolerance bands as constraints (hard) or priced (soft). */
  readonly hard: boolean;
  /**
   * `full`: every term. `excess`: only the band overshoot (the first level of the
   * lexicographic objective; soft models only). `none`: a pure feasibility problem. The reduced
   * objectives are for MIPs, where HiGHS proves them optimal in milliseconds while the full one
   * can take seconds; the local search then optimises the remaining terms.
   */
  readonly objective: 'full' | 'excess' | 'none';
  /** Sodium at or under `p.sodiumMax` as a constraint (only when the cap is finite). */
  readonly sodiumCap?: boolean;
}

/**
 * The model as data (see `./_lp`): {@link lpText} of it is the CPLEX LP text, {@link lpData}
 * the structured form the solver passes to HiGHS.
 */
export function buildLp(p: NormProblem, names: readonly string[], o: ModelOptions): LpModel {
  const obj = new LpExpr();
  const rows: LpRow[] = [];
  const bounds: LpBound[] = [];
  const generals: string[] = [];
  const binaries: string[] = [];

  const full = o.objective === 'full';
  const split = splitsPortions(p, o);
  /** Adds `coef` × item `i` to `e`: its column, or with {@link splitsPortions} both of its parts. */
  const item = (e: LpExpr, coef: number, i: number) => {
    e.add(coef, names[i] as string);
    if (split) e.add(coef, aboveColumn(i));
    return e;
  };
  p.items.forEach((it, i) => {
    const n = names[i] as string;
    const lower = it.optional ? 0 : it.lo;
    if (split) {
      // n_i = b_i + a_i: b_i up to the typical count at −c a step, a_i beyond it at +c: convex, so
      // the LP fills b_i first and c·|n_i − typical| is the objective less the constant c·typical.
      const t = Math.min(it.hi, Math.max(lower, it.typical));
      const c = p.portionWeight / it.typical;
      bounds.push({ name: n, lo: lower, hi: t }, { name: aboveColumn(i), hi: it.hi - t });
      obj.add(-c, n).add(c, aboveColumn(i));
      return;
    }
    bounds.push({ name: n, lo: lower, hi: it.hi });
    if (o.integer) generals.push(n);
    if (o.integer && it.optional) {
      // y_i = 1 when served: lo·y ≤ n ≤ hi·y. The LP relaxation of this is just 0 ≤ n ≤ hi.
      const y = `y${i}`;
      binaries.push(y);
      rows.push({
        name: `on${i}_lo`,
        terms: new LpExpr().add(1, n).add(-it.lo, y).terms,
        sense: '>=',
        rhs: 0,
      });
      rows.push({
        name: `on${i}_hi`,
        terms: new LpExpr().add(1, n).add(-it.hi, y).terms,
        sense: '<=',
        rhs: 0,
      });
    }
    if (full && p.portionWeight > 0) {
      const terms = new LpExpr().add(1, n).add(-1, `tu${i}`).add(1, `tv${i}`).terms;
      rows.push({ name: `typ${i}`, terms, sense: '=', rhs: it.typical });
      const c = p.portionWeight / it.typical;
      obj.add(c, `tu${i}`).add(c, `tv${i}`);
    }
  });

  const band = (tag: string, coefs: LpExpr, goal: number, tol: number, w: number) => {
    const s = scaleOf(tol);
    coefs.add(-1, `dp_${tag}`).add(1, `dm_${tag}`);
    if (full) obj.add(w / s, `dp_${tag}`).add(w / s, `dm_${tag}`);
    bounds.push({ name: `dp_${tag}`, hi: tol }, { name: `dm_${tag}`, hi: tol });
    if (!o.hard) {
      coefs.add(-1, `ep_${tag}`).add(1, `em_${tag}`);
      // A positive floor keeps the excess priced even when the caller weights a target 0.
      const big = ((full ? BAND_PENALTY : 1) * Math.max(w, 1e-3)) / s;
      if (o.objective !== 'none') obj.add(big, `ep_${tag}`).add(big, `em_${tag}`);
    }
    rows.push({ name: `t_${tag}`, terms: coefs.terms, sense: '=', rhs: goal });
  };

  for (let k = 0; k < 4; k++) {
    const e = new LpExpr();
    p.items.forEach((it, i) => {
      item(e, it.perStep[k] as number, i);
    });
    band(`${k}`, e, p.target[k] as number, p.tolerance[k] as number, p.weight[k] as number);
  }
  p.meals.forEach((m, j) => {
    const e = new LpExpr();
    for (const i of m.items) item(e, (p.items[i] as (typeof p.items)[number]).perStep[0], i);
    band(`m${j}`, e, m.target, m.tolerance, p.mealWeight);
  });
  if (!o.hard && p.kcalMin > 0) {
    // Soft models only: in the hard model the energy band, whose lower edge is at or above the
    // floor, already keeps every plan over it.
    const e = new LpExpr();
    p.items.forEach((it, i) => {
      item(e, it.perStep[0], i);
    });
    e.add(1, 'floor_short');
    rows.push({ name: 'floor', terms: e.terms, sense: '>=', rhs: p.kcalMin });
    if (o.objective !== 'none') obj.add((full ? BAND_PENALTY : 1) * FLOOR_PRICE, 'floor_short');
  }
  if (full && p.fiberMin > 0) {
    const e = new LpExpr();
    p.items.forEach((it, i) => {
      item(e, it.perStep[4], i);
    });
    e.add(1, 'fib_short');
    rows.push({ name: 'fiber', terms: e.terms, sense: '>=', rhs: p.fiberMin });
    obj.add(Math.max(p.fiberWeight, 1e-3) / FIBER_SCALE_G, 'fib_short');
  }

  if (Number.isFinite(p.sodiumMax)) {
    const e = new LpExpr();
    p.items.forEach((it, i) => {
      item(e, it.perStep[5], i);
    });
    // The capped model aims SODIUM_MARGIN under the cap so that rounding rarely lifts it over.
    if (o.sodiumCap)
      rows.push({ name: 'sodium', terms: e.terms, sense: '<=', rhs: p.sodiumMax * (1 - SODIUM_MARGIN) });
    else if (full) {
      e.add(-1, 'na_ex');
      rows.push({ name: 'sodium', terms: e.terms, sense: '<=', rhs: p.sodiumMax });
      obj.add(SODIUM_PRICE, 'na_ex');
    }
  }
  return { objective: obj.terms, rows, bounds, generals, binaries, firstColumn: names[0] as string };
}

/** The model as CPLEX LP text (see {@link buildLp}). */
export function buildModel(p: NormProblem, names: readonly string[], o: ModelOptions): string {
  return lpText(buildLp(p, names, o));
}

/**
 * The model's objective for integer step counts `n`, as a pair compared lexicographically:
 * `[excess, rest]`, where `excess` prices every band overshoot and energy under the floor (what
 * the soft model prices with BAND_PENALTY) and `rest` is everything else (deviations inside bands, fiber shortfall, the
 * portion pull). Comparing the pair instead of a weighted sum means that no gain inside the
 * bands can ever buy a sliver of miss.
 */
export function objective(p: NormProblem, n: readonly number[]): [number, number] {
  const tot = [0, 0, 0, 0, 0, 0];
  let rest = 0;
  let excess = 0;
  p.items.forEach((it, i) => {
    const v = n[i] as number;
    for (let k = 0; k < 6; k++) tot[k] = (tot[k] as number) + (it.perStep[k] as number) * v;
    if (p.portionWeight > 0) rest += (p.portionWeight / it.typical) * Math.abs(v - it.typical);
  });
  const band = (value: number, goal: number, tol: number, w: number) => {
    const d = Math.abs(value - goal);
    const s = scaleOf(tol);
    rest += (w / s) * Math.min(d, tol);
    excess += (Math.max(w, 1e-3) / s) * Math.max(0, d - tol);
  };
  for (let k = 0; k < 4; k++)
    band(tot[k] as number, p.target[k] as number, p.tolerance[k] as number, p.weight[k] as number);
  for (const m of p.meals) {
    let e = 0;
    for (const i of m.items) e += (p.items[i] as (typeof p.items)[number]).perStep[0] * (n[i] as number);
    band(e, m.target, m.tolerance, p.mealWeight);
  }
  excess += FLOOR_PRICE * Math.max(0, p.kcalMin - (tot[0] as number));
  if (p.fiberMin > 0)
    rest += (Math.max(p.fiberWeight, 1e-3) / FIBER_SCALE_G) * Math.max(0, p.fiberMin - (tot[4] as number));
  if (Number.isFinite(p.sodiumMax)) rest += SODIUM_PRICE * Math.max(0, (tot[5] as number) - p.sodiumMax);
  return [excess, rest];
}

/** Float slack when comparing objective pairs. */
const CMP_EPS = 1e-9;

/** Negative when `a` is better than `b` (lexicographic on [excess, rest]). */
export function compareObjective(a: readonly [number, number], b: readonly [number, number]): number {
  if (Math.abs(a[0] - b[0]) > CMP_EPS) return a[0] - b[0];
  return Math.abs(a[1] - b[1]) > CMP_EPS ? a[1] - b[1] : 0;
}
