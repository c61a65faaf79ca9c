import { checkEnum, checkNumber } from '../_check';
import { NexFitraError } from '../errors';
import { LOAD_RANGE } from './_load';

/**
 * One-repetition maximum (1RM) from a set taken to failure: load `w` lifted for `r` reps.
 *
 * | formula    | 1RM                                    | source |
 * |------------|----------------------------------------|--------|
 * | `epley`    | w · (1 + r/30)                         | Epley B. Poundage Chart. In: Boyd Epley Workout. Lincoln, NE: Body Enterprises; 1985. |
 * | `brzycki`  | w · 36 / (37 − r)                      | Brzycki M. Strength testing—predicting a one-rep max from reps-to-fatigue. J Phys Educ Recreat Dance. 1993;64(1):88–90. |
 * | `lombardi` | w · r^0.10                             | Lombardi VP. Beginning Weight Training. Dubuque, IA: W.C. Brown; 1989. |
 * | `lander`   | 100 · w / (101.3 − 2.67123 · r)        | Lander J. Maximums based on reps. Natl Strength Cond Assoc J. 1985;6(6):60–61. |
 * | `mayhew`   | 100 · w / (52.2 + 41.9 · e^(−0.055 r)) | Mayhew JL, Ball TE, Arnold MD, Bowen JC. Relative muscular endurance performance as a predictor of bench press strength in college men and women. J Appl Sport Sci Res. 1992;6(4):200–206. |
 * | `oconner`  | w · (1 + 0.025 · r)                    | O'Conner B, Simmons J, O'Shea P. Weight Training Today. St Paul, MN: West Publishing; 1989. |
 * | `wathan`   | 100 · w / (48.8 + 53.8 · e^(−0.075 r)) | Wathan D. Load assignment. In: Baechle TR, ed. Essentials of Strength Training and Conditioning. Champaign, IL: Human Kinetics; 1994:435–446. |
 *
 * All seven are compared, with these coefficients, in LeSuer DA, McCormick JH, Mayhew JL,
 * Wasserstein RL, Arnold MD. The accuracy of prediction equations for estimating 1-RM
 * performance in the bench press, squat, and deadlift. J Strength Cond Res. 1997;11(4):211–213.
 * The original books were not at hand: the coefficients were checked against secondary listings
 * that cite these sources (brianmac.co.uk "maxload" for Brzycki, Epley and Lander; the
 * befitteR R package, which cites LeSuer et al. 1997, for all seven), which agree with each other.
 * Brzycki's form is also quoted as w / (1.0278 − 0.0278 · r), the same line scaled by 36/37.
 *
 * **Convention at one rep.** A set of one *is* the 1RM, so every function here returns `w` when
 * `reps = 1`. The raw equations do not all agree: Epley gives 1.0333·w, O'Conner 1.025·w, Lander
 * 1.0139·w, Wathan 1.0130·w and Mayhew 1.0886·w at r = 1 (Brzycki and Lombardi give exactly w).
 * For r ≥ 2 the raw equation is used unchanged, so the estimate still rises with reps, but for
 * Mayhew in particular the step from 1 to 2 reps is large (1 → 1.1144).
 *
 * **Rep caps.** The equations are validated mostly on sets of ten reps or fewer and lose accuracy
 * beyond (Reynolds, Gordon & Robergs 2006, J Strength Cond Res 20(3):584–592, advise ≤ 10 reps
 * for linear prediction). Reps above {@link ONE_REP_MAX_REP_CAPS} throw `OUT_OF_RANGE`:
 * - `brzycki`, `lander`: 10. Both are the reciprocal of a line in r and diverge at r = 37
 *   (Brzycki) and r ≈ 37.9 (Lander), and are usually recommended only up to ten reps.
 * - `epley`, `oconner`, `lombardi`, `wathan`, `mayhew`: 12. No pole inside the range; 12 is the
 *   top of the conventional 1–12 rep %1RM table and the upper end of the ~10–12 reps where the
 *   published validations stop. Treat estimates from 11–12 reps as rough.
 */
export const ONE_REP_MAX_FORMULAS = [
  'epley',
  'brzycki',
  'lombardi',
  'lander',
  'mayhew',
  'oconner',
  'wathan',
] as const;
export type OneRepMaxFormula = (typeof ONE_REP_MAX_FORMULAS)[number];

/** Highest rep count each formula accepts (see the module comment for the reasons). */
export const ONE_REP_MAX_REP_CAPS: Readonly<Record<OneRepMaxFormula, number>> = {
  epley: 12,
  brzycki: 10,
  lombardi: 12,
  lander: 10,
  mayhew: 12,
  oconner: 12,
  wathan: 12,
};

/** Raw ratio 1RM / load for a real r ≥ 1 (no one-rep convention). */
function rawFactor(formula: OneRepMaxFormula, r: number): number {
  switch (formula) {
    case 'epley':
      return 1 + r / 30;
    case 'brzycki':
      return 36 / (37 - r);
    case 'lombardi':
      return r ** 0.1;
    case 'lander':
      return 100 / (101.3 - 2.67123 * r);
    case 'mayhew':
      return 100 / (52.2 + 41.9 * Math.exp(-0.055 * r));
    case 'oconner':
      return 1 + 0.025 * r;
    case 'wathan':
      return 100 / (48.8 + 53.8 * Math.exp(-0.075 * r));
  }
}

