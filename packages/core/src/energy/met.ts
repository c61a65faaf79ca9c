import { checkNumber, checkObject, HUMAN, type NumberRange } from '../_check';

/**
 * Accepted MET values. The 2011 Compendium's values run from 0.95 (sleeping) to the low 20s
 * (the fastest running codes); [0.9, 25] keeps all of them and rejects nonsense.
 */
export const MET_RANGE = { min: 0.9, max: 25, unit: 'MET' } as const satisfies NumberRange;
const MINUTES: NumberRange = { min: 0, max: 1440, unit: 'min' };

/** Input of the MET energy functions. */
export interface MetInput {
  /** Metabolic equivalent of the activity (0.9–25), e.g. from the Compendium. */
  readonly met: number;
  /** Body weight, kg (2–400). */
  readonly weightKg: number;
  /** Duration, minutes (0–1440). */
  readonly minutes: number;
}

function read(fn: string, input: unknown): MetInput {
  const o = checkObject(fn, 'input', input);
  return {
    met: checkNumber(fn, 'met', o['met'], MET_RANGE),
    weightKg: checkNumber(fn, 'weightKg', o['weightKg'], HUMAN.weightKg),
    minutes: checkNumber(fn, 'minutes', o['minutes'], MINUTES),
  };
}

/**
 * Gross energy of an activity from its MET value: `MET × kg × hours`, kcal.
 *
 * Convention: 1 MET ≡ 1 kcal·kg⁻¹·h⁻¹ (≈ 3.5 mL O₂·kg⁻¹·min⁻¹), as in the Compendium. Gross
 * includes the resting energy the person would have spent anyway; see {@link metNetKcal}.
 *
 * Reference: Ainsworth BE, Haskell WL, Herrmann SD, et al. 2011 Compendium of Physical
 * Activities: a second update of codes and MET values. Med Sci Sports Exerc.
 * 2011;43(8):1575–1581. doi:10.1249/MSS.0b013e31821ece12
 *
 * @param input.met MET value (0.9–25)
 * @param input.weightKg body weight, kg (2–400)
 * @param input.minutes duration, min (0–1440)
 * @returns gross energy expenditure, kcal
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example metGrossKcal({ met: 8, weightKg: 70, minutes: 30 }) // 280
 */
export function metGrossKcal(input: MetInput): number {
  const { met, weightKg, minutes } = read('metGrossKcal', input);
  return met * weightKg * (minutes / 60);
}

/**
 * Energy of an activity above rest: `(MET − 1) × kg × hours`, kcal, with the same convention as
 * {@link metGrossKcal}. Use this when adding exercise to a TDEE that already counts resting
 * energy for those minutes. Activities below 1 MET (sleep, 0.9–0.95) give a small negative value.
 *
 * Reference: Ainsworth BE, et al. Med Sci Sports Exerc. 2011;43(8):1575–1581.
 *
 * @param input.met MET value (0.9–25)
 * @param input.weightKg body weight, kg (2–400)
 * @param input.minutes duration, min (0–1440)
 * @returns net (above-rest) energy expenditure, kcal
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example metNetKcal({ met: 8, weightKg: 70, minutes: 30 }) // 245
 */
export function metNetKcal(input: MetInput): number {
  const { met, weightKg, minutes } = read('metNetKcal', input);
  return (met - 1) * weightKg * (minutes / 60);
}

/**
 * MET-minutes, the dose unit of physical-activity guidelines: `MET × minutes`.
 *
 * Reference: Ainsworth BE, et al. Med Sci Sports Exerc. 2011;43(8):1575–1581; U.S. Department of
 * Health and Human Services. Physical Activity Guidelines for Americans, 2nd ed. 2018
 * (500–1000 MET-min/week).
 *
 * @param input.met MET value (0.9–25)
 * @param input.minutes duration, min (0–1440)
 * @returns MET-minutes
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example metMinutes({ met: 4, minutes: 150 }) // 600
 */
export function metMinutes(input: { readonly met: number; readonly minutes: number }): number {
  const o = checkObject('metMinutes', 'input', input);
  return (
    checkNumber('metMinutes', 'met', o['met'], MET_RANGE) *
    checkNumber('metMinutes', 'minutes', o['minutes'], MINUTES)
  );
}
