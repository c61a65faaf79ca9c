/**
 * @packageDocumentation
 * `@nexfitra/inference/plan`: the call apps make. {@link generatePlan} turns a request into a
 * valid, safe plan from the chosen model — the rule planner (`builtin:rules`) or a plan model —
 * with the model's proposal repaired by the planner's portion solver and the programmer's rules
 * and checked by core's validators; {@link regenerate} swaps one meal or one session;
 * {@link ModelRegistry} holds the models an app switches between. Separate from the root entry
 * because it brings the planner (and its HiGHS WebAssembly solver): a browser bundle needs
 * `highs.wasm` beside it and `node:*` marked external (see the planner's browser test).
 *
 * @example
 * ```ts
 * import { createRegistry, generatePlan } from '@nexfitra/inference/plan';
 * import { registerModelFolder } from '@nexfitra/inference/node';
 * const registry = registerModelFolder(createRegistry(), 'models/plan-small');
 * const r = await generatePlan(request, { registry, model: 'models/plan-small' });
 * if (r.ok) r.plan; else if (r.refused) r.refusal.message; else r.failure.code;
 * ```
 */

export { extendProgram } from './plan/extendProgram';
// plans
export { generatePlan } from './plan/generatePlan';
export type { RegenerateOptions, RegenerateResult, RegenerateTarget } from './plan/regenerate';
export { regenerate } from './plan/regenerate';
export type { RepairDayInput, RepairDayResult } from './plan/repairMeals';
export { repairMealDay } from './plan/repairMeals';
export type { RepairWorkoutResult } from './plan/repairWorkout';
export { repairWorkout } from './plan/repairWorkout';
export type {
  DayTotals,
  GeneratePlanOptions,
  GeneratePlanResult,
  GenerationReport,
  ItemSwap,
  ModelChoices,
  PlanFailure,
  PlanFailureCode,
  PlanPart,
  RepairReport,
  StageTimings,
} from './plan/types';

// registry
export { RULES_BEST_MODEL_ID, RULES_MODEL_ID, rulesBestModel, rulesModel } from './registry/builtin';
export { createRegistry } from './registry/createRegistry';
export { defaultRegistry } from './registry/defaultRegistry';
export type { TextModelOptions, TextModelSampling } from './registry/fromLoaded';
export { textModelFromLoaded } from './registry/fromLoaded';
export type { PlanModelFactory, RegistryEntry } from './registry/registry';
export { ModelRegistry } from './registry/registry';
export type {
  PlanModel,
  PlanModelInfo,
  PlanModelKind,
  RulePlanModel,
  RulePlanOptions,
  TextGenerationInput,
  TextGenerationOutput,
  TextPlanModel,
  TextStopReason,
} from './registry/types';
