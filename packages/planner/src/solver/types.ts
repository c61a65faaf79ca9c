/**
 * Input and output types of the portion solver. They are structural on purpose: the solver only
 * needs energy and macros per 100 g and portion rules, so any food record (the catalogue's
 * `Food`, a model's proposal, a test fixture) can be mapped onto them in one line.
 */

/** Energy and macronutrients per 100 g of edible portion. */
export interface PortionNutrients {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG: number;
  /** Sodium, mg per 100 g; default 0 (only read when the targets cap sodium). */
  readonly sodiumMg?: number;
}

/** One food whose portion the solver chooses. */
export interface PortionItem {
  /** Caller's identifier; returned unchanged in {@link PortionPlan.portions}. Unique per problem. */
  readonly id: string;
  readonly per100g: PortionNutrients;
  /** Smallest portion in grams when the item is served (0 allowed). */
  readonly minG: number;
  /** Largest portion in grams. */
  readonly maxG: number;
  /** Portions are whole multiples of this many grams (e.g. 5 or 10). */
  readonly stepG: number;
  /** If true the item may also be left out (0 g) even when `minG` is above 0. */
  readonly optional?: boolean;
  /**
   * A usual serving in grams. The objective pulls portions gently towards it (weight
   * `portion`) so that, among plans that hit the targets equally well, the most ordinary one
   * wins. Defaults to the middle of `[minG, maxG]`.
   */
  readonly typicalG?: number;
}

/** Daily (or per-solve) targets. `fiberMinG` is a floor, met when possible and reported if not. */
export interface PortionTargets {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberMinG?: number;
  /**
   * Energy floor in kcal (e.g. a calorie safety floor), at or below the energy band's lower
   * edge. Plans inside the bands are above it anyway; the closest plan of an infeasible problem
   * gives up any other target before it goes under it (each kcal short is priced above every
   * band miss), so it is only undercut when no portions within the item bounds can reach it.
   */
  readonly kcalMin?: number;
  /**
   * Daily sodium cap, mg (e.g. 2,300, the NASEM 2019 Chronic Disease Risk Reduction intake).
   * Hard where the items allow: a plan is only `optimal` with sodium at or under the cap when
   * some plan inside every band has it; when none has, the closest in-band plan with the least
   * sodium is returned and the excess is a soft miss (`sodiumMaxMg`) — energy and macros are
   * never given up for sodium.
   */
  readonly sodiumMaxMg?: number;
}

/** Half-widths of the accepted band around each target. */
export interface PortionTolerances {
  /** Percent of the kcal target; default 3 (±3 %). */
  readonly kcalPercent?: number;
  /** Grams; default 5 each. */
  readonly proteinG?: number;
  readonly fatG?: number;
  readonly carbsG?: number;
}

/** A meal: a set of items whose kcal must make up a share of the kcal target. */
export interface PortionMeal {
  readonly id: string;
  /** Ids of the items served at this meal; each item belongs to at most one meal. */
  readonly itemIds: readonly string[];
  /** Fraction of the kcal target this meal should provide, in (0, 1]. */
  readonly kcalShare: number;
  /** Accepted half-width of the share, as a fraction of the kcal target; default 0.05. */
  readonly kcalShareTolerance?: number;
}

/**
 * Relative importance of each deviation. Deviations are measured in units of their tolerance,
 * so a weight of 1 makes "off by the whole tolerance" cost 1 for every target.
 */
export interface PortionWeights {
  readonly kcal?: number;
  readonly proteinG?: number;
  readonly fatG?: number;
  readonly carbsG?: number;
  /** Per 5 g of fiber below `fiberMinG`; default 1. */
  readonly fiber?: number;
  /** Per meal share deviation; default 0.5. */
  readonly mealKcal?: number;
  /** Per item, per typical serving away from `typicalG`; default 0.02 (a tie-breaker). */
  readonly portion?: number;
}

