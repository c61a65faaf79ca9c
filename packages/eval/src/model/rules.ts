/**
 * The rule planner as evaluated models: `builtin:rules` (the planner's default, fast search)
 * and `builtin:rules-best` (its slow teacher setting, `planPlan(request, { search: 'best' })`).
 */
import { type PlanPlanOptions, type PlanPlanResult, planPlan } from '@nexfitra/planner';
import { packagesHash } from './_sourceHash';
import type { PlanModel, PlanOutcome } from './types';

export const RULE_MODEL_IDS = ['builtin:rules', 'builtin:rules-best'] as const;
export type RuleModelId = (typeof RULE_MODEL_IDS)[number];

/** Options added by the planner's search setting; typed here so eval builds before and after it lands. */
type SearchOptions = PlanPlanOptions & { readonly search?: 'fast' | 'best' };

/** Typed structurally: the planner's result gained a `failure` branch (a plan it could not make without a hard violation). */
type NotOk = {
  readonly refusal?: { readonly reasons: readonly { readonly code: string }[] };
  readonly failure?: {
    readonly code: string;
    readonly message: string;
    readonly violations?: readonly { readonly code: string; readonly severity: string }[];
  };
};

function outcome(r: PlanPlanResult, totalMs: number): PlanOutcome {
  if (r.ok) return { ok: true, plan: r.plan, timings: { totalMs } };
  const x = r as unknown as NotOk;
  if (x.refusal)
    return { ok: false, refusal: { codes: x.refusal.reasons.map((v) => v.code) }, timings: { totalMs } };
  const f = x.failure ?? {
    code: 'UNKNOWN',
    message: 'the planner returned neither a plan, a refusal nor a failure',
  };
  const hardCodes = (f.violations ?? []).filter((v) => v.severity === 'hard').map((v) => v.code);
  return { ok: false, failure: { code: f.code, message: f.message, hardCodes }, timings: { totalMs } };
}

/**
 * A rule model. The hash covers the code of `@nexfitra/planner` and `@nexfitra/core` (planner,
 * validators, catalogues) and the setting, so a code change invalidates cached results.
 */
export function ruleModel(id: RuleModelId): PlanModel {
  const best = id === 'builtin:rules-best';
  const options: SearchOptions = best ? { search: 'best' } : {};
  return {
    id,
    kind: 'rules',
    hash: packagesHash(['@nexfitra/planner', '@nexfitra/core'], id),
    description: best
      ? 'rule planner, slow teacher search (planPlan search: best)'
      : 'rule planner, default search',
    async plan(request) {
      const t0 = performance.now();
      const r = await planPlan(request, options);
      return outcome(r, performance.now() - t0);
    },
    async dispose() {},
  };
}