/** Inverse of {@link rawFactor}: the real r at which 1RM / load = `ratio` (< 1 near the 1RM; ∞ past an asymptote). */
function rawReps(formula: OneRepMaxFormula, ratio: number): number {
  switch (formula) {
    case 'epley':
      return 30 * (ratio - 1);
    case 'brzycki':
      return 37 - 36 / ratio;
    case 'lombardi':
      return ratio ** 10;
    case 'lander':
      return (101.3 - 100 / ratio) / 2.67123;
    case 'mayhew': {
      const q = (100 / ratio - 52.2) / 41.9;
      return q > 0 ? -Math.log(q) / 0.055 : Number.POSITIVE_INFINITY;
    }
    case 'oconner':
      return (ratio - 1) / 0.025;
    case 'wathan': {
      const q = (100 / ratio - 48.8) / 53.8;
      return q > 0 ? -Math.log(q) / 0.075 : Number.POSITIVE_INFINITY;
    }
  }
}

/**
 * @internal 1RM / load for a whole number of reps, with the one-rep convention (1 at r = 1).
 * Callers validate `reps` first.
 */
export function repFactor(formula: OneRepMaxFormula, reps: number): number {
  return reps === 1 ? 1 : rawFactor(formula, reps);
}

/** Validates a whole rep count against the formula's cap. */
function checkReps(fn: string, field: string, reps: unknown, formula: OneRepMaxFormula): number {
  return checkNumber(fn, field, reps, { min: 1, max: ONE_REP_MAX_REP_CAPS[formula], integer: true });
}

/**
 * Estimated one-repetition maximum from `load` lifted for `reps` reps to failure.
 *
 * @param load load lifted, kg or lb (> 0, ≤ 2000); the result is in the same unit
 * @param reps whole reps completed, 1 to the formula's cap ({@link ONE_REP_MAX_REP_CAPS})
 * @param formula one of {@link ONE_REP_MAX_FORMULAS}; default `epley`
 * @returns estimated 1RM in the unit of `load`; exactly `load` when `reps = 1`
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming `load` or `reps`,
 *   `INVALID_ENUM` for an unknown formula
 * @example estimateOneRepMax(100, 5, 'epley') // 116.66666666666667 (100 · (1 + 5/30))
 */
export function estimateOneRepMax(load: number, reps: number, formula: OneRepMaxFormula = 'epley'): number {
  const fn = 'estimateOneRepMax';
  const f = checkEnum(fn, 'formula', formula, ONE_REP_MAX_FORMULAS);
  const w = checkNumber(fn, 'load', load, LOAD_RANGE);
  const r = checkReps(fn, 'reps', reps, f);
  return w * repFactor(f, r);
}

/**
 * The load a formula predicts can be lifted for exactly `reps` reps: 1RM divided by the
 * formula's factor (the inverse of {@link estimateOneRepMax}); `oneRepMax` itself at one rep.
 *
 * @param oneRepMax 1RM, kg or lb (> 0, ≤ 2000)
 * @param reps whole reps, 1 to the formula's cap
 * @param formula default `epley`
 * @throws {NexFitraError} naming `oneRepMax`, `reps` or `formula`
 * @example loadForReps(120, 5, 'brzycki') // 106.66666666666667 (120 · (37 − 5) / 36)
 */
export function loadForReps(oneRepMax: number, reps: number, formula: OneRepMaxFormula = 'epley'): number {
  const fn = 'loadForReps';
  const f = checkEnum(fn, 'formula', formula, ONE_REP_MAX_FORMULAS);
  const m = checkNumber(fn, 'oneRepMax', oneRepMax, LOAD_RANGE);
  const r = checkReps(fn, 'reps', reps, f);
  return m / repFactor(f, r);
}

/**
 * The most whole reps a formula predicts at `load` for a lifter with this 1RM: the largest
 * r ≤ cap with `loadForReps(oneRepMax, r) ≥ load`. Every formula is strictly increasing in r,
 * so this inverts {@link loadForReps} exactly on whole reps. Any load up to the 1RM can be
 * lifted at least once, so loads between `loadForReps(oneRepMax, 2)` and the 1RM give 1.
 *
 * @param oneRepMax 1RM, kg or lb (> 0, ≤ 2000)
 * @param load load, same unit, in [`loadForReps(oneRepMax, cap)`, `oneRepMax`]
 * @throws {NexFitraError} `OUT_OF_RANGE` naming `load` when it exceeds the 1RM or is so light
 *   that the formula would predict more reps than its cap
 * @example repsAtLoad(100, 80, 'epley') // 7 (30 · (100/80 − 1) = 7.5, so 7 whole reps)
 */
export function repsAtLoad(oneRepMax: number, load: number, formula: OneRepMaxFormula = 'epley'): number {
  const fn = 'repsAtLoad';
  const f = checkEnum(fn, 'formula', formula, ONE_REP_MAX_FORMULAS);
  const m = checkNumber(fn, 'oneRepMax', oneRepMax, LOAD_RANGE);
  const cap = ONE_REP_MAX_REP_CAPS[f];
  const lightest = m / rawFactor(f, cap);
  // Relative slack so that a load computed by loadForReps round-trips despite rounding.
  const w = checkNumber(fn, 'load', load, { min: lightest * (1 - 1e-12), max: m, unit: '(kg or lb)' });
  const r = Math.floor(rawReps(f, m / w) + 1e-9);
  if (r > cap) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn,
      path: ['load'],
      value: load,
      allowed: `≥ ${lightest}`,
    });
  }
  return Math.max(1, r);
}
