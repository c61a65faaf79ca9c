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
}

/** One request's outcome. `plan` is untrusted: eval validates it with core's validators. */
export interface PlanOutcome {
  /** `true` when the model returned a plan (valid or not: eval judges that). */
  readonly ok: boolean;
  readonly plan?: unknown;
  /** The model's own plan before repair, when the path reports it (for before-repair errors). */
  readonly proposal?: unknown;
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
    /** Time to the first token (or first streamed plan part), ms; absent for rule models. */
    readonly firstOutputMs?: number;
  };
  /** Tokens the model emitted (text models). */
  readonly tokens?: number;
  readonly repair?: RepairSummary;
}

export interface PlanModel {
  /** What the user passed (`builtin:rules`, a folder, a registry name). */
  readonly id: string;
  readonly kind: PlanModelKind;
  /** sha256 hex over everything that decides the model's output (weights, or planner and validator code) — the cache key. */
  readonly hash: string;
  /** Bytes on disk of the model files; absent for rule models (code, not weights). */
  readonly sizeBytes?: number;
  /** One line for people (shown in reports). */
  readonly description: string;
  plan(request: PlanRequestT, options: { readonly signal?: AbortSignal }): Promise<PlanOutcome>;
  dispose(): Promise<void>;
}
