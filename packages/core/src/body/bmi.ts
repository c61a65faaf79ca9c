import { checkNumber, HUMAN } from '../_check';

/**
 * Body mass index: weight in kilograms divided by the square of height in metres.
 *
 * Reference: World Health Organization. Obesity: preventing and managing the global epidemic.
 * Report of a WHO consultation. WHO Technical Report Series 894. Geneva: WHO; 2000 (Table 2.1).
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.heightCm standing height, cm (45–250)
 * @returns BMI in kg/m²
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example bmi({ weightKg: 70, heightCm: 175 }) // 22.857142857142858
 */
export function bmi(input: { readonly weightKg: number; readonly heightCm: number }): number {
  const weightKg = checkNumber('bmi', 'weightKg', input?.weightKg, HUMAN.weightKg);
  const heightM = checkNumber('bmi', 'heightCm', input?.heightCm, HUMAN.heightCm) / 100;
  return weightKg / (heightM * heightM);
}

/** WHO adult BMI classes (TRS 894, Table 2.1), lower bound inclusive. */
export const BMI_CLASSES = [
  { id: 'underweight', min: 0, max: 18.5 },
  { id: 'normal', min: 18.5, max: 25 },
  { id: 'pre-obese', min: 25, max: 30 },
  { id: 'obese-class-1', min: 30, max: 35 },
  { id: 'obese-class-2', min: 35, max: 40 },
  { id: 'obese-class-3', min: 40, max: Number.POSITIVE_INFINITY },
] as const;
export type BmiClass = (typeof BMI_CLASSES)[number]['id'];

/**
 * The WHO adult class of a BMI value; each class owns its lower bound (18.5 is `normal`).
 * @example bmiClass(22.86) // 'normal'
 */
export function bmiClass(bmiValue: number): BmiClass {
  const v = checkNumber('bmiClass', 'bmi', bmiValue, { min: 5, max: 150, unit: 'kg/m²' });
  return BMI_CLASSES.find((c) => v >= c.min && v < c.max)!.id;
}
