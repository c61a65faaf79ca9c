import { checkNumber, checkObject, HUMAN } from '../_check';
import { LEAN_MASS_KG } from './leanMass';

/** Input of {@link ffmi} and {@link normalizedFfmi}. */
export interface FfmiInput {
  /** Fat-free mass, kg (10–150); see `leanMassKg`. */
  readonly leanMassKg: number;
  /** Standing height, cm (45–250). */
  readonly heightCm: number;
}

function read(fn: string, input: unknown): { leanMassKg: number; heightM: number } {
  const o = checkObject(fn, 'input', input);
  return {
    leanMassKg: checkNumber(fn, 'leanMassKg', o['leanMassKg'], LEAN_MASS_KG),
    heightM: checkNumber(fn, 'heightCm', o['heightCm'], HUMAN.heightCm) / 100,
  };
}

/**
 * Fat-free mass index: fat-free mass (kg) divided by height (m) squared, kg/m².
 *
 * Reference: Kouri EM, Pope HG Jr, Katz DL, Oliva P. Fat-free mass index in users and nonusers of
 * anabolic-androgenic steroids. Clin J Sport Med. 1995;5(4):223–228.
 * doi:10.1097/00042752-199510000-00003
 *
 * @param input.leanMassKg fat-free mass, kg (10–150)
 * @param input.heightCm height, cm (45–250)
 * @returns FFMI, kg/m²
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example ffmi({ leanMassKg: 65, heightCm: 170 }) // 22.49134948096886
 */
export function ffmi(input: FfmiInput): number {
  const { leanMassKg, heightM } = read('ffmi', input);
  return leanMassKg / (heightM * heightM);
}

/**
 * FFMI normalised to a height of 1.8 m: `FFMI + 6.1 × (1.8 − height m)`, kg/m². Kouri et al.
 * fitted the 6.1 slope because FFMI rises slightly with height among their non-users; about 25
 * was the highest normalised FFMI they saw in men who had not used steroids.
 *
 * Reference: Kouri EM, Pope HG Jr, Katz DL, Oliva P. Clin J Sport Med. 1995;5(4):223–228.
 *
 * @param input.leanMassKg fat-free mass, kg (10–150)
 * @param input.heightCm height, cm (45–250)
 * @returns normalised FFMI, kg/m²
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example normalizedFfmi({ leanMassKg: 65, heightCm: 170 }) // ≈ 23.1013
 */
export function normalizedFfmi(input: FfmiInput): number {
  const { leanMassKg, heightM } = read('normalizedFfmi', input);
  return leanMassKg / (heightM * heightM) + 6.1 * (1.8 - heightM);
}
