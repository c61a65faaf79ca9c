import { z } from 'zod';
import { Goal } from './goal';
import { MAX_PLAN_DAYS, MealPlan } from './meal';
import { Preferences } from './preferences';
import { Profile } from './profile';
import { SchemaVersion, Semver } from './version';
import { WorkoutProgram } from './workout';

/**
 * What a caller asks for: who, what goal, which preferences, how many days, and a seed. Every
 * field, its unit, range and default: docs/plan-request.md ("PlanRequest, field by field").
 */
export const PlanRequest = z
  .strictObject({
    schemaVersion: SchemaVersion,
    profile: Profile,
    goal: Goal,
    preferences: Preferences,
    days: z
      .int()
      .min(1)
      .max(MAX_PLAN_DAYS)
      .meta({ description: `Number of days of meals to plan (1–${MAX_PLAN_DAYS}).` }),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .meta({ description: 'Seed (uint32) for reproducible sampling.' }),
  })
  .meta({ id: 'PlanRequest', description: 'A request for a plan.' });

/**
 * The daily targets a plan was built to: energy in kcal and macronutrients in grams. Bounds are
 * structural (no person eats 20 000 kcal a day); calorie floors are the validators' concern.
 */
export const TargetsSummary = z
  .strictObject({
    kcal: z.number().positive().max(20000),
    proteinG: z.number().min(0).max(2000),
    fatG: z.number().min(0).max(2000),
    carbsG: z.number().min(0).max(3000),
    fiberG: z.number().min(0).max(500).optional(),
  })
  .meta({ id: 'TargetsSummary', description: 'Daily energy (kcal) and macronutrient (g) targets.' });

/** Who made a plan: a rule planner or a named model at a version. */
export const PlanGenerator = z
  .strictObject({ name: z.string().min(1).max(120), version: Semver })
  .meta({ id: 'PlanGenerator', description: 'The planner or model that made the plan.' });

/**
 * A complete plan. It echoes its request so that the validators (and eval) can check it alone:
 * the allergens, diet, equipment and injuries it must respect travel with it.
 */
export const Plan = z
  .strictObject({
    schemaVersion: SchemaVersion,
    id: z.string().min(1).max(120).optional(),
    request: PlanRequest,
    targets: TargetsSummary,
    mealPlan: MealPlan,
    workoutProgram: WorkoutProgram,
    generatedBy: PlanGenerator.optional(),
  })
  .meta({ id: 'Plan', description: 'A meal plan and a workout program made for one request.' });

export type PlanRequestT = z.infer<typeof PlanRequest>;
/** What a caller may write: `PlanRequestT` with `schemaVersion` and the preference lists other than `allergens` optional. */
export type PlanRequestInput = z.input<typeof PlanRequest>;
export type TargetsSummaryT = z.infer<typeof TargetsSummary>;
export type PlanGeneratorT = z.infer<typeof PlanGenerator>;
export type PlanT = z.infer<typeof Plan>;
