import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { SEXES, type SexT } from '../schemas/vocab';
import { KJ_PER_KCAL } from '../units/index';

/**
 * The two coefficient sets published under Schofield's name, by name:
 * - `'fao-who-unu-1985'`: the rounded kcal/day lines of the FAO/WHO/UNU 1985 report (WHO TRS 724,
 *   Table 5), e.g. men 18–30 y `15.3·kg + 679`;
 * - `'schofield-1985'`: Schofield's own equations, published in MJ/day (Schofield 1985, re-adopted
 *   by FAO/WHO/UNU 2001, Table 5.2), e.g. women 18–30 y `0.062·kg + 2.036`; the FAO 2001 worked
 *   example (woman 20–30 y, 55 kg → 5.45 MJ, 1,302 kcal/day) uses this set.
 * Within a set, the kcal and MJ forms are one equation (1 kcal = 4.184 kJ).
 */
export const SCHOFIELD_SETS = ['fao-who-unu-1985', 'schofield-1985'] as const;
export type SchofieldSet = (typeof SCHOFIELD_SETS)[number];

/** One weight-only line, `perKg × kg + intercept`. */
interface Line {
  readonly perKg: number;
  readonly intercept: number;
}

/** An age band of the Schofield / FAO–WHO–UNU 1985 equations; it owns `[minAge, maxAge)`. */
export interface SchofieldBand {
  readonly id: '0-3' | '3-10' | '10-18' | '18-30' | '30-60' | '60+';
  readonly minAge: number;
  readonly maxAge: number;
  /** kcal/day, FAO/WHO/UNU 1985 (WHO TRS 724) Table 5. */
  readonly kcal: Readonly<Record<SexT, Line>>;
  /** MJ/day, Schofield 1985 as reproduced in FAO/WHO/UNU 2001 Table 5.2. */
  readonly mj: Readonly<Record<SexT, Line>>;
}

const l = (perKg: number, intercept: number): Line => ({ perKg, intercept });

/**
 * The six age bands by sex, each with the coefficients of both sets. The two columns are
 * separate publications and are not unit conversions of each other: the kcal lines are the
 * rounded equations of WHO TRS 724 (1985), the MJ lines Schofield's own fit (1985), which the
 * 2001 FAO/WHO/UNU report re-adopted. They agree within ~2 % at typical weights except girls
 * aged 3–10, where 22.5·kg + 499 kcal runs about 6 % above 0.085·kg + 2.033 MJ.
 *
 * Each band owns its lower bound: age 3 is in `3-10`, age 2.999 in `0-3`.
 */
export const SCHOFIELD_BANDS: readonly SchofieldBand[] = Object.freeze([
  {
    id: '0-3',
    minAge: 0,
    maxAge: 3,
    kcal: { male: l(60.9, -54), female: l(61.0, -51) },
    mj: { male: l(0.249, -0.127), female: l(0.244, -0.13) },
  },
  {
    id: '3-10',
    minAge: 3,
    maxAge: 10,
    kcal: { male: l(22.7, 495), female: l(22.5, 499) },
    mj: { male: l(0.095, 2.11), female: l(0.085, 2.033) },
  },
  {
    id: '10-18',
    minAge: 10,
    maxAge: 18,
    kcal: { male: l(17.5, 651), female: l(12.2, 746) },
    mj: { male: l(0.074, 2.754), female: l(0.056, 2.898) },
  },
  {
    id: '18-30',
    minAge: 18,
    maxAge: 30,
    kcal: { male: l(15.3, 679), female: l(14.7, 496) },
    mj: { male: l(0.063, 2.896), female: l(0.062, 2.036) },
  },
  {
    id: '30-60',
    minAge: 30,
    maxAge: 60,
    kcal: { male: l(11.6, 879), female: l(8.7, 829) },
    mj: { male: l(0.048, 3.653), female: l(0.034, 3.538) },
  },
  {
    id: '60+',
    minAge: 60,
    maxAge: Number.POSITIVE_INFINITY,
    kcal: { male: l(13.5, 487), female: l(10.5, 596) },
    mj: { male: l(0.049, 2.459), female: l(0.038, 2.755) },
  },
] as const);

/** Input of the weight-only Schofield equations. */
export interface SchofieldInput {
  /** Body weight, kg (2–400). */
  readonly weightKg: number;
  /** Age, years (0–120); picks the band. */
  readonly ageYears: number;
  /** Biological sex, `'male'` or `'female'`. */
  readonly sex: SexT;
  /** Which coefficient set (see {@link SCHOFIELD_SETS}); default `'fao-who-unu-1985'`. */
  readonly equations?: SchofieldSet;
}

