/** Turns a model argument of the CLI into a {@link PlanModel}. */
import { inferenceModel } from './inference';
import { RULE_MODEL_IDS, type RuleModelId, ruleModel } from './rules';
import type { PlanModel } from './types';

/**
 * `builtin:rules` and `builtin:rules-best` are the rule planner; anything else is a model folder
 * or a registry name served by `@nexfitra/inference`.
 * @throws {ModelUnavailableError} when the inference layer cannot serve it
 */
export async function resolveModel(spec: string): Promise<PlanModel> {
  if ((RULE_MODEL_IDS as readonly string[]).includes(spec)) return ruleModel(spec as RuleModelId);
  return inferenceModel(spec);
}
