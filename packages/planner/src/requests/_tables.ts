import type {
  ActivityLevelT,
  AllergenT,
  DietTypeT,
  EQUIPMENT_SETS,
  ExperienceLevelT,
  InjurySiteT,
} from '@nexfitra/core';

/**
 * Sampling tables of the request generator. Where a table follows a published figure the source
 * is named; the rest are house choices that over-represent the harder cases (special diets,
 * allergies, injuries) so that a thousand requests exercise every constraint of the planners.
 * They describe a test population, not a census.
 */

/** Age bands (years, inclusive) and weights: roughly flat over working age, as adult populations are. */
export const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[18, 29], 22],
  [[30, 44], 28],
  [[45, 59], 28],
  [[60, 75], 22],
];

/**
 * Height, cm: mean and SD by sex, after NHANES 2015–2018 (Fryar CD, Carroll MD, Gu Q, Afful J,
 * Ogden CL. Anthropometric reference data for children and adults: United States, 2015–2018.
 * Vital Health Stat 3. 2021;(46)): men ≈ 175 cm, women ≈ 161 cm, SD ≈ 7 cm.
 */
export const HEIGHT_CM = { male: { mean: 175.4, sd: 7.4 }, female: { mean: 161.5, sd: 7.0 } } as const;

/**
 * BMI, kg/m²: log-normal with median 27 and log-SD 0.17, redrawn outside 18.5–40 — the adult
 * NHANES distribution (mean ≈ 29.6) without its tail above 40, which needs clinical care.
 */
export const BMI = { median: 27, logSd: 0.17, min: 18.5, max: 40 } as const;

export const ACTIVITY: readonly (readonly [ActivityLevelT, number])[] = [
  ['sedentary', 25],
  ['light', 30],
  ['moderate', 25],
  ['active', 15],
  ['very-active', 5],
];

/** Diets: omnivores are the majority; the others are over-represented on purpose (see above). */
export const DIETS: readonly (readonly [DietTypeT, number])[] = [
  ['omnivore', 62],
  ['vegetarian', 12],
  ['pescatarian', 8],
  ['vegan', 8],
  ['keto', 10],
];

/** How many allergens a request lists (0–3); about 1 in 3 lists any, far above the ~10 % of adults. */
export const ALLERGEN_COUNT: readonly (readonly [number, number])[] = [
  [0, 65],
  [1, 20],
  [2, 10],
  [3, 5],
];

/**
 * Which allergens, weighted by adult prevalence in the US (Gupta RS et al. Prevalence and
 * severity of food allergies among US adults. JAMA Netw Open. 2019;2(1):e185630: shellfish 2.9 %,
 * milk 1.9 %, peanut 1.8 %, tree nut 1.2 %, fin fish 0.9 %, egg 0.8 %, wheat 0.8 %, soy 0.6 %,
 * sesame 0.2 %); gluten (coeliac disease, ≈ 1 %) and the EU-only allergens get small weights.
 * Weights are per mille.
 */
export const ALLERGEN_WEIGHTS: readonly (readonly [AllergenT, number])[] = [
  ['crustaceans', 29],
  ['milk', 19],
  ['peanuts', 18],
  ['tree-nuts', 12],
  ['gluten', 10],
  ['fish', 9],
  ['eggs', 8],
  ['wheat', 8],
  ['soy', 6],
  ['molluscs', 4],
  ['sesame', 2],
  ['celery', 1],
  ['mustard', 1],
  ['sulphites', 1],
  ['lupin', 1],
];

export const DISLIKE_COUNT: readonly (readonly [number, number])[] = [
  [0, 50],
  [1, 25],
  [2, 15],
  [3, 10],
];

export const MEALS_PER_DAY: readonly (readonly [number, number])[] = [
  [2, 8],
  [3, 42],
  [4, 25],
  [5, 15],
  [6, 10],
];

export const TRAINING_DAYS: readonly (readonly [number, number])[] = [
  [1, 3],
  [2, 12],
  [3, 30],
  [4, 27],
  [5, 18],
  [6, 7],
  [7, 3],
];

export const SESSION_MINUTES: readonly (readonly [number, number])[] = [
  [30, 15],
  [45, 30],
  [60, 35],
  [75, 10],
  [90, 10],
];

export const EQUIPMENT_SET_WEIGHTS: readonly (readonly [keyof typeof EQUIPMENT_SETS, number])[] = [
  ['full-gym', 45],
  ['home-dumbbells', 25],
  ['bodyweight-only', 15],
  ['home-bands', 15],
];

export const INJURY_COUNT: readonly (readonly [number, number])[] = [
  [0, 78],
  [1, 18],
  [2, 4],
];

/** Injury sites: low back, knee and shoulder dominate musculoskeletal complaints. */
export const INJURY_WEIGHTS: readonly (readonly [InjurySiteT, number])[] = [
  ['lower-back', 30],
  ['knee', 25],
  ['shoulder', 20],
  ['wrist', 8],
  ['elbow', 6],
  ['hip', 6],
  ['ankle', 4],
  ['neck', 1],
];

export const EXPERIENCE: readonly (readonly [ExperienceLevelT, number])[] = [
  ['beginner', 45],
  ['intermediate', 40],
  ['advanced', 15],
];

export const CUISINES = [
  'mediterranean',
  'asian',
  'mexican',
  'indian',
  'american',
  'middle-eastern',
] as const;
