/**
 * The rule planner as registry models: `builtin:rules` is `planPlan` as it is;
 * `builtin:rules-best` asks the planner for its slower best-of search when the planner offers one.
 */
import { planPlan, RULE_PLANNER } from '@nexfitra/planner';
import type { RulePlanModel, RulePlanOptions } from './types';

/** Registry id of the rule planner. */
export const RULES_MODEL_ID = 'builtin:rules';
/** Registry id of the rule planner's best-of search. */
export const RULES_BEST_MODEL_ID = 'builtin:rules-best';

/** The seed travels in the request (the planner takes it in one place only). */
function plannerOptions(o: RulePlanOptions) {
  return {
    ...(o.weeks !== undefined ? { weeks: o.weeks } : {}),
    ...(o.timeBudgetMs !== undefined ? { timeBudgetMs: o.timeBudgetMs } : {}),
  };
}

/** `builtin:rules`: the deterministic rule planner (`planPlan` of `@nexfitra/planner`). */
export function rulesModel(): RulePlanModel {
  return {
    kind: 'rules',
    info: {
      id: RULES_MODEL_ID,
      kind: 'rules',
      name: RULE_PLANNER.name,
      version: RULE_PLANNER.version,
      description: 'rule planner: meal templates + HiGHS portion solver, workout programmer',
    },
    plan: (request, o) => planPlan({ ...request, seed: o.seed }, plannerOptions(o)),
  };
}

/**
 * `builtin:rules-best`: `planPlan(request, { search: 'best' })`, the planner's slow search over
 * many choices (the teacher a model learns from). `undefined` when the planner in this build
 * has no such search (its `PLAN_SEARCH_MODES`, when exported, must list `best`).
 */
export function rulesBestModel(searchModes: readonly string[] | undefined): RulePlanModel | undefined {
  if (!searchModes?.includes('best')) return undefined;
  return {
    kind: 'rules',
    info: {
      id: RULES_BEST_MODEL_ID,
      kind: 'rules',
      name: `${RULE_PLANNER.name} (best-of search)`,
      version: RULE_PLANNER.version,
      description: 'rule planner, best-of search over dish and exercise choices (slower)',
    },
    plan: (request, o) =>
      // The option is passed through untyped: older planners ignore unknown options.
      planPlan({ ...request, seed: o.seed }, {
        ...plannerOptions(o),
        search: 'best',
      } as Parameters<typeof planPlan>[1]),
  };
}
