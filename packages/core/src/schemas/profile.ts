import { z } from 'zod';
import { HUMAN } from '../_check';
import { BodyHeight, BodyWeight } from './quantity';
import { ActivityLevel, Sex } from './vocab';

/**
 * The person a plan is for. Ranges are the plausible human ranges shared with the formulas
 * (`HUMAN` in `_check.ts`); whether a plan may be made at all (minors, pregnancy, very low
 * weight) is the targets safety policy's call, not the schema's.
 */
export const Profile = z
  .strictObject({
    /** Age in years; fractional ages are allowed for children (the Schofield bands use them). */
    age: z.number().min(HUMAN.ageYears.min).max(HUMAN.ageYears.max),
    sex: Sex,
    weight: BodyWeight,
    height: BodyHeight,
    bodyFatPercent: z.number().min(HUMAN.bodyFatPercent.min).max(HUMAN.bodyFatPercent.max).optional(),
    activityLevel: ActivityLevel,
    pregnant: z.boolean().optional(),
    lactating: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    // Only a real contradiction is rejected: the flags are meaningless for the male equations.
    for (const flag of ['pregnant', 'lactating'] as const) {
      if (p[flag] === true && p.sex !== 'female') {
        ctx.addIssue({
          code: 'custom',
          path: [flag],
          input: p[flag],
          message: `${flag} requires sex "female"`,
        });
      }
    }
  })
  .meta({ id: 'Profile', description: 'The person a plan is for.' });

export type ProfileT = z.infer<typeof Profile>;
