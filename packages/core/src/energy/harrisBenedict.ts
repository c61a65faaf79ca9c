import type { SexT } from '../schemas/vocab';
import { type BmrInput, positiveBmr, readBmrInput } from './_input';

interface Coefficients {
  readonly intercept: number;
  readonly weight: number;
  readonly height: number;
  readonly age: number;
}

/**
 * Harris & Benedict (1919) coefficients, kcal/day with kg, cm, years.
 *
 * Typos of these circulate widely (13.75116 or 13.75 for 13.7516, 5.033 for 5.0033, 666.4730 for
 * 66.4730, an added instead of subtracted age term); these are the values printed in the
 * monograph and reproduced digit for digit by Roza & Shizgal 1984 and by the Maastricht UMC+
 * nutritional-assessment pages.
 */
export const HARRIS_BENEDICT_1919: Readonly<Record<SexT, Coefficients>> = Object.freeze({
  male: { intercept: 66.473, weight: 13.7516, height: 5.0033, age: 6.755 },
  female: { intercept: 655.0955, weight: 9.5634, height: 1.8496, age: 4.6756 },
});

/** Roza & Shizgal (1984) re-fit of the Harris–Benedict data (337 subjects), kcal/day. */
export const ROZA_SHIZGAL_1984: Readonly<Record<SexT, Coefficients>> = Object.freeze({
  male: { intercept: 88.362, weight: 13.397, height: 4.799, age: 5.677 },
  female: { intercept: 447.593, weight: 9.247, height: 3.098, age: 4.33 },
});

function apply(c: Coefficients, i: BmrInput): number {
  return c.intercept + c.weight * i.weightKg + c.height * i.heightCm - c.age * i.ageYears;
}

/**
 * Basal metabolism by the original Harris–Benedict equations, kcal/day:
 * men `66.4730 + 13.7516·kg + 5.0033·cm − 6.7550·years`,
 * women `655.0955 + 9.5634·kg + 1.8496·cm − 4.6756·years`.
 *
 * Reference: Harris JA, Benedict FG. A Biometric Study of Basal Metabolism in Man. Washington, DC:
 * Carnegie Institution of Washington; 1919. Publication No. 279.
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.heightCm standing height, cm (45–250)
 * @param input.ageYears age, years (18–120)
 * @param input.sex `'male'` or `'female'`
 * @returns basal metabolic rate, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when the combination gives a BMR ≤ 0
 * @example harrisBenedict1919({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' }) // 1702.0125
 */
export function harrisBenedict1919(input: BmrInput): number {
  const i = readBmrInput('harrisBenedict1919', input);
  return positiveBmr('harrisBenedict1919', i, apply(HARRIS_BENEDICT_1919[i.sex], i));
}

/**
 * Resting energy expenditure by the Harris–Benedict equations as re-fitted by Roza & Shizgal,
 * kcal/day: men `88.362 + 13.397·kg + 4.799·cm − 5.677·years`,
 * women `447.593 + 9.247·kg + 3.098·cm − 4.330·years`.
 *
 * Reference: Roza AM, Shizgal HM. The Harris Benedict equation reevaluated: resting energy
 * requirements and the body cell mass. Am J Clin Nutr. 1984;40(1):168–182.
 * doi:10.1093/ajcn/40.1.168
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.heightCm standing height, cm (45–250)
 * @param input.ageYears age, years (18–120)
 * @param input.sex `'male'` or `'female'`
 * @returns resting energy expenditure, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when the combination gives a BMR ≤ 0
 * @example rozaShizgal1984({ weightKg: 60, heightCm: 160, ageYears: 25, sex: 'female' }) // 1389.843
 */
export function rozaShizgal1984(input: BmrInput): number {
  const i = readBmrInput('rozaShizgal1984', input);
  return positiveBmr('rozaShizgal1984', i, apply(ROZA_SHIZGAL_1984[i.sex], i));
}
