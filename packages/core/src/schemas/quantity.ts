import { z } from 'zod';
import { HUMAN } from '../_check';

/**
 * Unit-tagged quantities as documents carry them. The range depends on the unit, so each is a
 * union discriminated by `unit`. Pound and inch bounds are the kilogram and centimetre bounds of
 * `HUMAN` converted exactly (1 lb = 0.45359237 kg, 1 in = 2.54 cm) and rounded inward to 0.01,
 * so any accepted value still converts into the range the formulas accept.
 */

/** Body weight: 2–400 kg, or 4.41–881.84 lb (2 / 0.45359237 = 4.409…, 400 / 0.45359237 = 881.849…). */
export const BodyWeight = z
  .discriminatedUnion('unit', [
    z.strictObject({
      value: z.number().min(HUMAN.weightKg.min).max(HUMAN.weightKg.max),
      unit: z.literal('kg'),
    }),
    z.strictObject({ value: z.number().min(4.41).max(881.84), unit: z.literal('lb') }),
  ])
  .meta({ id: 'BodyWeight', description: 'Body weight: 2–400 kg or 4.41–881.84 lb.' });

/** Standing height: 45–250 cm, or 17.72–98.42 in (45 / 2.54 = 17.716…, 250 / 2.54 = 98.425…). */
export const BodyHeight = z
  .discriminatedUnion('unit', [
    z.strictObject({
      value: z.number().min(HUMAN.heightCm.min).max(HUMAN.heightCm.max),
      unit: z.literal('cm'),
    }),
    z.strictObject({ value: z.number().min(17.72).max(98.42), unit: z.literal('in') }),
  ])
  .meta({ id: 'BodyHeight', description: 'Standing height: 45–250 cm or 17.72–98.42 in.' });

/**
 * External load lifted in one set: 0–1000 kg or 0–2204.62 lb (1000 / 0.45359237 = 2204.622…,
 * rounded down). Zero is a bodyweight set; the heaviest recorded lifts are below 600 kg.
 */
export const LiftLoad = z
  .discriminatedUnion('unit', [
    z.strictObject({ value: z.number().min(0).max(1000), unit: z.literal('kg') }),
    z.strictObject({ value: z.number().min(0).max(2204.62), unit: z.literal('lb') }),
  ])
  .meta({ id: 'LiftLoad', description: 'External load of one set: 0–1000 kg or 0–2204.62 lb.' });

export type BodyWeightT = z.infer<typeof BodyWeight>;
export type BodyHeightT = z.infer<typeof BodyHeight>;
export type LiftLoadT = z.infer<typeof LiftLoad>;
