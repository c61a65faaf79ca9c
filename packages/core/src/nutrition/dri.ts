/**
 * The six nutrients a week of meals is scored and reported on — calcium, iron, magnesium,
 * potassium, vitamin C and fibre — with the person's daily reference intake (RDA, or AI where no
 * RDA is set) by sex and age, from the National Academies' Dietary Reference Intakes:
 *
 * - Calcium: IOM. DRIs for Calcium and Vitamin D. NAP; 2011. 1,000 mg (women 51+ and everyone
 *   71+: 1,200).
 * - Iron: IOM. DRIs for Vitamin A, Vitamin K, …, Iron, …, and Zinc. NAP; 2001. 8 mg (women
 *   19–50: 18). "The requirement for iron is 1.8 times higher for vegetarians" (same report,
 *   ch. 9), applied to vegetarian and vegan diets.
 * - Magnesium: IOM. DRIs for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride. NAP; 1997.
 *   Men 400 (19–30) / 420 mg; women 310 / 320 mg.
 * - Potassium: NASEM. DRIs for Sodium and Potassium. NAP; 2019. AI 3,400 mg men, 2,600 mg women.
 * - Vitamin C: IOM. DRIs for Vitamin C, Vitamin E, Selenium, and Carotenoids. NAP; 2000. Men 90,
 *   women 75 mg (smokers +35 mg, not modelled).
 * - Fibre: IOM. DRIs for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein,
 *   and Amino Acids. NAP; 2005. AI men 38 g (51+: 30), women 25 g (51+: 21).
 *
 * Adult values (19+) are used from 18 years: the planner serves adults only.
 */
import { checkEnum, checkNumber } from '../_check';
import { DIET_TYPES, type DietTypeT, SEXES, type SexT } from '../schemas/vocab';

/** Keys of the food data (`per100g.micronutrients`, and `fiber_g` for `per100g.fiber`). */
export const DRI_NUTRIENT_KEYS = [
  'calcium_mg',
  'iron_mg',
  'magnesium_mg',
  'potassium_mg',
  'vitamin_c_mg',
  'fiber_g',
] as const;
export type DriNutrientKey = (typeof DRI_NUTRIENT_KEYS)[number];

export interface DriReference {
  readonly key: DriNutrientKey;
  readonly name: string;
  readonly unit: 'mg' | 'g';
  /** Daily RDA or AI. */
  readonly amount: number;
  readonly source: string;
}

/** Vegetarians' iron requirement factor (IOM 2001, ch. 9). */
export const VEGETARIAN_IRON_FACTOR = 1.8;

/**
 * The daily references of the six scored nutrients for a person.
 * @example driReferences('female', 30, 'vegan').find((r) => r.key === 'iron_mg')!.amount // 32.4
 */
export function driReferences(sex: SexT, ageYears: number, diet: DietTypeT): DriReference[] {
  const fn = 'driReferences';
  const male = checkEnum(fn, 'sex', sex, SEXES) === 'male';
  checkNumber(fn, 'ageYears', ageYears, { min: 18, max: 120, unit: 'years' });
  const d = checkEnum(fn, 'diet', diet, DIET_TYPES);
  const veg = d === 'vegetarian' || d === 'vegan';
  const iron = (!male && ageYears < 51 ? 18 : 8) * (veg ? VEGETARIAN_IRON_FACTOR : 1);
  return [
    {
      key: 'calcium_mg',
      name: 'calcium',
      unit: 'mg',
      amount: ageYears >= 71 || (!male && ageYears >= 51) ? 1200 : 1000,
      source: 'IOM 2011 RDA',
    },
    {
      key: 'iron_mg',
      name: 'iron',
      unit: 'mg',
      amount: Math.round(iron * 10) / 10,
      source: veg ? 'IOM 2001 RDA × 1.8 (vegetarian)' : 'IOM 2001 RDA',
    },
    {
      key: 'magnesium_mg',
      name: 'magnesium',
      unit: 'mg',
      amount: male ? (ageYears < 31 ? 400 : 420) : ageYears < 31 ? 310 : 320,
      source: 'IOM 1997 RDA',
    },
    {
      key: 'potassium_mg',
      name: 'potassium',
      unit: 'mg',
      amount: male ? 3400 : 2600,
      source: 'NASEM 2019 AI',
    },
    { key: 'vitamin_c_mg', name: 'vitamin C', unit: 'mg', amount: male ? 90 : 75, source: 'IOM 2000 RDA' },
    {
      key: 'fiber_g',
      name: 'fibre',
      unit: 'g',
      amount: male ? (ageYears < 51 ? 38 : 30) : ageYears < 51 ? 25 : 21,
      source: 'IOM 2005 AI',
    },
  ];
}

/** Sodium Chronic Disease Risk Reduction intake: reduce intakes above 2,300 mg/day (NASEM 2019). */
export const SODIUM_CDRR_MG = 2300;

/**
 * Amount of a scored nutrient in `grams` of a food with these nutrients per 100 g; 0 when the
 * food data does not report it (SR24 leaves some micronutrients out).
 */
export function driNutrientAmount(
  per100g: { readonly fiber: number; readonly micronutrients?: Readonly<Record<string, number>> | undefined },
  key: DriNutrientKey,
  grams: number,
): number {
  const v = key === 'fiber_g' ? per100g.fiber : (per100g.micronutrients?.[key] ?? 0);
  return (v * grams) / 100;
}
