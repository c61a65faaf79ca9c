/**
 * @internal Parameters of the Hall et al. adult body-weight model, as listed in the supplementary
 * appendix of Hall KD, Sacks G, Chandramohan D, Chow CC, Wang YC, Gortmaker SL, Swinburn BA.
 * Quantification of the effect of energy imbalance on bodyweight. Lancet 2011;378:826–837
 * (energy densities and coefficients in kJ there; converted here at 4.184 kJ/kcal), and in the
 * model's earlier papers: Hall KD. Predicting metabolic adaptation, body weight change, and
 * energy intake in humans. Am J Physiol Endocrinol Metab 2010;298:E449–E466 (glycogen and
 * extracellular fluid); Chow CC, Hall KD. The dynamics of human body weight change. PLoS Comput
 * Biol 2008;4:e1000045 (Forbes partition). The same values appear in the open R implementation
 * `bw` (INSP-RH/bw, src/adult_weight.cpp), which was read to confirm them.
 */
const KJ = 4.184;

export const HALL = Object.freeze({
  /** Energy density of fat, kcal/kg (39.5 MJ/kg). */
  rhoF: 39_500 / KJ,
  /** Energy density of lean tissue, kcal/kg (7.6 MJ/kg). */
  rhoL: 7_600 / KJ,
  /** Energy density of glycogen, kcal/kg (17.6 MJ/kg). */
  rhoG: 17_600 / KJ,
  /** Maintenance cost of fat, kcal/kg/d (13 kJ/kg/d). */
  gammaF: 13 / KJ,
  /** Maintenance cost of lean tissue, kcal/kg/d (92 kJ/kg/d). */
  gammaL: 92 / KJ,
  /** Cost of synthesising fat, kcal/kg (750 kJ/kg). */
  etaF: 750 / KJ,
  /** Cost of synthesising lean tissue, kcal/kg (960 kJ/kg). */
  etaL: 960 / KJ,
  /** Thermic effect of feeding, fraction of the change of intake. */
  betaTEF: 0.1,
  /** Adaptive thermogenesis, fraction of the change of intake. */
  betaAT: 0.14,
  /** Time constant of adaptive thermogenesis, days. */
  tauAT: 14,
  /** Forbes' constant, kg: the lean fraction of a change is p = C/(C + F) with C = 10.4 kg × ρL/ρF in energy terms. */
  forbesKg: 10.4,
  /** Glycogen at baseline, kg, and the water stored with it (2.7 g per g: × 3.7 in weight). */
  glycogenKg: 0.5,
  glycogenWeightFactor: 3.7,
  /** Sodium concentration of extracellular fluid, mg/L; sodium and carbohydrate terms of ECF, mg/L/d and mg/d. */
  sodiumMgPerL: 3220,
  xiNa: 3000,
  xiCI: 4000,
});

/**
 * Resting metabolic rate with the coefficients Mifflin et al. published (Am J Clin Nutr
 * 1990;51:241, Table 4: 9.99·kg + 6.25·cm − 4.92·y + 166·male − 161), which the Hall model uses;
 * core's `mifflinStJeor` uses the rounded 10 / 6.25 / 5 form.
 */
export function hallRmr(
  sex: 'male' | 'female',
  weightKg: number,
  heightCm: number,
  ageYears: number,
): number {
  return 9.99 * weightKg + 6.25 * heightCm - 4.92 * ageYears + (sex === 'male' ? 5 : -161);
}

/**
 * Body fat, kg, when none is measured: Jackson AS, Stanforth PR, Gagnon J, et al. The effect of
 * sex, age and race on estimating percentage body fat from body mass index: the Heritage Family
 * Study. Int J Obes 2002;26:789–796 — %fat = 37.31·ln(BMI) + 0.14·age − 103.94 (men) and
 * 39.96·ln(BMI) + 0.14·age − 102.01 (women), the estimate the Hall model starts from.
 */
export function jacksonFatKg(
  sex: 'male' | 'female',
  weightKg: number,
  heightCm: number,
  ageYears: number,
): number {
  const lnBmi = Math.log(weightKg / (heightCm / 100) ** 2);
  const pct =
    sex === 'male' ? 37.31 * lnBmi + 0.14 * ageYears - 103.94 : 39.96 * lnBmi + 0.14 * ageYears - 102.01;
  return (weightKg * pct) / 100;
}

/**
 * Extracellular fluid at baseline, L (≈ kg): Silva AM, Wang J, Pierson RN Jr, et al.
 * Extracellular water: greater expansion with age in African Americans. J Appl Physiol
 * 2005;99:261–267 — men 0.025·age + 9.57·height(m) + 0.191·kg − 12.4; women −4.0 + 5.98·height(m)
 * + 0.167·kg (the regressions the Hall model and `bw` use).
 */
export function silvaEcfKg(
  sex: 'male' | 'female',
  weightKg: number,
  heightCm: number,
  ageYears: number,
): number {
  const h = heightCm / 100;
  return sex === 'male'
    ? 0.025 * ageYears + 9.57 * h + 0.191 * weightKg - 12.4
    : -4.0 + 5.98 * h + 0.167 * weightKg;
}
