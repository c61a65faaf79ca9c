import { checkNumber, checkObject, HUMAN, type NumberRange } from '../_check';

/**
 * @internal Plausible adult lean (fat-free) mass, kg. The lean-mass equations (Katch–McArdle,
 * Cunningham, FFMI) were fitted on adults; 150 kg is above the heaviest fat-free masses reported
 * for strength athletes, 10 kg far below any adult's.
 */
export const LEAN_MASS_KG = { min: 10, max: 150, unit: 'kg' } as const satisfies NumberRange;

/** Weight and body-fat percentage, the input of {@link leanMassKg} and {@link fatMassKg}. */
export interface BodyCompositionInput {
  /** Body weight, kg (2–400). */
  readonly weightKg: number;
  /** Body fat as a percentage of body weight (2–70 %). */
  readonly bodyFatPercent: number;
}

function read(fn: string, input: unknown): BodyCompositionInput {
  const o = checkObject(fn, 'input', input);
  return {
    weightKg: checkNumber(fn, 'weightKg', o['weightKg'], HUMAN.weightKg),
    bodyFatPercent: checkNumber(fn, 'bodyFatPercent', o['bodyFatPercent'], HUMAN.bodyFatPercent),
  };
}

/**
 * Lean (fat-free) mass from the two-compartment model: `kg × (1 − fat% / 100)`.
 *
 * Reference: the two-compartment (fat mass + fat-free mass) model, e.g. Siri WE. Body composition
 * from fluid spaces and density: analysis of methods. In: Brozek J, Henschel A, eds. Techniques
 * for Measuring Body Composition. Washington, DC: National Academy of Sciences; 1961:223–244.
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.bodyFatPercent body fat, % of weight (2–70)
 * @returns fat-free mass, kg
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example leanMassKg({ weightKg: 80, bodyFatPercent: 20 }) // 64
 */
export function leanMassKg(input: BodyCompositionInput): number {
  const { weightKg, bodyFatPercent } = read('leanMassKg', input);
  return weightKg * (1 - bodyFatPercent / 100);
}

/**
 * Fat mass from the two-compartment model: `kg × fat% / 100` (the complement of
 * {@link leanMassKg}).
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.bodyFatPercent body fat, % of weight (2–70)
 * @returns fat mass, kg
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example fatMassKg({ weightKg: 80, bodyFatPercent: 20 }) // 16
 */
export function fatMassKg(input: BodyCompositionInput): number {
  const { weightKg, bodyFatPercent } = read('fatMassKg', input);
  return (weightKg * bodyFatPercent) / 100;
}