function bandOf(ageYears: number): SchofieldBand {
  // The bands tile [0, ∞) and the age is already checked to be in [0, 120], so one matches.
  return SCHOFIELD_BANDS.find((b) => ageYears >= b.minAge && ageYears < b.maxAge)!;
}

/** BMR in kcal/day by the named set: the set's own line, or its MJ line converted. */
function kcalBy(fn: string, input: unknown): number {
  const o = checkObject(fn, 'input', input);
  const weightKg = checkNumber(fn, 'weightKg', o['weightKg'], HUMAN.weightKg);
  const ageYears = checkNumber(fn, 'ageYears', o['ageYears'], HUMAN.ageYears);
  const sex = checkEnum(fn, 'sex', o['sex'], SEXES);
  const set =
    o['equations'] === undefined
      ? 'fao-who-unu-1985'
      : checkEnum(fn, 'equations', o['equations'], SCHOFIELD_SETS);
  const band = bandOf(ageYears);
  if (set === 'fao-who-unu-1985') return band.kcal[sex].perKg * weightKg + band.kcal[sex].intercept;
  const mj = band.mj[sex].perKg * weightKg + band.mj[sex].intercept;
  return (mj * 1000) / KJ_PER_KCAL;
}

/**
 * The age band that owns `ageYears`; each band owns its lower bound.
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` unless age is in [0, 120]
 * @example schofieldBand(18) // '18-30'
 */
export function schofieldBand(ageYears: number): SchofieldBand['id'] {
  return bandOf(checkNumber('schofieldBand', 'ageYears', ageYears, HUMAN.ageYears)).id;
}

/**
 * Basal metabolic rate from weight, age band and sex, kcal/day, by the named coefficient set
 * (`input.equations`, {@link SCHOFIELD_SETS}): by default the FAO/WHO/UNU 1985 kcal lines (e.g.
 * men 30–60 y: `11.6·kg + 879`); `'schofield-1985'` gives Schofield's MJ equation in kcal.
 *
 * References: Schofield WN. Predicting basal metabolic rate, new standards and review of previous
 * work. Hum Nutr Clin Nutr. 1985;39C(Suppl 1):5–41. — FAO/WHO/UNU. Energy and protein
 * requirements. Report of a Joint FAO/WHO/UNU Expert Consultation. WHO Technical Report Series
 * 724. Geneva: WHO; 1985 (Table 5, kcal/day column).
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.ageYears age, years (0–120); bands [0,3) [3,10) [10,18) [18,30) [30,60) [60,∞)
 * @param input.sex `'male'` or `'female'`
 * @returns basal metabolic rate, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field
 * @example schofield({ weightKg: 70, ageYears: 30, sex: 'male' }) // 1691
 */
export function schofield(input: SchofieldInput): number {
  return kcalBy('schofield', input);
}

/**
 * {@link schofield} in MJ/day: the same equation of the same named set (default
 * `'fao-who-unu-1985'`), so `schofieldMJ(x) = schofield(x) × 4.184 / 1000` for every input. For
 * Schofield's own MJ equations (e.g. women 18–30 y: `0.062·kg + 2.036`) pass
 * `equations: 'schofield-1985'`.
 *
 * References: Schofield WN. Hum Nutr Clin Nutr. 1985;39C(Suppl 1):5–41. — FAO/WHO/UNU. Human
 * energy requirements. Report of a Joint FAO/WHO/UNU Expert Consultation, Rome 2001. FAO Food and
 * Nutrition Technical Report Series 1. Rome: FAO; 2004 (Table 5.2; worked example in §5.4.1:
 * woman 20–30 y, 55 kg → 5.45 MJ/day).
 *
 * @param input.weightKg body weight, kg (2–400)
 * @param input.ageYears age, years (0–120)
 * @param input.sex `'male'` or `'female'`
 * @returns basal metabolic rate, MJ/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field
 * @example schofieldMJ({ weightKg: 55, ageYears: 25, sex: 'female', equations: 'schofield-1985' }) // 5.446
 */
export function schofieldMJ(input: SchofieldInput): number {
  return (kcalBy('schofieldMJ', input) * KJ_PER_KCAL) / 1000;
}
