import { VEGETARIAN_IRON_FACTOR } from '../nutrition/dri';
import type { DietTypeT, SexT } from '../schemas/vocab';

/**
 * @internal Adult (19+) Dietary Reference Intakes for the micronutrients the foods catalogue
 * carries in units that compare directly (RDA, or AI where no RDA is set), per day:
 *
 * - Calcium (mg) and vitamin D (IU; 1 µg = 40 IU): IOM. Dietary Reference Intakes for Calcium
 *   and Vitamin D. Washington DC: National Academies Press; 2011. Calcium 1,000 mg (women 51+
 *   and everyone 71+: 1,200); vitamin D 600 IU (71+: 800).
 * - Iron, zinc (mg): IOM. DRIs for Vitamin A, Vitamin K, Arsenic, Boron, Chromium, Copper, Iodine,
 *   Iron, Manganese, Molybdenum, Nickel, Silicon, Vanadium, and Zinc. NAP; 2001. Iron 8 mg
 *   (women 19–50: 18), × 1.8 for vegetarian and vegan diets (same report, ch. 9: non-heme iron
 *   is less bioavailable); zinc 11 mg men, 8 mg women.
 * - Magnesium (mg): IOM. DRIs for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride. NAP;
 *   1997. Men 400 (19–30) / 420 (31+); women 310 / 320.
 * - Vitamin C (mg): IOM. DRIs for Vitamin C, Vitamin E, Selenium, and Carotenoids. NAP; 2000.
 *   Men 90, women 75.
 * - Vitamin B12 (µg): IOM. DRIs for Thiamin, …, Vitamin B12, Pantothenic Acid, Biotin, and
 *   Choline. NAP; 1998. 2.4 µg.
 * - Potassium AI (mg) and the sodium Chronic Disease Risk Reduction intake (mg, an upper
 *   reference): NASEM. Dietary Reference Intakes for Sodium and Potassium. NAP; 2019. Potassium
 *   3,400 men, 2,600 women; sodium: reduce intakes above 2,300 mg.
 *
 * Left out on purpose: vitamin A (the data is in IU, and IU → µg RAE depends on the source:
 * retinol or carotenoids) and folate (the data is total food folate, not µg DFE).
 */
export interface MicronutrientReference {
  /** Key in the food data's `micronutrients` map. */
  readonly key: string;
  readonly name: string;
  readonly unit: string;
  /** `min`: the intake should reach `amount` (RDA/AI); `max`: it should stay under (CDRR). */
  readonly kind: 'min' | 'max';
  readonly amount: number;
  readonly source: string;
}

/** Age from which the adult values below apply; younger people, pregnancy and lactation are not covered. */
export const DRI_ADULT_AGE = 19;

export function adultMicronutrientReferences(
  sex: SexT,
  ageYears: number,
  diet?: DietTypeT,
): MicronutrientReference[] {
  const male = sex === 'male';
  const veg = diet === 'vegetarian' || diet === 'vegan';
  const iron = Math.round((!male && ageYears < 51 ? 18 : 8) * (veg ? VEGETARIAN_IRON_FACTOR : 1) * 10) / 10;
  const ref = (
    key: string,
    name: string,
    unit: string,
    amount: number,
    source: string,
    kind: 'min' | 'max' = 'min',
  ) => ({
    key,
    name,
    unit,
    kind,
    amount,
    source,
  });
  return [
    ref(
      'calcium_mg',
      'calcium',
      'mg',
      ageYears >= 71 || (!male && ageYears >= 51) ? 1200 : 1000,
      'IOM 2011 RDA',
    ),
    ref('vitamin_d_iu', 'vitamin D', 'IU', ageYears >= 71 ? 800 : 600, 'IOM 2011 RDA'),
    ref('iron_mg', 'iron', 'mg', iron, veg ? 'IOM 2001 RDA × 1.8 (vegetarian)' : 'IOM 2001 RDA'),
    ref('zinc_mg', 'zinc', 'mg', male ? 11 : 8, 'IOM 2001 RDA'),
    ref(
      'magnesium_mg',
      'magnesium',
      'mg',
      male ? (ageYears < 31 ? 400 : 420) : ageYears < 31 ? 310 : 320,
      'IOM 1997 RDA',
    ),
    ref('vitamin_c_mg', 'vitamin C', 'mg', male ? 90 : 75, 'IOM 2000 RDA'),
    ref('vitamin_b12_ug', 'vitamin B12', 'µg', 2.4, 'IOM 1998 RDA'),
    ref('potassium_mg', 'potassium', 'mg', male ? 3400 : 2600, 'NASEM 2019 AI'),
    ref('sodium_mg', 'sodium', 'mg', 2300, 'NASEM 2019 CDRR', 'max'),
  ];
}
