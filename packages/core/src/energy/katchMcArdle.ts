import { checkNumber, checkObject } from '../_check';
import { LEAN_MASS_KG } from '../body/leanMass';

/** Input of the lean-mass BMR equations. */
export interface LeanMassBmrInput {
  /** Fat-free (lean) mass, kg (10–150). */
  readonly leanMassKg: number;
}

/**
 * Basal metabolic rate by Katch–McArdle: `370 + 21.6 × lean mass (kg)`, kcal/day, for either sex.
 *
 * References: McArdle WD, Katch FI, Katch VL. Exercise Physiology: Nutrition, Energy, and Human
 * Performance. 7th ed. Baltimore: Lippincott Williams & Wilkins; 2010 (chapter on energy
 * expenditure at rest), after Katch & McArdle's earlier editions. — The same line is the general
 * equation of Cunningham's later synthetic review, which is its peer-reviewed source and is often
 * what "Cunningham" means in validation studies (not to be confused with his 1980 `500 + 22 × LBM`,
 * see `cunningham`): Cunningham JJ. Body composition as a determinant of energy expenditure: a
 * synthetic review and a proposed general prediction equation. Am J Clin Nutr.
 * 1991;54(6):963–969. doi:10.1093/ajcn/54.6.963
 *
 * @param input.leanMassKg fat-free mass, kg (10–150); see `leanMassKg`
 * @returns basal metabolic rate, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming `leanMassKg`
 * @example katchMcArdle({ leanMassKg: 60 }) // 1666
 */
export function katchMcArdle(input: LeanMassBmrInput): number {
  const o = checkObject('katchMcArdle', 'input', input);
  return 370 + 21.6 * checkNumber('katchMcArdle', 'leanMassKg', o['leanMassKg'], LEAN_MASS_KG);
}
