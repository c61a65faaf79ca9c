/**
 * Inputs and results of {@link generatePlan} and {@link regenerate}. Results are discriminated
 * unions: a plan is only ever returned with `ok: true` when core's `validatePlan` finds no hard
 * violation; refusals (a minor, pregnancy …) and failures come back typed, never thrown.
 */
import type { MealDayT, PlanT, Refusal, SessionT, TargetsSummaryT, Violation } from '@nexfitra/core';
import type { ModelRegistry } from '../registry/registry';
import type { PlanModel, PlanModelInfo, TextStopReason } from '../registry/types';

/** A finished part of a plan, for UIs that show a plan as it is made. */
export type PlanPart =
  | { readonly kind: 'session'; readonly week: number; readonly index: number; readonly session: SessionT }
  | { readonly kind: 'day'; readonly day: number; readonly mealDay: MealDayT };

export interface GeneratePlanOptions {
  /** A registry id (default `builtin:rules`) or a model object. */
  readonly model?: string | PlanModel;
  /** Where ids are looked up; default a registry with the built-in models. */
  readonly registry?: ModelRegistry;
  /** Seed (uint32) for the model's choices; default the request's seed, else 0. */
  readonly seed?: number;
  /** Program length in weeks (1–52); default 4. */
  readonly weeks?: number;
  readonly signal?: AbortSignal;
  /** Wall-time budget for generation, ms; generation stops at it and the result says `TIME_LIMIT`. */
  readonly maxMs?: number;
  /** Most tokens a text model may write; default 12,000. */
  readonly maxNewTokens?: number;
  /**
   * Text models: generate week 1 only and derive the later weeks by the programmer's progression
   * (fewer tokens and model steps); default true. False: the model writes every week.
   */
  readonly deriveWeeks?: boolean;
  /**
   * Text models: decode in batches where the model can (word-level tokenizer, greedy): with
   * `deriveWeeks`, week 1's sessions as one batch on the programmer's weekdays for the request
   * (the model chooses names, exercises, sets and rules), then the meal-plan days as one batch
   * after the workout — one model step per token of the longest session and of the longest day
   * instead of per token of all of them. Rows share one context, so each session starts from its most
   * likely name no earlier session took, and day `i`'s meals from the `i`-th most likely first
   * food, each continuing greedily. Default true. False: one sequence, each part written after the
   * previous ones.
   */
  readonly batch?: boolean;
  /** Called with each finished part (repaired and checked), in plan order. */
  readonly onPart?: (part: PlanPart) => void;
}

/** One day's energy and macros against the targets. */
export interface DayTotals {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG: number;
}

/** A food the repair swapped in or out of a meal. */
export interface ItemSwap {
  readonly day: number;
  readonly meal: number;
  readonly removed?: string;
  readonly added?: string;
  /** Why, in words (e.g. "protein under its band"). */
  readonly reason: string;
}

/** What the repair step changed in the model's proposal. */
export interface RepairReport {
  /** Sum over items of |grams after − grams proposed|. */
  readonly gramsMoved: number;
  /** Items whose grams changed. */
  readonly itemsResized: number;
  readonly swaps: readonly ItemSwap[];
  /** Days whose portions the solver could not bring inside every band (closest plan kept). */
  readonly daysOffBand: readonly number[];
  /** Workout changes in words (sessions added, sets moved). */
  readonly workout: readonly string[];
  /**
   * Text models: days left over the sodium limit (2,300 mg) after the repair and its dish swaps,
   * each with why no swap helped; absent when every day is under it.
   */
  readonly sodiumOver?: readonly { readonly day: number; readonly sodiumMg: number; readonly note: string }[];
}

/** What the model chose (before repair). */
export interface ModelChoices {
  readonly split: string;
  readonly exerciseIds: readonly string[];
  readonly foodIds: readonly string[];
}

/** Wall time per stage, ms. */
export interface StageTimings {
  readonly targets: number;
  /** Text models: the prompt, the grammar and the rule programme (weekdays for batched sessions, reference for the repair). */
  readonly prompt: number;
  readonly generate: number;
  readonly parse: number;
  readonly repair: number;
  readonly validate: number;
  readonly total: number;
}

export interface GenerationReport {
  readonly model: PlanModelInfo;
  readonly seed: number;
  readonly chosen: ModelChoices;
  readonly repair: RepairReport;
  readonly timings: StageTimings;
  /** Text models only: tokens emitted and run through the model, and why generation stopped. */
  readonly tokens?: { readonly emitted: number; readonly run: number; readonly stopReason: TextStopReason };
  /** Per day, what the plan supplies. */
  readonly dayTotals: readonly DayTotals[];
  /**
   * Text models only: per day, what the model's proposal supplied BEFORE the repair (its foods at
   * its grams, from the catalogue's per-100 g values) — e.g. the model's own kcal error is
   * `|proposedDayTotals[d].kcal − targets.kcal| / targets.kcal`.
   */
  readonly proposedDayTotals?: readonly DayTotals[];
  readonly validation: { readonly hard: readonly Violation[]; readonly soft: readonly Violation[] };
  /** Findings of core `dailyTargets` (calorie floor, AMDR …), shown to the user. */
  readonly targetFindings: readonly { readonly code: string; readonly message: string }[];
}

/** Why a plan could not be returned. */
export type PlanFailureCode =
  /** The plan still breaks a hard rule after repair (e.g. a day under the calorie floor). */
  | 'HARD_VIOLATION'
  /** The model's text does not parse (cut short, or not the plan language). */
  | 'UNPARSEABLE'
  /** The model could not write what the grammar asks (e.g. its vocabulary lacks an allowed word). */
  | 'MODEL_ERROR'
  | 'ABORTED'
  | 'TIME_LIMIT';

export interface PlanFailure {
  readonly code: PlanFailureCode;
  readonly message: string;
  readonly violations: readonly Violation[];
}

export type GeneratePlanResult =
  | {
      readonly ok: true;
      readonly plan: PlanT;
      readonly targets: TargetsSummaryT;
      readonly report: GenerationReport;
    }
  | { readonly ok: false; readonly refused: true; readonly refusal: Refusal }
  | {
      readonly ok: false;
      readonly refused: false;
      readonly failure: PlanFailure;
      /** What is known so far (absent when the failure came before the model ran). */
      readonly report?: Partial<GenerationReport>;
    };
