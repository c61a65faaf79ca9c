/** @internal Shared last steps: assemble the Plan, validate it, report totals, emit parts. */
import {
  type MealPlanT,
  Plan,
  type PlanGeneratorT,
  type PlanRequestT,
  type PlanT,
  parseOrThrow,
  SCHEMA_VERSION,
  type TargetsSummaryT,
  type Violation,
  type WorkoutProgramT,
} from '@nexfitra/core';
import { validateParsedPlan } from '@nexfitra/core/internal';
import { foodsById, validationContext } from './_catalogues';
import type { DayTotals, ModelChoices, PlanPart } from './types';

/** The `Plan` of these parts, parsed once by the schema (throws `SCHEMA` naming the field). */
export function assemblePlan(
  request: PlanRequestT,
  targets: TargetsSummaryT,
  mealPlan: MealPlanT,
  workoutProgram: WorkoutProgramT,
  generatedBy: PlanGeneratorT | undefined,
  fn: string,
): PlanT {
  return parseOrThrow(
    Plan,
    {
      schemaVersion: SCHEMA_VERSION,
      request,
      targets,
      mealPlan,
      workoutProgram,
      ...(generatedBy ? { generatedBy } : {}),
    },
    fn,
  );
}

/**
 * Core's validation of a plan from {@link assemblePlan} (already schema-parsed, so not parsed
 * again: core `validateParsedPlan`), split into hard and soft findings.
 */
export function checkPlan(plan: PlanT): { hard: Violation[]; soft: Violation[] } {
  const v = validateParsedPlan(plan, validationContext());
  return {
    hard: v.violations.filter((x) => x.severity === 'hard'),
    soft: v.violations.filter((x) => x.severity === 'soft'),
  };
}

/** What each day supplies, from the catalogue's per-100 g values. */
export function dayTotals(mealPlan: MealPlanT): DayTotals[] {
  const foods = foodsById();
  return mealPlan.days.map((day) => {
    const t = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 0 };
    for (const meal of day.meals) {
      for (const it of meal.items) {
        const p = foods.get(it.foodId)?.per100g;
        if (!p) continue;
        const k = it.grams / 100;
        t.kcal += p.kcal * k;
        t.proteinG += p.protein * k;
        t.fatG += p.fat * k;
        t.carbsG += p.carbs * k;
        t.fiberG += p.fiber * k;
      }
    }
    return t;
  });
}

export function choicesOf(mealPlan: MealPlanT, workout: WorkoutProgramT): ModelChoices {
  const exerciseIds = new Set<string>();
  for (const w of workout.weeks)
    for (const s of w.sessions) for (const x of s.exercises) exerciseIds.add(x.exerciseId);
  const foodIds = new Set<string>();
  for (const d of mealPlan.days) for (const m of d.meals) for (const it of m.items) foodIds.add(it.foodId);
  return { split: workout.split, exerciseIds: [...exerciseIds], foodIds: [...foodIds] };
}

/** Calls `onPart` with every session, then every day, in plan order; a throwing callback is the caller's bug and propagates. */
export function emitParts(plan: PlanT, onPart: ((part: PlanPart) => void) | undefined): void {
  if (!onPart) return;
  for (const [w, week] of plan.workoutProgram.weeks.entries()) {
    for (const [index, session] of week.sessions.entries())
      onPart({ kind: 'session', week: w, index, session });
  }
  for (const [day, mealDay] of plan.mealPlan.days.entries()) onPart({ kind: 'day', day, mealDay });
}
