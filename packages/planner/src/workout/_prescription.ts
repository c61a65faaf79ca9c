import type { ExperienceLevelT, GoalTypeT, PreferencesT } from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import type { Dose, DoseKind, Focus } from './types';

/**
 * @internal Sets, reps, rest and effort by training focus, level and kind of exercise.
 *
 * Ranges from Ratamess NA et al. ACSM position stand, Progression models in resistance training
 * for healthy adults. Med Sci Sports Exerc. 2009;41(3):687–708:
 * - strength: heavy 1–6 RM loads for the main lifts, 3–5 min rest between heavy sets (we use
 *   3 min: the lower end, so sessions stay inside the time asked), 1–2 min for assistance work;
 * - hypertrophy: 1–12 RM with emphasis on 6–12 RM, 1–2 min rest; 2–3 min for heavy compounds;
 * - local muscular endurance / isolation work: 10–20+ reps, 60–90 s rest.
 *
 * Goal mapping (issue 8): the person's `trainingFocus` when given; otherwise `gain` →
 * hypertrophy and `maintain`/`lose` → general (6–12 compound, 10–20 isolation, as hypertrophy,
 * with shorter rests). Only a strength focus puts main lifts at 3–6 reps.
 *
 * Unloaded work (bodyweight, bands, a pull-up bar) has no load to add, so it is never dosed at
 * strength reps: compounds at 8–15, isolation at 12–20; it progresses by reps and then by a
 * harder variant (`_variants.ts`). The exact numbers in {@link DOSES} are our settings inside
 * the ranges above.
 */
export function focusFor(goal: GoalTypeT, asked: PreferencesT['trainingFocus']): Focus {
  return asked ?? (goal === 'gain' ? 'hypertrophy' : 'general');
}

const r = (min: number, max: number, restSeconds: number): Dose => ({ reps: { min, max }, restSeconds });

/** @internal Dose by focus, level and kind (main lift = the loaded compound opening a session). */
const DOSES: Record<Focus, Record<ExperienceLevelT, Record<DoseKind, Dose>>> = {
  strength: {
    beginner: { main: r(4, 6, 180), compound: r(6, 10, 120), isolation: r(10, 15, 75) },
    intermediate: { main: r(4, 6, 180), compound: r(6, 10, 120), isolation: r(10, 15, 75) },
    advanced: { main: r(3, 5, 180), compound: r(6, 10, 120), isolation: r(10, 15, 75) },
  },
  hypertrophy: {
    beginner: { main: r(8, 12, 120), compound: r(8, 12, 90), isolation: r(10, 15, 75) },
    intermediate: { main: r(6, 10, 150), compound: r(8, 12, 90), isolation: r(10, 15, 75) },
    advanced: { main: r(6, 10, 150), compound: r(8, 12, 120), isolation: r(12, 20, 75) },
  },
  general: {
    beginner: { main: r(8, 12, 120), compound: r(8, 12, 90), isolation: r(12, 15, 60) },
    intermediate: { main: r(6, 10, 120), compound: r(8, 12, 90), isolation: r(12, 15, 60) },
    advanced: { main: r(6, 10, 120), compound: r(8, 12, 90), isolation: r(12, 20, 60) },
  },
};
const UNLOADED_COMPOUND = r(8, 15, 90);
const UNLOADED_ISOLATION = r(12, 20, 60);

const LOADED = new Set(['barbell', 'dumbbells', 'kettlebell', 'cable', 'machine']);

/** Whether the exercise carries an external load that can go up in kg steps. */
export function isLoaded(e: ExerciseT): boolean {
  return e.equipment.some((q) => LOADED.has(q));
}

/** The dose of `e` in its role (`main` only for the loaded compound opening a session). */
export function doseFor(focus: Focus, level: ExperienceLevelT, e: ExerciseT, main: boolean): Dose {
  if (!isLoaded(e)) return e.mechanics === 'compound' ? UNLOADED_COMPOUND : UNLOADED_ISOLATION;
  const d = DOSES[focus][level];
  return main && e.mechanics === 'compound' ? d.main : e.mechanics === 'compound' ? d.compound : d.isolation;
}

/** @internal All doses of a focus and level, for the report. */
export function dosesOf(focus: Focus, level: ExperienceLevelT): Readonly<Record<DoseKind, Dose>> {
  return DOSES[focus][level];
}

/** @internal Hold length (s) for timed exercises by level in the first week; +5 s a week after. */
export const HOLD_SECONDS: Record<ExperienceLevelT, number> = {
  beginner: 30,
  intermediate: 40,
  advanced: 45,
};
export const HOLD_REST_SECONDS = 60;
/** Seconds added to a hold each loading week (progression by duration). */
export const HOLD_STEP_SECONDS = 5;

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
 * With double progression the load stays and the rep target climbs by one a week, so one more
 * rep at the same load is one rep less in reserve: the schedule falls by about one a week.
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
