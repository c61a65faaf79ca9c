/** @internal `generatePlan` for a rule model: the planner makes, repairs and validates the plan. */
import type { PlanRequestT, Violation } from '@nexfitra/core';
import type { RulePlanModel } from '../registry/types';
import { choicesOf, emitParts } from './_finish';
import type { GeneratePlanOptions, GeneratePlanResult } from './types';

export async function rulesPath(
  model: RulePlanModel,
  request: PlanRequestT,
  seed: number,
  options: GeneratePlanOptions,
): Promise<GeneratePlanResult> {
  const t0 = performance.now();
  if (options.signal?.aborted) {
    return {
      ok: false,
      refused: false,
      failure: { code: 'ABORTED', message: 'aborted before planning', violations: [] },
    };
  }
  const r = await model.plan(request, {
    seed,
    ...(options.weeks !== undefined ? { weeks: options.weeks } : {}),
    ...(options.maxMs !== undefined ? { timeBudgetMs: options.maxMs } : {}),
  });
  if (!r.ok) {
    if (r.refusal) return { ok: false, refused: true, refusal: r.refusal };
    // The planner never returns a plan with a hard violation: it reports it as a failure.
    const failure = r.failure as { readonly message: string; readonly violations: readonly Violation[] };
    return {
      ok: false,
      refused: false,
      failure: { code: 'HARD_VIOLATION', message: failure.message, violations: failure.violations },
    };
  }
  const { plan, report } = r;
  const total = performance.now() - t0;
  const base = {
    model: model.info,
    seed,
    chosen: choicesOf(plan.mealPlan, plan.workoutProgram),
    repair: {
      gramsMoved: 0,
      itemsResized: 0,
      swaps: [],
      daysOffBand: report.mealDays.filter((d) => d.status !== 'feasible').map((d) => d.day),
      workout: [],
    },
    timings: {
      targets: 0,
      prompt: 0,
      generate: report.ms.meals + report.ms.workout,
      parse: 0,
      repair: 0,
      validate: report.ms.validate,
      total,
    },
    dayTotals: report.mealDays.map((d) => d.totals),
    validation: { hard: report.validation.hard, soft: report.validation.soft },
    targetFindings: report.targetFindings,
  };
  if (report.validation.hard.length > 0) {
    return {
      ok: false,
      refused: false,
      failure: {
        code: 'HARD_VIOLATION',
        message: `the plan breaks ${report.validation.hard.length} hard rule(s): ${report.validation.hard[0]!.message}`,
        violations: report.validation.hard,
      },
      report: base,
    };
  }
  emitParts(plan, options.onPart);
  return { ok: true, plan, targets: plan.targets, report: base };
}