/**
 * How to reach integer step counts. `lp-round` solves the LP relaxation, rounds to steps and
 * repairs by local search, falling back to the exact MIP when the repair cannot reach every
 * band; `mip` always solves the mixed-integer program.
 */
export type PortionMethod = 'lp-round' | 'mip';

export interface PortionProblem {
  readonly items: readonly PortionItem[];
  readonly targets: PortionTargets;
  readonly tolerances?: PortionTolerances;
  readonly meals?: readonly PortionMeal[];
  readonly weights?: PortionWeights;
  /** Default `lp-round`. */
  readonly method?: PortionMethod;
  /**
   * Most wall time, in ms, the mixed-integer searches of this call may take (0–60,000; default
   * {@link DEFAULT_PORTION_TIME_LIMIT_MS}). The LP relaxations and the rounding repair (about a
   * millisecond each) always run, so even 0 returns a plan; the exact MIP (feasibility, then the
   * closest plan) only gets the time that is left. When the limit stops a search before it found
   * a plan inside every band or proved that none exists, the result is the best plan found with
   * status `time-limit`.
   */
  readonly timeLimitMs?: number;
}

/** Default {@link PortionProblem.timeLimitMs}: 1 s for one call. */
export const DEFAULT_PORTION_TIME_LIMIT_MS = 1000;

/** The quantity a miss refers to. */
export type PortionTargetName =
  | 'kcal'
  | 'proteinG'
  | 'fatG'
  | 'carbsG'
  | 'fiberMinG'
  | 'mealKcal'
  | 'sodiumMaxMg';

/** A target the plan does not meet, with the numbers to show a user. */
export interface PortionMiss {
  /** Which target is missed. */
  readonly field: PortionTargetName;
  /** Meal id, for `mealKcal` misses. */
  readonly meal?: string;
  /** Value the plan reaches (kcal or g). */
  readonly value: number;
  /** The target (kcal or g); for `fiberMinG` the floor; for `mealKcal` the meal's kcal share. */
  readonly target: number;
  /** Accepted half-width of the band (0 for the fiber floor). */
  readonly tolerance: number;
  /** Distance outside the band, > 0, in the unit of the target. */
  readonly miss: number;
  readonly direction: 'over' | 'under';
  /** Hard misses (energy, macros, meal shares) make the status `infeasible-closest`; fiber and sodium are soft. */
  readonly hard: boolean;
}

export interface PortionTotals {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG: number;
  /** Sodium, mg (0 unless items give `sodiumMg`). */
  readonly sodiumMg: number;
}

/**
 * How a solve ended. `optimal`: every hard band holds (energy, macros, meal shares).
 * `infeasible-closest`: it is proved that no plan within the item bounds and steps meets every
 * hard band (the LP relaxation or the exact MIP says so); the portions are the closest plan found
 * (exactly closest unless the time limit stopped that search). `time-limit`: the time limit ran
 * out before a plan inside every band was found or proved impossible; the portions are the best
 * plan found. In both non-optimal cases `misses` says which targets are missed and by how much.
 */
export type PortionStatus = 'optimal' | 'infeasible-closest' | 'time-limit';

export interface PortionPlan {
  /** See {@link PortionStatus}. */
  readonly status: PortionStatus;
  /** Grams per item, in input order, each a whole multiple of the item's `stepG`. */
  readonly portions: readonly { readonly id: string; readonly grams: number }[];
  readonly totals: PortionTotals;
  /** Every target outside its band, hard and soft; empty when all are met. */
  readonly misses: readonly PortionMiss[];
  /** Which method produced the portions (`lp-round` may fall back to `mip`). */
  readonly method: PortionMethod;
  /** Wall time of the whole call in milliseconds, solver load excluded. */
  readonly solveMs: number;
  /** `true` when the time limit cut a MIP search short (whatever the status). */
  readonly timeLimited: boolean;
}
