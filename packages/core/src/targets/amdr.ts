import { checkNumber, checkObject, HUMAN } from '../_check';
import { NexFitraError } from '../errors';
import { KCAL_PER_G } from './macros';

/**
 * Acceptable Macronutrient Distribution Ranges, % of energy. Reference: Institute of Medicine.
 * Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol,
 * Protein, and Amino Acids. Washington DC: National Academies Press; 2005, ch. 11 (Table 11-1).
 * Bands by completed years; each band owns its lower bound (age 4 is in 4–18, 19 is adult).
 */
export const AMDR_BANDS = [
  {
    id: 'children-1-3',
    minAge: 1,
    maxAge: 4,
    protein: [5, 20],
    fat: [30, 40],
    carbohydrate: [45, 65],
  },
  {
    id: 'children-4-18',
    minAge: 4,
    maxAge: 19,
    protein: [10, 30],
    fat: [25, 35],
    carbohydrate: [45, 65],
  },
  {
    id: 'adults',
    minAge: 19,
    maxAge: Number.POSITIVE_INFINITY,
    protein: [10, 35],
    fat: [20, 35],
    carbohydrate: [45, 65],
  },
] as const;

export type AmdrStatus = 'below' | 'within' | 'above';

export interface AmdrCheck {
  /** Share of energy, % (of the energy from protein, fat and carbohydrate at 4/9/4 kcal/g). */
  readonly percent: number;
  readonly min: number;
  readonly max: number;
  /** `within` includes both bounds. */
  readonly status: AmdrStatus;
}

export interface AmdrResult {
  readonly band: (typeof AMDR_BANDS)[number]['id'];
  readonly protein: AmdrCheck;
  readonly fat: AmdrCheck;
  readonly carbohydrate: AmdrCheck;
}

export interface MacroGrams {
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
}

/**
 * Each macro's share of energy against its AMDR. Shares are of the energy the three macros
 * supply (alcohol and fiber are not counted).
 *
 * @param macros grams of protein, fat and carbohydrate (≥ 0, not all 0)
 * @param options.ageYears completed years (≥ 1; default: adult)
 * @example amdrStatus({ proteinG: 100, fatG: 60, carbsG: 265 }).fat // { percent: 27, min: 20, max: 35, status: 'within' }
 */
export function amdrStatus(macros: MacroGrams, options: { readonly ageYears?: number } = {}): AmdrResult {
  const fn = 'amdrStatus';
  checkObject(fn, 'macros', macros);
  checkObject(fn, 'options', options);
  const grams = { min: 0, max: 5000, unit: 'g' } as const;
  const p = checkNumber(fn, ['macros', 'proteinG'], macros.proteinG, grams);
  const f = checkNumber(fn, ['macros', 'fatG'], macros.fatG, grams);
  const c = checkNumber(fn, ['macros', 'carbsG'], macros.carbsG, grams);
  const ageYears =
    options.ageYears === undefined
      ? 30
      : checkNumber(fn, ['options', 'ageYears'], options.ageYears, { ...HUMAN.ageYears, min: 1 });
  const total = p * KCAL_PER_G.protein + f * KCAL_PER_G.fat + c * KCAL_PER_G.carbohydrate;
  if (total === 0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: ['macros'],
      value: macros,
      allowed: 'at least one macro above 0 g',
    });
  }
  const band = AMDR_BANDS.find((b) => ageYears >= b.minAge && ageYears < b.maxAge)!;
  const check = (kcal: number, [min, max]: readonly [number, number]): AmdrCheck => {
    const percent = (100 * kcal) / total;
    // Compare at 1e-9 % so a share that is exactly a bound in decimal (20 %) is not lost to binary.
    const q = Math.round(percent * 1e9) / 1e9;
    return { percent, min, max, status: q < min ? 'below' : q > max ? 'above' : 'within' };
  };
  return {
    band: band.id,
    protein: check(p * KCAL_PER_G.protein, band.protein),
    fat: check(f * KCAL_PER_G.fat, band.fat),
    carbohydrate: check(c * KCAL_PER_G.carbohydrate, band.carbohydrate),
  };
}
