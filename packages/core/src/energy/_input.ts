import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { NexFitraError } from '../errors';
import { SEXES, type SexT } from '../schemas/vocab';

/** Input shared by the weight–height–age–sex BMR equations (Mifflin–St Jeor, Harris–Benedict). */
export interface BmrInput {
  /** Body weight, kg (2–400). */
  readonly weightKg: number;
  /** Standing height, cm (45–250). */
  readonly heightCm: number;
  /** Age, years; these equations were fitted on adults, so 18–120. */
  readonly ageYears: number;
  /** Biological sex, `'male'` or `'female'`. */
  readonly sex: SexT;
}

/**
 * @internal Validates a {@link BmrInput} for `fn`, field by field, and returns a plain copy.
 * Age is limited to adults because every equation that uses it was fitted on adults.
 */
export function readBmrInput(fn: string, input: unknown): BmrInput {
  const o = checkObject(fn, 'input', input);
  return {
    weightKg: checkNumber(fn, 'weightKg', o['weightKg'], HUMAN.weightKg),
    heightCm: checkNumber(fn, 'heightCm', o['heightCm'], HUMAN.heightCm),
    ageYears: checkNumber(fn, 'ageYears', o['ageYears'], HUMAN.adultAgeYears),
    sex: checkEnum(fn, 'sex', o['sex'], SEXES),
  };
}

/**
 * @internal Returns an equation's BMR if it is positive, else throws `INCONSISTENT`. Each input
 * can be inside its own range while the combination is outside anything the equation was fitted
 * on (a 2 kg, 45 cm, 120-year-old "adult" gives Mifflin–St Jeor −294 kcal/day); a negative
 * energy is reported, not returned.
 */
export function positiveBmr(fn: string, input: BmrInput, kcal: number): number {
  if (kcal > 0) return kcal;
  throw new NexFitraError({
    code: 'INCONSISTENT',
    fn,
    path: ['weightKg'],
    value: input.weightKg,
    allowed: `a weight, height and age for which the equation gives a positive BMR (got ${kcal.toFixed(1)} kcal/day for ${input.weightKg} kg, ${input.heightCm} cm, ${input.ageYears} y)`,
  });
}
