import { checkEnum, checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { MUSCLES, type MuscleT } from '../schemas/vocab';

/**
 * Tolerances and thresholds of the soft checks. Where a number is a house rule rather than a
 * published value, it says so; every one can be overridden per call.
 */
export interface ValidationOptions {
  /** Daily energy may differ from the target by this share, % (default 3, the planner issue's). */
  readonly kcalTolerancePercent?: number;
  /** Daily protein, fat and carbohydrate may differ from their targets by this many g (default 5). */
  readonly macroToleranceG?: number;
  /** Daily fiber may fall this many g short of the target before it is reported (default 0). */
  readonly fiberToleranceG?: number;
  /** Muscles whose weekly sets and frequency are checked (default {@link DEFAULT_VOLUME_MUSCLES}). */
  readonly volumeMuscles?: readonly MuscleT[];
  /**
   * Fewest training days per week for each trained muscle (default 2): Schoenfeld BJ, Ogborn D,
   * Krieger JW. Effects of resistance training frequency on measures of muscle hypertrophy: a
   * systematic review and meta-analysis. Sports Med 2016;46(11):1689–1697 (training a muscle at
   * least twice a week beat once). A day counts when it gives the muscle ≥ 1 set (fractional
   * count); skipped when the person asked for fewer training days than this.
   */
  readonly minMuscleFrequency?: number;
  /**
   * Bounds of push sets / (push + pull sets), counting sets of horizontal/vertical push vs pull
   * patterns (default 1/3–0.6, i.e. push:pull from 1:2 to 3:2). A house rule: no study fixes a
   * ratio; the band is asymmetric because extra pulling is the usual coaching advice for the
   * shoulders, extra pushing is not.
   */
  readonly pushShare?: { readonly min: number; readonly max: number };
  /**
   * Bounds of quad-dominant (squat, lunge, knee-extension) / (quad + hip-dominant: hinge,
   * knee-flexion, hip-isolation) sets (default 1/3–2/3, i.e. 1:2 to 2:1). A house rule.
   */
  readonly quadShare?: { readonly min: number; readonly max: number };
  /** Seconds of work per repetition in the session-length model (default 3). */
  readonly secondsPerRep?: number;
  /** Minutes of warm-up added to every session in the session-length model (default 5). */
  readonly warmupMinutes?: number;
  /** A session may run over the time asked by this share, % (default 10). */
  readonly sessionTolerancePercent?: number;
  /**
   * Most consecutive training days (default 3, a house rule), raised to ⌈d / (7 − d)⌉ when the
   * asked d days a week force longer runs (6 days: 6); not checked at 7 days. Runs continue
   * across weeks (day 6 of one week, day 0 of the next).
   */
  readonly maxConsecutiveTrainingDays?: number;
  /** Fewest distinct foods in each full 7-day block of the meal plan (default 15, a house rule). */
  readonly minDistinctFoodsPerWeek?: number;
  /** Most consecutive days one food may appear in the same meal slot (by index; default 2, a house rule). */
  readonly maxSameMealStreakDays?: number;
  /** Check the plan's mean micronutrient intake against the adult DRIs (default `true`). */
  readonly micronutrients?: boolean;
  /**
   * Run the meal realism checks (default `true`): portions against household servings, sodium
   * per day, starches, condiments, fat and protein per meal, distinct foods per week.
   */
  readonly realism?: boolean;
}

/**
 * The large muscle groups tracked by volume guidelines; small or heavily indirectly trained
 * ones (forearms, front delts, obliques, adductors, lower back, calves, abs) are left to the
 * caller because a sound program often gives them no direct sets.
 */
export const DEFAULT_VOLUME_MUSCLES = [
  'chest',
  'lats',
  'upper-back',
  'side-delts',
  'biceps',
  'triceps',
  'quads',
  'hamstrings',
  'glutes',
] as const satisfies readonly MuscleT[];

/** {@link ValidationOptions} with every field filled in. */
export type ResolvedOptions = {
  readonly [K in keyof ValidationOptions]-?: Exclude<ValidationOptions[K], undefined>;
};

/** The defaults of {@link ValidationOptions}; each is explained on its field. */
export const DEFAULT_VALIDATION_OPTIONS: ResolvedOptions = Object.freeze({
  kcalTolerancePercent: 3,
  macroToleranceG: 5,
  fiberToleranceG: 0,
  volumeMuscles: DEFAULT_VOLUME_MUSCLES,
  minMuscleFrequency: 2,
  pushShare: Object.freeze({ min: 1 / 3, max: 0.6 }),
  quadShare: Object.freeze({ min: 1 / 3, max: 2 / 3 }),
  secondsPerRep: 3,
  warmupMinutes: 5,
  sessionTolerancePercent: 10,
  maxConsecutiveTrainingDays: 3,
  minDistinctFoodsPerWeek: 15,
  maxSameMealStreakDays: 2,
  micronutrients: true,
  realism: true,
});

function share(fn: string, key: string, v: unknown, fallback: { min: number; max: number }) {
  if (v === undefined) return fallback;
  const o = checkObject(fn, `options.${key}`, v);
  const min = checkNumber(fn, ['options', key, 'min'], o['min'], { min: 0, max: 1 });
  const max = checkNumber(fn, ['options', key, 'max'], o['max'], { min, max: 1 });
  return { min, max };
}

function flag(fn: string, v: unknown, fallback: boolean, key = 'micronutrients'): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['options', key],
      value: v,
      allowed: 'a boolean',
    });
  }
  return v;
}

