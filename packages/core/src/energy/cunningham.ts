import { checkNumber, checkObject } from '../_check';
import { LEAN_MASS_KG } from '../body/leanMass';
import type { LeanMassBmrInput } from './katchMcArdle';

/**
 * Resting metabolic rate by Cunningham: `500 + 22 × lean body mass (kg)`, kcal/day, for either sex.
 *
 * Cunningham re-analysed the Harris–Benedict subjects and found lean body mass alone explained
 * resting metabolism, with no independent effect of age or sex.
 *
 * Reference: Cunningham JJ. A reanalysis of the factors influencing basal metabolic rate in
 * normal adults. Am J Clin Nutr. 1980;33(11):2372–2374. doi:10.1093/ajcn/33.11.2372
 *
 * @param input.leanMassKg fat-free mass, kg (10–150); see `leanMassKg`
 * @returns resting metabolic rate, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming `leanMassKg`
 * @example cunningham({ leanMassKg: 60 }) // 1820
 */
export function cunningham(input: LeanMassBmrInput): number {
  const o = checkObject('cunningham', 'input', input);
  return 500 + 22 * checkNumber('cunningham', 'leanMassKg', o['leanMassKg'], LEAN_MASS_KG);
}
