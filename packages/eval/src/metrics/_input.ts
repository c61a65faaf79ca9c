/**
 * @internal Everything the metrics read for one request, computed once: the model's outcome,
 * core's `validatePlan` on the returned plan (the one definition of "valid"), day totals, and
 * the proposal's day totals when the model path reports one.
 */
import {
  byIdLookup,
  type ExerciseT,
  type FoodT,
  mealNutrients,
  Plan,
  type PlanDayTotals,
  type PlanRequestT,
  type PlanT,
  type PlanValidation,
  type Violation,
  validatePlan,
} from '@nexfitra/core';
import { DISHES } from '@nexfitra/core/dishes';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import type { EnergyTargets, PlanOutcome } from '../model/types';

/** `error`: the model threw (eval's runner turns that into a failure with code `ERROR`). */
export type OutcomeStatus = 'ok' | 'refused' | 'failed' | 'error';

export interface MetricInput {
  readonly request: PlanRequestT;
  readonly outcome: PlanOutcome;
  readonly status: OutcomeStatus;
  /** The returned plan when it passes core's `Plan` schema, else `null`. */
  readonly plan: PlanT | null;
  /** `validatePlan` of the returned plan; `null` when no plan came back. */
  readonly validation: PlanValidation | null;
  /** Hard violations: the validator's, or the failure's codes when the model returned no plan. */
  readonly hard: readonly { readonly code: string }[];
  readonly soft: readonly Violation[];
  /** Day totals of the returned plan (`null` for a day with an unknown food). */
  readonly days: readonly (PlanDayTotals | null)[];
  /** Day totals of the proposal before repair, when reported. */
  readonly proposalDays: readonly (PlanDayTotals | null)[] | null;
  /** The targets: the returned plan's, else the outcome's (a failed repair that reports its proposal). */
  readonly targets: EnergyTargets | undefined;
  readonly foods: (id: string) => FoodT | undefined;
  readonly exercises: (id: string) => ExerciseT | undefined;
}

const foods = byIdLookup(FOODS);
const exercises = byIdLookup(EXERCISES);
/** The dishes' lookup for the validator: a dish's seasonings may be a pinch (PORTION_OUT_OF_RANGE). */
const dishes = byIdLookup(DISHES);

function totalsOf(days: PlanT['mealPlan']['days']): (PlanDayTotals | null)[] {
  return days.map((day) => {
    const items: { per100g: FoodT['per100g']; grams: number }[] = [];
    for (const meal of day.meals) {
      for (const item of meal.items) {
        const f = foods(item.foodId);
        if (f === undefined) return null;
        items.push({ per100g: f.per100g, grams: item.grams });
      }
    }
    const n = mealNutrients(items);
    return {
      kcal: n.kcal,
      proteinG: n.protein,
      fatG: n.fat,
      carbsG: n.carbs,
      fiberG: n.fiber,
      ...(n.micronutrients ? { micronutrients: n.micronutrients } : {}),
    };
  });
}

function proposalTotals(proposal: unknown): (PlanDayTotals | null)[] | null {
  const days = (proposal as { mealPlan?: { days?: unknown } } | undefined)?.mealPlan?.days;
  const parsed = Plan.shape.mealPlan.shape.days.safeParse(days);
  return parsed.success ? totalsOf(parsed.data) : null;
}

/** Builds the input of every metric for one request. */
export function metricInput(request: PlanRequestT, outcome: PlanOutcome): MetricInput {
  const status: OutcomeStatus = outcome.ok
    ? 'ok'
    : outcome.refusal
      ? 'refused'
      : outcome.failure?.code === 'ERROR'
        ? 'error'
        : 'failed';
  const proposalDays =
    outcome.proposedDayTotals !== undefined
      ? outcome.proposedDayTotals.map((d) => ({ ...d, fiberG: 0 }))
      : outcome.proposal === undefined
        ? null
        : proposalTotals(outcome.proposal);
  const base = { request, outcome, status, proposalDays, foods, exercises };
  if (!outcome.ok) {
    const hard = (outcome.failure?.hardCodes ?? []).map((code) => ({ code }));
    return { ...base, targets: outcome.targets, plan: null, validation: null, hard, soft: [], days: [] };
  }
  const validation = validatePlan(outcome.plan, { foods, exercises, dishes });
  const parsed = Plan.safeParse(outcome.plan);
  const plan = parsed.success ? parsed.data : null;
  return {
    ...base,
    targets: plan?.targets ?? outcome.targets,
    plan,
    validation,
    hard: validation.violations.filter((v) => v.severity === 'hard'),
    soft: validation.violations.filter((v) => v.severity === 'soft'),
    days: validation.metrics?.mealPlan.days ?? [],
  };
}
