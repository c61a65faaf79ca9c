/**
 * What the registry holds: plan models behind one small interface, so that `generatePlan` and
 * the CLI treat the rule planner and a trained model alike. A rule model makes the whole plan; a
 * text model writes plan-language text under a grammar and `generatePlan` parses and repairs it.
 */
import type { PlanRequestT } from '@nexfitra/core';
import type { PlanGrammar } from '@nexfitra/core/language';
import type { PlanPlanResult } from '@nexfitra/planner';

/** Kinds of plan model: the rule planner, or a model that writes plan-language text. */
export type PlanModelKind = 'rules' | 'text';

/** How a model describes itself in listings and in `Plan.generatedBy`. */
export interface PlanModelInfo {
  /** Registry id, e.g. `builtin:rules` or a model folder. */
  readonly id: string;
  readonly kind: PlanModelKind;
  /** Name and semantic version written to `Plan.generatedBy`. */
  readonly name: string;
  readonly version: string;
  /** One line for people. */
  readonly description: string;
  /** Runtime backend a text model runs on (e.g. `onnxruntime-node`); absent for rules. */
  readonly backend?: string;
}

/** Options a rule model receives from `generatePlan`. */
export interface RulePlanOptions {
  readonly seed: number;
  /** Program length in weeks. */
  readonly weeks?: number;
  /** Solver time for the meal plan, ms (the planner's `timeBudgetMs`). */
  readonly timeBudgetMs?: number;
}

/** A model that makes a complete plan itself (the rule planner and its variants). */
export interface RulePlanModel {
  readonly kind: 'rules';
  readonly info: PlanModelInfo;
  plan(request: PlanRequestT, options: RulePlanOptions): Promise<PlanPlanResult>;
  dispose?(): Promise<void>;
}

/** Input of one constrained generation. */
export interface TextGenerationInput {
  /** The conditioning prompt (core `formatRequest`). */
  readonly prompt: string;
  /** The plan grammar for this request (core `createGrammar`); every output token obeys it. */
  readonly grammar: PlanGrammar;
  readonly seed: number;
  readonly maxNewTokens: number;
  readonly maxMs?: number;
  readonly signal?: AbortSignal;
  /** Called with each emitted token's text, in order (streaming; batched days arrive together at the end). */
  readonly onToken?: (text: string) => void;
  /**
   * The meal plan's number of days, to decode them as one batch when the model can (a
   * word-level tokenizer, greedy decoding); absent: one sequence.
   */
  readonly batchDays?: number;
  /**
   * A one-week programme's session weekdays (0 = Monday), one per session the grammar asks for,
   * increasing: the sessions are decoded as one batch, session `k` on `sessionDays[k]` (the
   * model chooses everything else). Absent: the model writes the week sequentially.
   */
  readonly sessionDays?: readonly number[];
}

/** Why generation stopped. */
export type TextStopReason = 'complete' | 'max-tokens' | 'time-limit' | 'aborted';

/** Output of one constrained generation. */
export interface TextGenerationOutput {
  /** Plan-language text, tokens separated by single spaces (may be cut short; see `stopReason`). */
  readonly text: string;
  readonly stopReason: TextStopReason;
  /** Tokens emitted, and tokens actually run through the model (jump-forward skips some). */
  readonly tokensEmitted: number;
  readonly tokensRun: number;
}

/** A model that writes plan-language text under a grammar (a trained plan model). */
export interface TextPlanModel {
  readonly kind: 'text';
  readonly info: PlanModelInfo;
  generate(input: TextGenerationInput): Promise<TextGenerationOutput>;
  dispose?(): Promise<void>;
}

export type PlanModel = RulePlanModel | TextPlanModel;
