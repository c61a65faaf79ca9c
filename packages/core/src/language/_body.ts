import { z } from 'zod';
import { MealPlan, type MealPlanT } from '../schemas/meal';
import { WorkoutProgram, type WorkoutProgramT } from '../schemas/workout';

/**
 * What the plan language writes: the meal plan and the workout program of a plan. A whole
 * `Plan` is accepted wherever a body is (its other fields are ignored): the request and
 * targets travel in the prompt, the id and generator are not the model's to write.
 */
export const PlanBody = z
  .object({ mealPlan: MealPlan, workoutProgram: WorkoutProgram })
  .meta({ id: 'PlanBody', description: 'The meal plan and workout program of a plan.' });

export interface PlanBodyT {
  readonly mealPlan: MealPlanT;
  readonly workoutProgram: WorkoutProgramT;
}
