import * as planner from '@nexfitra/planner';
import { RULES_MODEL_ID, rulesBestModel, rulesModel } from './builtin';
import { ModelRegistry } from './registry';

/**
 * A registry with the built-in models: `builtin:rules` always, `builtin:rules-best` when the
 * planner offers its best-of search. Add model folders with `register` (see the `/node` entry).
 * @example const r = createRegistry(); (await r.get('builtin:rules')).kind // 'rules'
 */
export function createRegistry(): ModelRegistry {
  const registry = new ModelRegistry();
  const rules = rulesModel();
  registry.register(RULES_MODEL_ID, rules);
  // Feature detection: the planner exports its search modes once it has them.
  const modes = (planner as { readonly PLAN_SEARCH_MODES?: readonly string[] }).PLAN_SEARCH_MODES;
  const best = rulesBestModel(modes);
  if (best) registry.register(best.info.id, best);
  return registry;
}
