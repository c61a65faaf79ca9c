import { checkEnum, checkNumber, checkObject, HUMAN } from '../../_check';
import { palFor } from '../../energy/activity';
import { NexFitraError } from '../../errors';
import { ACTIVITY_LEVELS, type ActivityLevelT, SEXES, type SexT } from '../../schemas/vocab';
import { HALL, hallRmr, jacksonFatKg, silvaEcfKg } from './_params';

/** The person at the start of a projection (an adult at steady weight). */
export interface HallProfile {
  readonly sex: SexT;
  /** 18–120 years: the model and its equations are for adults. */
  readonly ageYears: number;
  readonly weightKg: number;
  readonly heightCm: number;
  /** Measured body fat, %; otherwise estimated from BMI, age and sex (Jackson et al. 2002). */
  readonly bodyFatPercent?: number;
  /**
   * Measured maintenance intake, kcal/d (e.g. from `adaptiveExpenditure`). Takes precedence:
   * the baseline physical activity level becomes maintenanceKcal / RMR.
   */
  readonly maintenanceKcal?: number;
  /** Physical activity level (1.0–2.5); else the multiplier of `activityLevel`; else 1.5. */
  readonly pal?: number;
  readonly activityLevel?: ActivityLevelT;
}

/** Changes applied from day 0, besides intake. */
export interface HallOptions {
  /** Change of physical activity, % of the baseline activity energy (−100 to +200; default 0). */
  readonly activityChangePercent?: number;
  /** Carbohydrate share of intake after day 0 (0–1; default = baseline share). */
  readonly carbFraction?: number;
  /** Carbohydrate share of intake at baseline (0–1; default 0.5). */
  readonly baselineCarbFraction?: number;
  /** Change of sodium intake, mg/d (default 0). */
  readonly sodiumChangeMg?: number;
}

/** @internal State of the model: fat, lean, glycogen (kg), adaptive thermogenesis (kcal/d), ECF (kg). */
export type HallState = [f: number, l: number, g: number, at: number, ecf: number];

/** @internal A model ready to step; `rates` also returns the day's expenditure. */
export interface HallModel {
  readonly baselineKcal: number;
  readonly rmrKcal: number;
  readonly pal: number;
  readonly initial: HallState;
  /** Derivatives at `s` under intake `ei`; writes expenditure (kcal/d) into out[5]. */
  rates(s: HallState, ei: number, out: number[]): void;
}

export const weightOf = (s: HallState) => s[0] + s[1] + HALL.glycogenWeightFactor * s[2] + s[4];

