import { checkEnum, checkNumber, checkObject, type NumberRange } from '../_check';
import { NexFitraError } from '../errors';
import { SEXES, type SexT } from '../schemas/vocab';

/** Tape measurements in centimetres for {@link navyBodyFat}. */
export interface NavyInputCm {
  readonly sex: SexT;
  /** Standing height, cm (120–250). */
  readonly heightCm: number;
  /** Neck circumference below the larynx, cm (20–80). */
  readonly neckCm: number;
  /** Waist: men at the navel, women at the narrowest point, cm (40–250). */
  readonly waistCm: number;
  /** Hip at the widest point of the buttocks, cm (50–250); required for women. */
  readonly hipCm?: number;
}

/** Tape measurements in inches for {@link navyBodyFatInches}. */
export interface NavyInputIn {
  readonly sex: SexT;
  /** Standing height, in (47–99). */
  readonly heightIn: number;
  /** Neck circumference, in (8–32). */
  readonly neckIn: number;
  /** Waist circumference, in (16–99). */
  readonly waistIn: number;
  /** Hip circumference, in (20–99); required for women. */
  readonly hipIn?: number;
}

// Adult ranges; the inch bounds are the centimetre bounds divided by 2.54 and rounded outwards.
const CM = {
  height: { min: 120, max: 250, unit: 'cm' },
  neck: { min: 20, max: 80, unit: 'cm' },
  waist: { min: 40, max: 250, unit: 'cm' },
  hip: { min: 50, max: 250, unit: 'cm' },
} as const satisfies Record<string, NumberRange>;
const IN = {
  height: { min: 47, max: 99, unit: 'in' },
  neck: { min: 8, max: 32, unit: 'in' },
  waist: { min: 16, max: 99, unit: 'in' },
  hip: { min: 20, max: 99, unit: 'in' },
} as const satisfies Record<string, NumberRange>;

interface Tape {
  sex: SexT;
  height: number;
  neck: number;
  waist: number;
  hip: number | undefined;
}

function readTape(fn: string, input: unknown, u: 'Cm' | 'In'): Tape {
  const o = checkObject(fn, 'input', input);
  const r = u === 'Cm' ? CM : IN;
  const sex = checkEnum(fn, 'sex', o['sex'], SEXES);
  const height = checkNumber(fn, `height${u}`, o[`height${u}`], r.height);
  const neck = checkNumber(fn, `neck${u}`, o[`neck${u}`], r.neck);
  const waist = checkNumber(fn, `waist${u}`, o[`waist${u}`], r.waist);
  // Men's equations ignore the hip, but a hip that is given must still be a valid number.
  const rawHip = o[`hip${u}`];
  const hip =
    sex === 'female' || rawHip !== undefined ? checkNumber(fn, `hip${u}`, rawHip, r.hip) : undefined;
  const girth = sex === 'male' ? waist - neck : waist + (hip ?? 0) - neck;
  if (girth <= 0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: [`waist${u}`],
      value: waist,
      allowed:
        sex === 'male'
          ? `a waist larger than the neck (${neck} ${u.toLowerCase()})`
          : `waist + hip larger than the neck (${neck} ${u.toLowerCase()})`,
    });
  }
  return { sex, height, neck, waist, hip };
}

/** A regression can leave [0, 100] % for measurements outside its data; say so instead. */
function plausible(fn: string, u: 'Cm' | 'In', t: Tape, percent: number): number {
  if (percent > 0 && percent < 100) return percent;
  throw new NexFitraError({
    code: 'INCONSISTENT',
    fn,
    path: [`waist${u}`],
    value: t.waist,
    allowed: `measurements for which the Navy equation gives a body fat in (0, 100) %; got ${percent.toFixed(1)} %`,
  });
}

/**
 * US Navy circumference body-fat estimate, centimetre form (Hodgdon & Beckett's body-density
 * equations through Siri's `495 / density − 450`):
 * men `495 / (1.0324 − 0.19077·log10(waist − neck) + 0.15456·log10(height)) − 450`,
 * women `495 / (1.29579 − 0.35004·log10(waist + hip − neck) + 0.22100·log10(height)) − 450`.
 *
 * The inch form ({@link navyBodyFatInches}) has different constants; feeding centimetres to it,
 * or inches to this, is the classic bug. For the same person the two forms differ by at most
 * ~1.3 percentage points over adult measurements (measured in the tests).
 *
 * References: Hodgdon JA, Beckett MB. Prediction of percent body fat for U.S. Navy men from body
 * circumferences and height. Report No. 84-11. San Diego: Naval Health Research Center; 1984. —
 * Hodgdon JA, Beckett MB. Prediction of percent body fat for U.S. Navy women from body
 * circumferences and height. Report No. 84-29. San Diego: Naval Health Research Center; 1984.
 *
 * @param input.sex `'male'` or `'female'`
 * @param input.heightCm height, cm (120–250)
 * @param input.neckCm neck, cm (20–80)
 * @param input.waistCm waist, cm (40–250)
 * @param input.hipCm hip, cm (50–250), women only
 * @returns body fat, % of body weight
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when waist ≤ neck (men), waist + hip ≤ neck (women) or the estimate leaves (0, 100)
 * @example navyBodyFat({ sex: 'male', heightCm: 178, neckCm: 40, waistCm: 86 }) // ≈ 15.654
 */
export function navyBodyFat(input: NavyInputCm): number {
  const fn = 'navyBodyFat';
  const t = readTape(fn, input, 'Cm');
  const density =
    t.sex === 'male'
      ? 1.0324 - 0.19077 * Math.log10(t.waist - t.neck) + 0.15456 * Math.log10(t.height)
      : 1.29579 - 0.35004 * Math.log10(t.waist + t.hip! - t.neck) + 0.221 * Math.log10(t.height);
  return plausible(fn, 'Cm', t, 495 / density - 450);
}

/**
 * US Navy circumference body-fat estimate, inch form:
 * men `86.010·log10(waist − neck) − 70.041·log10(height) + 36.76`,
 * women `163.205·log10(waist + hip − neck) − 97.684·log10(height) − 78.387`, all in inches.
 *
 * References: Hodgdon JA, Beckett MB. NHRC Reports 84-11 (men) and 84-29 (women), 1984; the inch
 * equations as used by the US Navy physical readiness program (OPNAVINST 6110.1 series).
 *
 * @param input.sex `'male'` or `'female'`
 * @param input.heightIn height, in (47–99)
 * @param input.neckIn neck, in (8–32)
 * @param input.waistIn waist, in (16–99)
 * @param input.hipIn hip, in (20–99), women only
 * @returns body fat, % of body weight
 * @throws {NexFitraError} as {@link navyBodyFat}
 * @example navyBodyFatInches({ sex: 'male', heightIn: 70, neckIn: 15, waistIn: 34 }) // ≈ 17.513
 */
export function navyBodyFatInches(input: NavyInputIn): number {
  const fn = 'navyBodyFatInches';
  const t = readTape(fn, input, 'In');
  const percent =
    t.sex === 'male'
      ? 86.01 * Math.log10(t.waist - t.neck) - 70.041 * Math.log10(t.height) + 36.76
      : 163.205 * Math.log10(t.waist + t.hip! - t.neck) - 97.684 * Math.log10(t.height) - 78.387;
  return plausible(fn, 'In', t, percent);
}
