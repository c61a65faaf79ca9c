import { type BmrInput, positiveBmr, readBmrInput } from './_input';

/**
 * Resting energy expenditure by Mifflin–St Jeor:
 * `10·kg + 6.25·cm − 5·years + 5` for men and `… − 161` for women, in kcal/day.
 *
 * Fitted by indirect calorimetry on 498 healthy adults aged 19–78 y, normal-weight and obese.
 *
 * Reference: Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO. A new predictive
 * equation for resting energy expenditure in healthy individuals. Am J Clin Nutr.
 * 1990;51(2):241–247. doi:10.1093/ajcn/51.2.241
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.heightCm standing height, cm (45–250)
 * @param input.ageYears age, years (18–120)
 * @param input.sex `'male'` or `'female'`
 * @returns resting energy expenditure, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when the combination gives a BMR ≤ 0 (e.g. 2 kg, 45 cm, 120 y)
 * @example mifflinStJeor({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' }) // 1648.75
 */
export function mifflinStJeor(input: BmrInput): number {
  const i = readBmrInput('mifflinStJeor', input);
  const kcal = 10 * i.weightKg + 6.25 * i.heightCm - 5 * i.ageYears + (i.sex === 'male' ? 5 : -161);
  return positiveBmr('mifflinStJeor', i, kcal);
}