/** @internal Validates the profile and builds the model (baseline steady state, K, δ, kG). */
export function hallModel(fn: string, profile: HallProfile, options: HallOptions): HallModel {
  const p = checkObject(fn, 'profile', profile);
  const o = checkObject(fn, 'options', options);
  const sex = checkEnum(fn, ['profile', 'sex'], p['sex'], SEXES);
  const age = checkNumber(fn, ['profile', 'ageYears'], p['ageYears'], HUMAN.adultAgeYears);
  const bw = checkNumber(fn, ['profile', 'weightKg'], p['weightKg'], { min: 30, max: 400, unit: 'kg' });
  const h = checkNumber(fn, ['profile', 'heightCm'], p['heightCm'], { min: 120, max: 250, unit: 'cm' });
  const rmr = hallRmr(sex, bw, h, age);
  let pal: number;
  if (p['maintenanceKcal'] !== undefined) {
    const m = checkNumber(fn, ['profile', 'maintenanceKcal'], p['maintenanceKcal'], {
      min: 800,
      max: 10000,
      unit: 'kcal/d',
    });
    pal = m / rmr;
    if (pal < 1 || pal > 2.5) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['profile', 'maintenanceKcal'],
        value: m,
        allowed: `1.0–2.5 × the RMR of ${Math.round(rmr)} kcal/d`,
      });
    }
  } else if (p['pal'] !== undefined) {
    pal = checkNumber(fn, ['profile', 'pal'], p['pal'], { min: 1, max: 2.5 });
  } else if (p['activityLevel'] !== undefined) {
    pal = palFor(checkEnum(fn, ['profile', 'activityLevel'], p['activityLevel'], ACTIVITY_LEVELS));
  } else {
    pal = 1.5;
  }
  const f0 =
    p['bodyFatPercent'] === undefined
      ? jacksonFatKg(sex, bw, h, age)
      : (bw * checkNumber(fn, ['profile', 'bodyFatPercent'], p['bodyFatPercent'], HUMAN.bodyFatPercent)) /
        100;
  const ecf0 = silvaEcfKg(sex, bw, h, age);
  const g0 = HALL.glycogenKg;
  const l0 = bw - f0 - ecf0 - HALL.glycogenWeightFactor * g0;
  if (!(f0 > 0.5) || !(l0 > 5)) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: ['profile', p['bodyFatPercent'] === undefined ? 'weightKg' : 'bodyFatPercent'],
      value: p['bodyFatPercent'] ?? bw,
      allowed: `fat > 0.5 kg and lean > 5 kg (fat ${f0.toFixed(1)}, lean ${l0.toFixed(1)} kg)`,
    });
  }
  const actPct =
    o['activityChangePercent'] === undefined
      ? 0
      : checkNumber(fn, ['options', 'activityChangePercent'], o['activityChangePercent'], {
          min: -100,
          max: 200,
          unit: '%',
        });
  const carbBase =
    o['baselineCarbFraction'] === undefined
      ? 0.5
      : checkNumber(fn, ['options', 'baselineCarbFraction'], o['baselineCarbFraction'], {
          min: 0.05,
          max: 1,
        });
  const carb =
    o['carbFraction'] === undefined
      ? carbBase
      : checkNumber(fn, ['options', 'carbFraction'], o['carbFraction'], { min: 0, max: 1 });
  const dNa =
    o['sodiumChangeMg'] === undefined
      ? 0
      : checkNumber(fn, ['options', 'sodiumChangeMg'], o['sodiumChangeMg'], {
          min: -5000,
          max: 10000,
          unit: 'mg/d',
        });

  const { rhoF, rhoL, rhoG, gammaF, gammaL, etaF, etaL, betaTEF, betaAT, tauAT, forbesKg } = HALL;
  const eib = rmr * pal;
  // Physical activity: δ·BW is the activity energy (Hall 2011: δ = ((1 − βTEF)·PAL − 1)·RMR / BW).
  const delta0 = (((1 - betaTEF) * pal - 1) * rmr) / bw;
  const delta = delta0 * (1 + actPct / 100);
  const K = eib - gammaL * l0 - gammaF * f0 - delta0 * bw;
  const cib = carbBase * eib;
  const kG = cib / (g0 * g0);
  const C = forbesKg * (rhoL / rhoF);
  const { xiNa, xiCI, sodiumMgPerL, glycogenWeightFactor } = HALL;
  return {
    baselineKcal: eib,
    rmrKcal: rmr,
    pal,
    initial: [f0, l0, g0, 0, ecf0],
    rates(s, ei, out) {
      const [f, l, g, at, ecf] = s;
      const dEI = ei - eib;
      const ci = carb * ei;
      const dG = (ci - kG * g * g) / rhoG;
      const dAT = (betaAT * dEI - at) / tauAT;
      const dECF = (dNa - xiNa * (ecf - ecf0) - xiCI * (1 - ci / cib)) / sodiumMgPerL;
      const w = f + l + glycogenWeightFactor * g + ecf;
      // Expenditure before the cost of tissue synthesis (Hall 2011, appendix: K + γF·F + γL·L + δ·BW + TEF + AT).
      const base = K + gammaF * f + gammaL * l + delta * w + betaTEF * dEI + at;
      const p = C / (C + f); // Forbes partition of the energy imbalance
      const e = (ei - rhoG * dG - base) / (1 + (etaL * p) / rhoL + (etaF * (1 - p)) / rhoF);
      out[0] = ((1 - p) * e) / rhoF;
      out[1] = (p * e) / rhoL;
      out[2] = dG;
      out[3] = dAT;
      out[4] = dECF;
      out[5] = ei - rhoG * dG - e;
    },
  };
}

const k1 = [0, 0, 0, 0, 0, 0];
const k2 = [0, 0, 0, 0, 0, 0];
const k3 = [0, 0, 0, 0, 0, 0];
const k4 = [0, 0, 0, 0, 0, 0];
const tmp: HallState = [0, 0, 0, 0, 0];

/**
 * @internal One classical fourth-order Runge–Kutta step of `dt` days with intake held at `ei`
 * over the step (intake is piecewise constant by day). Returns the expenditure at the start.
 */
export function rk4Step(m: HallModel, s: HallState, ei: number, dt: number): number {
  m.rates(s, ei, k1);
  for (let i = 0; i < 5; i++) tmp[i] = s[i]! + 0.5 * dt * k1[i]!;
  m.rates(tmp, ei, k2);
  for (let i = 0; i < 5; i++) tmp[i] = s[i]! + 0.5 * dt * k2[i]!;
  m.rates(tmp, ei, k3);
  for (let i = 0; i < 5; i++) tmp[i] = s[i]! + dt * k3[i]!;
  m.rates(tmp, ei, k4);
  const ee = k1[5]!;
  for (let i = 0; i < 5; i++) s[i] = s[i]! + (dt / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  return ee;
}

/**
 * @internal Throws when a step left the range the model describes (fat under 1 kg, lean tissue
 * under 5 kg, or a non-finite state): prolonged starvation or absurd intakes, where the
 * equations stop meaning anything. Never returns a truncated or NaN projection.
 */
export function checkState(fn: string, s: HallState, day: number, intake: number): void {
  if (s.every(Number.isFinite) && s[0] > 1 && s[1] > 5) return;
  throw new NexFitraError({
    code: 'INCONSISTENT',
    fn,
    path: ['intakePlan'],
    value: intake,
    allowed: `an intake the body can sustain: by day ${day} fat or lean mass left the range the model covers`,
  });
}
