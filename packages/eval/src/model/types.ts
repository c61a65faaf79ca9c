/**
 * The adapter every evaluated model sits behind: the rule planner (fast and slow settings), a
 * model folder or a registry name via `@nexfitra/inference`. eval only ever calls `plan`, so a
 * new kind of model needs only a new adapter.
 */
import type { PlanRequestT } from '@nexfitra/core';

/** How a model is run. */
export type PlanModelKind = 'rules' | 'text';

/** What the repair step changed in a model's proposal (text models). */
export interface RepairSummary {
  /** Sum over items of |grams after − grams proposed|, g. */
  readonly gramsMoved: number;
  /** Sum of the repaired plan's item grams, g (the denominator of `repairChangePct`). */
  readonly totalGrams: number;
  /** Foods swapped in or out. */
  readonly swaps: number;
  /** Items whose grams the repair changed (absent when the model path does not say). */
  readonly itemsResized?: number;
  /** Days of the plan (the denominator of `repairGramsPerDay`). */
  readonly days: number;
}

/** One day's energy and macros (what a proposal supplied before repair). */
export interface DayEnergy {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
}

/** Daily targets a plan is built to (core `TargetsSummary`'s energy and macros). */
export type EnergyTargets = DayEnergy;

/** One request's outcome. `plan` is untrusted: eval validates it with core's validators. */
export interface PlanOutcome {
  /** `true` when the model returned a plan (valid or not: eval judges that). */
  readonly ok: boolean;
  readonly plan?: unknown;
  /** The model's own plan before repair, when the path reports it (for before-repair errors). */
  readonly proposal?: unknown;
  /**
   * Per day, what the model's proposal supplied before repair (inference's
   * `report.proposedDayTotals`); preferred over `proposal` when both are given.
   */
  readonly proposedDayTotals?: readonly DayEnergy[];
  /** The targets of the request, when no plan carries them (a failed repair still has a proposal). */
  readonly targets?: EnergyTargets;
  /** Set when the model refused the request on safety grounds (core's refusal codes). */
  readonly refusal?: { readonly codes: readonly string[] };
  /** Set when the model failed (unparseable text, time limit, a hard violation it could not repair). */
  readonly failure?: {
    readonly code: string;
    readonly message: string;
    readonly hardCodes: readonly string[];
  };
  readonly timings: {
    /** Wall time of the whole call, ms. */
    readonly totalMs: number;
    /** Time from the call to the first emitted token, ms; absent for rule models. */
    readonly firstOutputMs?: number;
    /** Time in the model's constrained generation (tokens/s divides by it), ms; text models. */
    readonly generateMs?: number;
    /** CPU time of the call (user + system, every thread of the process), ms; set by eval's runner when the call ran alone in its process. */
    readonly cpuMs?: number;
  };
  /** Tokens the model emitted (text models). */
  readonly tokens?: number;
  readonly repair?: RepairSummary;
}

export interface PlanModel {
  /** What the user passed (`builtin:rules`, a folder, a registry name). */
  readonly id: string;
  readonly kind: PlanModelKind;
  /**
   * sha256 hex over everything that decides the model's output — the cache key: for a text model
   * its loaded files and the code of `@nexfitra/inference`, `/planner` and `/core` (decoding,
   * grammar, repair, validators); for a rule model the planner and validator code.
   */
  readonly hash: string;
  /** Bytes on disk of the files the model loads (one dtype's weights); absent for rule models (code, not weights). */
  readonly sizeBytes?: number;
  /** Weight dtype a text model runs (`fp32`, `fp16`, `q8` = int8, `q4` = int4); absent for rule models. */
  readonly dtype?: string;
  /** One line for people (shown in reports). */
  readonly description: string;
  plan(request: PlanRequestT, options: { readonly signal?: AbortSignal }): Promise<PlanOutcome>;
  dispose(): Promise<void>;
}