/** @internal Merges `options` over the defaults, checking every field (misuse throws). */
export function resolveOptions(fn: string, options: unknown): ResolvedOptions {
  const o = checkObject(fn, 'options', options ?? {});
  const d = DEFAULT_VALIDATION_OPTIONS;
  const num = (key: keyof ResolvedOptions, range: Parameters<typeof checkNumber>[3]) =>
    o[key] === undefined ? (d[key] as number) : checkNumber(fn, ['options', key], o[key], range);
  let muscles = d.volumeMuscles;
  if (o['volumeMuscles'] !== undefined) {
    if (!Array.isArray(o['volumeMuscles'])) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['options', 'volumeMuscles'],
        value: o['volumeMuscles'],
        allowed: 'an array of muscles',
      });
    }
    muscles = o['volumeMuscles'].map((m, i) => checkEnum(fn, ['options', 'volumeMuscles', i], m, MUSCLES));
  }
  return {
    kcalTolerancePercent: num('kcalTolerancePercent', { min: 0, max: 100, unit: '%' }),
    macroToleranceG: num('macroToleranceG', { min: 0, max: 1000, unit: 'g' }),
    fiberToleranceG: num('fiberToleranceG', { min: 0, max: 500, unit: 'g' }),
    volumeMuscles: muscles,
    minMuscleFrequency: num('minMuscleFrequency', { min: 1, max: 7, integer: true }),
    pushShare: share(fn, 'pushShare', o['pushShare'], d.pushShare),
    quadShare: share(fn, 'quadShare', o['quadShare'], d.quadShare),
    secondsPerRep: num('secondsPerRep', { min: 0.5, max: 20, unit: 's' }),
    warmupMinutes: num('warmupMinutes', { min: 0, max: 60, unit: 'min' }),
    sessionTolerancePercent: num('sessionTolerancePercent', { min: 0, max: 100, unit: '%' }),
    maxConsecutiveTrainingDays: num('maxConsecutiveTrainingDays', { min: 1, max: 7, integer: true }),
    minDistinctFoodsPerWeek: num('minDistinctFoodsPerWeek', { min: 0, max: 500, integer: true }),
    maxSameMealStreakDays: num('maxSameMealStreakDays', { min: 1, max: 31, integer: true }),
    micronutrients: flag(fn, o['micronutrients'], d.micronutrients),
    realism: flag(fn, o['realism'], d.realism, 'realism'),
  };
}
