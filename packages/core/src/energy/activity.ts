import { checkEnum, checkNumber, checkObject } from '../_check';
import { ACTIVITY_LEVELS, type ActivityLevelT } from '../schemas/vocab';

/**
 * The conventional BMR multipliers of fitness calculators: sedentary 1.2, light 1.375,
 * moderate 1.55, active 1.725, very-active 1.9.
 *
 * These five factors have no single experimental source. They circulate as the "Harris–Benedict
 * activity factors" and are usually attributed to McArdle WD, Katch FI, Katch VL. Exercise
 * Physiology: Nutrition, Energy, and Human Performance (Lippincott Williams & Wilkins). Treat them
 * as a convention: the doubly-labelled-water bands below are the measured reference, and the
 * "sedentary" 1.2 sits below the FAO/WHO/UNU sedentary band (1.40–1.69).
 */
export const ACTIVITY_MULTIPLIERS: Readonly<Record<ActivityLevelT, number>> = Object.freeze({
  sedentary: 1.2,
  light: 1.375,
  moderate: 1.55,
  active: 1.725,
  'very-active': 1.9,
});

/**
 * FAO/WHO/UNU 2001 lifestyle classes by physical activity level (PAL = TEE / BMR over 24 h),
 * inclusive bounds as printed: sedentary or light 1.40–1.69, active or moderately active
 * 1.70–1.99, vigorous or vigorously active 2.00–2.40. PALs above 2.40 are hard to sustain.
 *
 * Reference: FAO/WHO/UNU. Human energy requirements. Report of a Joint FAO/WHO/UNU Expert
 * Consultation, Rome 17–24 October 2001. FAO Food and Nutrition Technical Report Series 1. Rome:
 * FAO; 2004 (Table 5.3; §5.4.1 takes 1.85 as the mid-point of the moderately active band).
 * (Table 5.1 of that report is the worked factorial PAL examples, not the classification.)
 */
export const FAO_PAL_BANDS = Object.freeze([
  { id: 'sedentary-or-light', min: 1.4, max: 1.69 },
  { id: 'active-or-moderately-active', min: 1.7, max: 1.99 },
  { id: 'vigorous', min: 2.0, max: 2.4 },
] as const);

/** Range accepted for a physical activity level (multiple of BMR). */
export const PAL_RANGE = { min: 1.0, max: 2.5 } as const;

/**
 * The conventional multiplier of an activity level (see {@link ACTIVITY_MULTIPLIERS}).
 * @throws {NexFitraError} `INVALID_ENUM` unless `level` is one of `ACTIVITY_LEVELS`
 * @example palFor('moderate') // 1.55
 */
export function palFor(level: ActivityLevelT): number {
  return ACTIVITY_MULTIPLIERS[checkEnum('palFor', 'level', level, ACTIVITY_LEVELS)];
}

/**
 * Total daily energy expenditure as BMR × physical activity level, kcal/day.
 *
 * Reference: the factorial method of FAO/WHO/UNU 2001 (FAO Food and Nutrition Technical Report
 * Series 1, 2004, §5.4.1: BMR 1302 kcal × PAL 1.85 ≈ 2410 kcal/day).
 *
 * @param input.bmrKcal basal (or resting) metabolic rate, kcal/day, in (0, 10000]
 * @param input.pal physical activity level, in [1.0, 2.5]; see {@link palFor}
 * @returns total daily energy expenditure, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example tdee({ bmrKcal: 1600, pal: 1.55 }) // 2480
 */
export function tdee(input: { readonly bmrKcal: number; readonly pal: number }): number {
  const o = checkObject('tdee', 'input', input);
  const bmrKcal = checkNumber('tdee', 'bmrKcal', o['bmrKcal'], {
    min: 0,
    minExclusive: true,
    max: 10_000,
    unit: 'kcal/day',
  });
  const pal = checkNumber('tdee', 'pal', o['pal'], PAL_RANGE);
  return bmrKcal * pal;
}
