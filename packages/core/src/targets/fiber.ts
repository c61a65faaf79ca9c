import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { NexFitraError } from '../errors';
import { SEXES, type SexT } from '../schemas/vocab';

/**
 * Dietary fiber targets. Reference: Institute of Medicine. Dietary Reference Intakes for Energy,
 * Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids. Washington DC:
 * National Academies Press; 2005, ch. 7. The adequate intake (AI) is set at 14 g of total fiber
 * per 1,000 kcal, applied to median energy intakes, which gives the age/sex AIs below.
 */
export const FIBER_G_PER_1000_KCAL = 14;

/**
 * Fiber AI bands, g/d (IOM 2005 DRI). Ages are completed years; each band owns its lower bound
 * (age 3.9 is in 1–3, age 4 in 4–8, age 50.9 in 19–50, age 51 in 51+). Under 1 year no AI is set.
 */
export const FIBER_AI_BANDS = [
  { minAge: 1, maxAge: 4, male: 19, female: 19 },
  { minAge: 4, maxAge: 9, male: 25, female: 25 },
  { minAge: 9, maxAge: 14, male: 31, female: 26 },
  { minAge: 14, maxAge: 19, male: 38, female: 26 },
  { minAge: 19, maxAge: 51, male: 38, female: 25 },
  { minAge: 51, maxAge: Number.POSITIVE_INFINITY, male: 30, female: 21 },
] as const;
/** AI during pregnancy and lactation, g/d (IOM 2005; same for ages 14–50). */
export const FIBER_AI_PREGNANCY_G = 28;
export const FIBER_AI_LACTATION_G = 29;

/**
 * Fiber for an energy intake on the 14 g/1,000 kcal basis.
 * @param energyKcal energy intake, kcal/d (0–10,000)
 * @example fiberForEnergy(2000) // 28
 */
export function fiberForEnergy(energyKcal: number): number {
  const kcal = checkNumber('fiberForEnergy', 'energyKcal', energyKcal, {
    min: 0,
    max: 10000,
    unit: 'kcal/d',
  });
  return (FIBER_G_PER_1000_KCAL * kcal) / 1000;
}

export interface FiberAiInput {
  readonly ageYears: number;
  readonly sex: SexT;
  readonly pregnant?: boolean;
  readonly lactating?: boolean;
}

/**
 * The DRI adequate intake of total fiber, g/d, by age and sex (and pregnancy/lactation).
 * @throws {NexFitraError} `OUT_OF_RANGE` under 1 year (no AI set); `INCONSISTENT` for a male
 *   marked pregnant or lactating
 * @example fiberAdequateIntake({ ageYears: 30, sex: 'male' }) // 38
 * @example fiberAdequateIntake({ ageYears: 60, sex: 'female' }) // 21
 */
export function fiberAdequateIntake(input: FiberAiInput): number {
  const fn = 'fiberAdequateIntake';
  checkObject(fn, 'input', input);
  const ageYears = checkNumber(fn, 'ageYears', input.ageYears, { ...HUMAN.ageYears, min: 1 });
  const sex = checkEnum(fn, 'sex', input.sex, SEXES);
  for (const field of ['pregnant', 'lactating'] as const) {
    const v = input[field];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: [field], value: v, allowed: 'a boolean' });
    }
    if (v === true && sex === 'male') {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: [field],
        value: v,
        allowed: "false or absent when sex is 'male'",
      });
    }
  }
  // Lactation takes precedence: its AI is the higher of the two.
  if (input.lactating) return FIBER_AI_LACTATION_G;
  if (input.pregnant) return FIBER_AI_PREGNANCY_G;
  const band = FIBER_AI_BANDS.find((b) => ageYears >= b.minAge && ageYears < b.maxAge)!;
  return band[sex];
}
