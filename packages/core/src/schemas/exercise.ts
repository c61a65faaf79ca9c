import { z } from 'zod';
import { Equipment, ExperienceLevel, InjurySite, Mechanics, MovementPattern, Muscle } from './vocab';

/** Lower-case words joined by single hyphens, e.g. `barbell-back-squat`. */
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * One exercise of the catalogue. Every vocabulary comes from `vocab.ts`; domain types are
 * `z.infer` of this schema and never written twice.
 *
 * - `equipment` lists everything the exercise needs (all of it is required). `['bodyweight']`
 *   means no equipment at all; `bodyweight` is never combined with other items.
 * - `level` is the minimum experience level at which the exercise is a sensible choice.
 * - `contraindications` are the injury sites for which the exercise should be swapped out
 *   (rules of thumb in `datasets/exercises/CARD.md`).
 * - `met` / `metCode`: for conditioning and cardio work only, the MET value and its
 *   Compendium of Physical Activities code (see `@nexfitra/core/met`); both or neither.
 */
export const Exercise = z
  .object({
    id: z.string().regex(KEBAB_CASE, 'id must be kebab-case'),
    name: z.string().min(1),
    primaryMuscles: z.array(Muscle).min(1),
    secondaryMuscles: z.array(Muscle),
    equipment: z.array(Equipment).min(1),
    pattern: MovementPattern,
    mechanics: Mechanics,
    level: ExperienceLevel,
    unilateral: z.boolean(),
    contraindications: z.array(InjurySite),
    met: z.number().positive().max(25).optional(),
    metCode: z
      .string()
      .regex(/^\d{5}$/, 'metCode is a five-digit Compendium code')
      .optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.met === undefined) !== (e.metCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['metCode'], message: 'met and metCode come together' });
    }
    if (e.equipment.includes('bodyweight') && e.equipment.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['equipment'], message: "'bodyweight' stands alone" });
    }
    for (const m of e.secondaryMuscles) {
      if (e.primaryMuscles.includes(m)) {
        ctx.addIssue({
          code: 'custom',
          path: ['secondaryMuscles'],
          message: `${m} is already a primary muscle`,
        });
      }
    }
    for (const [field, list] of [
      ['primaryMuscles', e.primaryMuscles],
      ['secondaryMuscles', e.secondaryMuscles],
      ['equipment', e.equipment],
      ['contraindications', e.contraindications],
    ] as const) {
      if (new Set<string>(list).size !== list.length) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} has duplicates` });
      }
    }
  });

export type ExerciseT = z.infer<typeof Exercise>;
