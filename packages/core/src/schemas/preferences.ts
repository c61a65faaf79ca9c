import { z } from 'zod';
import { ExerciseId, FoodId } from './ids';
import { Allergen, DietType, Equipment, ExperienceLevel, InjurySite } from './vocab';

/** A list with no repeated entries: a duplicate is harmless but always a caller's mistake. */
function uniqueList<T extends z.ZodType>(item: T, what: string) {
  return z
    .array(item)
    .refine((xs) => new Set(xs).size === xs.length, `${what} without duplicates`)
    .meta({ uniqueItems: true });
}

/** Training focus a person may ask for (`Preferences.trainingFocus`). */
export const TRAINING_FOCUSES = ['strength', 'hypertrophy', 'general'] as const;

/**
 * A recent top set of one exercise: `kg` lifted for `reps` good repetitions (1–12, the range
 * where rep-based 1RM estimates hold; Epley 1985 via core `estimateOneRepMax`). For dumbbells
 * and kettlebells, `kg` is the weight of one implement.
 */
export const TrainingMax = z
  .strictObject({
    exerciseId: ExerciseId,
    kg: z.number().min(0.5).max(500),
    reps: z.int().min(1).max(12),
  })
  .meta({ id: 'TrainingMax', description: 'A recent top set: kg × reps of one exercise.' });

/**
 * What the person wants and can do. `allergens` is required (use `[]` for none) so that an
 * omitted allergen list is never mistaken for "no allergies"; the other lists default to `[]`
 * (no equipment means a bodyweight programme, no injuries, no dislikes). Whether the lists fit the
 * catalogues (unknown ids, an exercise both preferred and excluded) is checked here only where
 * the document alone shows it.
 */
export const Preferences = z
  .strictObject({
    diet: DietType,
    allergens: uniqueList(Allergen, 'allergens'),
    dislikedFoodIds: uniqueList(FoodId, 'food ids')
      .default([])
      .meta({ description: 'Foods never to plan; default none.' }),
    cuisines: uniqueList(z.string().min(1).max(40), 'cuisines').default([]).meta({
      description: 'Free-form cuisine tags such as "mediterranean"; a soft preference; default none.',
    }),
    mealsPerDay: z.int().min(2).max(6),
    trainingDaysPerWeek: z.int().min(1).max(7),
    sessionMinutes: z
      .int()
      .min(10)
      .max(240)
      .meta({ description: 'Time available for one training session, warm-up included.' }),
    equipment: uniqueList(Equipment, 'equipment').default([]),
    injuries: uniqueList(InjurySite, 'injury sites').default([]),
    experience: ExperienceLevel,
    preferredExerciseIds: uniqueList(ExerciseId, 'exercise ids').default([]),
    excludedExerciseIds: uniqueList(ExerciseId, 'exercise ids').default([]),
    trainingFocus: z.enum(TRAINING_FOCUSES).optional().meta({
      description:
        'What the programme aims at: main lifts at 3–6 reps (strength), 6–12 reps compound / 10–20 isolation (hypertrophy, general); default hypertrophy for a gain goal, general otherwise.',
    }),
    trainingMaxes: z
      .array(TrainingMax)
      .max(20)
      .refine((xs) => new Set(xs.map((x) => x.exerciseId)).size === xs.length, 'one entry per exercise')
      .optional()
      .meta({
        description:
          'Recent top sets (kg × reps, reps ≤ 12); the programme then prescribes those exercises in kg.',
      }),
  })
  .superRefine((p, ctx) => {
    const excluded = new Set(p.excludedExerciseIds);
    p.preferredExerciseIds.forEach((id, i) => {
      if (excluded.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['preferredExerciseIds', i],
          input: id,
          message: `exercise "${id}" is both preferred and excluded`,
        });
      }
    });
  })
  .meta({ id: 'Preferences', description: 'Diet, allergies, schedule, equipment and exercise choices.' });

export type PreferencesT = z.infer<typeof Preferences>;
/** What a caller may write: every list but `allergens` optional (default `[]`). */
export type PreferencesInput = z.input<typeof Preferences>;
