import type { PlanRequestT } from '@nexfitra/core';
import { formatPlan, formatRequest, quantizeForLanguage } from '@nexfitra/core/language';
import * as planner from '@nexfitra/planner';
import type { TrainingRow } from './row';
import { type SplitShares, splitOf } from './split';

/** Breadth of the teacher's search: the planner's `fast` default or its slow `best` search. */
export type TeacherSearch = 'fast' | 'best';

export interface TeacherOptions {
  /** Default `best` when the planner has it (see {@link teacherSearch}), else `fast`. */
  readonly search?: TeacherSearch;
  /** Split seed (the split is a hash of seed and profile key). */
  readonly splitSeed: number;
  readonly splitShares?: SplitShares;
}

/** Why a request gave no row: the planner refused it (its typed reasons) or failed. */
export interface SkippedRequest {
  readonly id: string;
  readonly kind: 'refusal' | 'failure';
  /** Codes of core's refusal reasons, or of the hard violations of a failed plan. */
  readonly codes: readonly string[];
}

/**
 * The search the teacher uses: `best` when asked for and the planner offers it — it exports
 * `PLAN_SEARCH_MODES` listing `best`, or its `createPlan` takes `search` (the option exists in
 * this build's `PlanPlanOptions`) — else the planner's default.
 */
export function teacherSearch(wanted: TeacherSearch = 'best'): TeacherSearch {
  if (wanted === 'fast') return 'fast';
  const modes = (planner as { readonly PLAN_SEARCH_MODES?: readonly string[] }).PLAN_SEARCH_MODES;
  return modes === undefined || modes.includes('best') ? 'best' : 'fast';
}

/** `teacher` column text: planner name, version and search. */
export function teacherName(search: TeacherSearch): string {
  return `${planner.RULE_PLANNER.name} ${planner.RULE_PLANNER.version} search=${search}`;
}

const words = (text: string) => (text === '' ? 0 : text.split(' ').length);

/**
 * One training row from the teacher: `createPlan(request, { search, weeks: 1 })` (the model
 * writes week 1; the runtime derives later weeks by progression), the plan snapped to the
 * language's number grids (`quantizeForLanguage`), prompt and plan in the language. A refused
 * request (under 18, pregnancy, lactation, loss when underweight …) gives a {@link SkippedRequest}:
 * the plan language has no form for a refusal, so the floor policy is learned by the runtime's
 * refusal path, not the model (counted in the card).
 */
export async function teacherRow(
  request: PlanRequestT,
  id: string,
  options: TeacherOptions,
): Promise<{ row: TrainingRow } | { skipped: SkippedRequest }> {
  const search = teacherSearch(options.search);
  const t0 = performance.now();
  const res = await planner.createPlan(request, { search, weeks: 1 });
  const ms = performance.now() - t0;
  if (!res.ok) {
    return res.refusal
      ? { skipped: { id, kind: 'refusal', codes: res.refusal.reasons.map((r) => r.code) } }
      : { skipped: { id, kind: 'failure', codes: res.failure.violations.map((v) => v.code) } };
  }
  const body = quantizeForLanguage({ workoutProgram: res.plan.workoutProgram, mealPlan: res.plan.mealPlan });
  const prompt = formatRequest(res.plan.request, res.plan.targets);
  const plan = formatPlan(body.plan);
  return {
    row: {
      id,
      profile: id,
      split: splitOf(id, options.splitSeed, options.splitShares),
      prompt,
      plan,
      request: JSON.stringify(request),
      teacher: teacherName(search),
      teacherMs: Math.round(ms * 10) / 10,
      promptTokens: words(prompt),
      planTokens: words(plan),
      weight: 1,
      rating: null,
    },
  };
}
