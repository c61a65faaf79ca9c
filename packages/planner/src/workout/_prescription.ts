import type { ExperienceLevelT, GoalTypeT } from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import type { Dose, Emphasis } from './types';

/**
 * @internal Sets, reps, rest and effort by goal and level.
 *
 * Ranges from Ratamess NA et al. ACSM position stand, Progression models in resistance training
 * for healthy adults. Med Sci Sports Exerc. 2009;41(3):687–708:
 * - novices: 8–12 RM loads; rest 1–2 min (hypertrophy) and 2–3 min for heavy core lifts;
 * - strength, intermediate/advanced: periodised 1–12 RM with emphasis on heavy 1–6 RM and
 *   3–5 min rest;
 * - hypertrophy: 1–12 RM with emphasis on 6–12 RM, 1–2 min rest;
 * - local muscular endurance: light loads for > 15 reps, short rests (< 90 s).
 *
 * Our mapping of the goal type to an emphasis: `gain` → hypertrophy; `maintain` → strength
 * (keep and build strength at stable weight); `lose` → "fat-loss": resistance training keeps
 * lean mass in an energy deficit, done with moderate reps and shorter rests so sessions stay
 * dense (the deficit itself comes from the diet). The exact numbers in {@link DOSES} are our
 * settings inside the ranges above.
 */
export function emphasisFor(goal: GoalTypeT): Emphasis {
  return goal === 'gain' ? 'hypertrophy' : goal === 'maintain' ? 'strength' : 'fat-loss';
}

const r = (min: number, max: number, restSeconds: number): Dose => ({ reps: { min, max }, restSeconds });

/** @internal [compound, isolation] dose by emphasis and level. */
const DOSES: Record<Emphasis, Record<ExperienceLevelT, readonly [Dose, Dose]>> = {
  hypertrophy: {
    beginner: [r(8, 12, 120), r(10, 12, 75)],
    intermediate: [r(6, 10, 120), r(8, 12, 90)],
    advanced: [r(6, 10, 150), r(8, 12, 90)],
  },
  strength: {
    beginner: [r(8, 12, 120), r(10, 12, 90)],
    intermediate: [r(4, 6, 180), r(8, 12, 90)],
    advanced: [r(3, 5, 180), r(6, 10, 90)],
  },
  'fat-loss': {
    beginner: [r(10, 12, 90), r(12, 15, 60)],
    intermediate: [r(8, 12, 90), r(12, 15, 60)],
    advanced: [r(8, 12, 90), r(12, 15, 60)],
  },
};

export function dosesFor(emphasis: Emphasis, level: ExperienceLevelT): readonly [Dose, Dose] {
  return DOSES[emphasis][level];
}

/** @internal Hold length (s) for timed exercises by level; rest 60 s. */
export const HOLD_SECONDS: Record<ExperienceLevelT, number> = {
  beginner: 30,
  intermediate: 40,
  advanced: 45,
};
export const HOLD_REST_SECONDS = 60;

/**
 * @internal Catalogue exercises done as holds (seconds, not reps). The catalogue schema has no
 * field for this, so it is kept here: isometric work is recognisable by id.
 */
const HOLDS = new Set([
  'plank',
  'side-plank',
  'hollow-body-hold',
  'wall-sit',
  'wall-handstand-hold',
  'dead-hang',
  'towel-hang',
  'copenhagen-plank',
  'bear-crawl',
]);

export function isHold(e: ExerciseT): boolean {
  return HOLDS.has(e.id) || e.id.includes('isometric');
}

/**
 * @internal Target reps in reserve across the loading weeks of a block: from `start` in the
 * first week down to `end` in the last, in half steps; deload weeks at `start + 1`.
 * RIR-based effort after Zourdos et al. 2016 (J Strength Cond Res 30:267) and Helms et al. 2016
 * (Strength Cond J 38(4):42): effort rises across a mesocycle as proximity to failure grows.
 * The start/end values are our settings: beginners stay further from failure.
 */
export const RIR_SCHEDULE: Record<ExperienceLevelT, { readonly start: number; readonly end: number }> = {
  beginner: { start: 3, end: 2 },
  intermediate: { start: 3, end: 1 },
  advanced: { start: 2.5, end: 1 },
};

/** RIR of loading week `position` (0-based) of `length` loading weeks. */
export function rirFor(level: ExperienceLevelT, position: number, length: number): number {
  const { start, end } = RIR_SCHEDULE[level];
  if (length <= 1) return start;
  return Math.round((start - ((start - end) * position) / (length - 1)) * 2) / 2;
}
