import { z } from 'zod';
import { ADULT_BMI_PLAUSIBLE, HUMAN } from '../_check';
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
    // An adult body must be a possible one (a 2 kg adult is a typo): the BMI screen of dailyTargets.
    const kg = p.weight.unit === 'kg' ? p.weight.value : p.weight.value * 0.45359237;
    const m = (p.height.unit === 'cm' ? p.height.value : p.height.value * 2.54) / 100;
    const bmi = kg / (m * m);
    // Only when the fields passed their own ranges (else their range issue is the one to show).
    const inRange =
      kg >= HUMAN.weightKg.min && kg <= HUMAN.weightKg.max && m * 100 >= HUMAN.heightCm.min - 1e-9;
    if (inRange && p.age >= 18 && (bmi < ADULT_BMI_PLAUSIBLE.min || bmi > ADULT_BMI_PLAUSIBLE.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['weight', 'value'],
        input: p.weight.value,
        message: `an adult of ${Math.round(m * 100)} cm weighs ${Math.ceil(ADULT_BMI_PLAUSIBLE.min * m * m)}–${Math.floor(ADULT_BMI_PLAUSIBLE.max * m * m)} kg (BMI ${ADULT_BMI_PLAUSIBLE.min}–${ADULT_BMI_PLAUSIBLE.max}); BMI ${bmi.toFixed(1)} is a typo or a unit mix-up`,
      });
    }
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
