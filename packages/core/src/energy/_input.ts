import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
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
