import type { PlanRequestT, PrescribedSetT, ProgressionT, SessionExerciseT } from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import {
  doseFor,
  focusFor,
  HOLD_REST_SECONDS,
  HOLD_SECONDS,
  HOLD_STEP_SECONDS,
  isHold,
  isLoaded,
  RIR_SCHEDULE,
} from './_prescription';
import type { Dose } from './types';

/**
 * @internal Week-to-week progression of one exercise (the rules the program states in each
 * exercise's `progression`):
 *
 * - Loaded, no training max → double progression (ACSM 2009, Ratamess et al.: "2-for-2" rule
 *   cast as a rep range; core `doubleProgression`): the same load while the weekly rep target
 *   climbs by one (two for ranges wider than 6) from the bottom of the range; when the top is
 *   reached the load goes up by the stated step and the target returns to the bottom. Steps:
 *   +2.5 kg for barbell, machine and cable work, +2 kg lower-body / +1 kg upper-body dumbbells
 *   and kettlebells (the smallest usual jumps; ACSM 2009 suggests 2–10 % increases).
 * - Loaded with a training max (the person's recent top set) → loads in kg: e1RM by Epley
 *   (1985; the formula of core `estimateOneRepMax` and of its RPE chart), the load for the rep
 *   target at the week's RIR as `e1RM / (1 + (reps + RIR)/30)`, rounded to the equipment's step
 *   (2.5 kg plates, 1 kg dumbbells); RIR falls through the block so the kg rise week to week,
 *   and each later block starts one step above the one before.
 * - Unloaded (bodyweight, bands) → reps climb through the range; at the top, the next harder
 *   variant (`_variants.ts`) when one fits, starting again at the bottom of the range, else one
 *   more set a week (at most two), then reps above the range (at most 30).
 * - Holds → +5 s a week (+15 s above 60 s, to 120 s).
 * Deload weeks (Bell et al. 2022: coaches deload every 4–6 weeks, with fewer sets and less
 * effort; Bell et al. 2023 for the definition; core `deloadWeek` for the set cut) repeat
 * the first week's reps at one more RIR, with ~90 % of the first week's kg.
 */
export interface WeekPosition {
  /** 0-based index among all loading weeks of the program (deloads skipped). */
  readonly loadingIndex: number;
  /** 0-based block (mesocycle) index: blocks are separated by deload weeks. */
  readonly block: number;
  readonly rir: number;
  readonly deload: boolean;
  /** RIR of each loading week of the current block, in order, and this week's place in them. */
  readonly blockRirs: readonly number[];
  readonly position: number;
}

export interface ExercisePlan {
  readonly ex: ExerciseT;
  readonly dose: Dose;
  readonly holdSeconds: number;
  /** Estimated one-repetition maximum, kg, from the person's training max for this exercise. */
  readonly e1rm?: number;
  /** Ids the person may do (the pool): harder variants are taken from it. */
  readonly allowed: ReadonlySet<string>;
  readonly next: (id: string, allowed: ReadonlySet<string>) => string | undefined;
}

const LOWER = new Set(['squat', 'hinge', 'lunge', 'knee-extension', 'knee-flexion', 'hip-isolation', 'calf']);
const FREE_WEIGHT = (e: ExerciseT) => e.equipment.includes('dumbbells') || e.equipment.includes('kettlebell');

/** Load step (kg) of a loaded exercise. */
export function stepKg(e: ExerciseT): number {
  if (e.equipment.includes('barbell') || !FREE_WEIGHT(e)) return 2.5;
  return LOWER.has(e.pattern) ? 2 : 1;
}

/**
 * Rounding grid (kg) for a prescribed load of about `kg`: 2.5 kg plates; 1 kg dumbbells and
 * kettlebells up to 30 kg, 2.5 kg above (heavier dumbbells come in 2.5 kg steps) — the grid
 * the plan language spells.
 */
export function loadGrid(e: ExerciseT, kg: number): number {
  return FREE_WEIGHT(e) && !e.equipment.includes('barbell') && kg < 30.5 ? 1 : 2.5;
}

/** Loads stay within 1–300 kg (the plan language's kg tokens); a barbell never under its 20 kg. */
const MAX_KG = 300;
const BAR_KG = 20;

const roundTo = (x: number, grid: number) => Math.max(grid, Math.round(x / grid) * grid);

/** Rep step per week and the rep target of the i-th loading week in a climbing cycle. */
function repStep(dose: Dose): number {
  return dose.reps.max - dose.reps.min > 6 ? 2 : 1;
}
function cycleLength(dose: Dose): number {
  return Math.floor((dose.reps.max - dose.reps.min) / repStep(dose)) + 1;
}

/** Epley load (kg) for `reps` with `rir` in reserve from an estimated 1RM. */
function epleyLoad(e1rm: number, reps: number, rir: number): number {
  return e1rm / (1 + (reps + rir) / 30);
}

/**
 * The exercise of one week: its id (a harder variant once bodyweight work has topped out), its
 * sets and its progression rule.
 */
export function weekExercise(p: ExercisePlan, sets: number, w: WeekPosition): SessionExerciseT {
  const { ex, dose } = p;
  if (isHold(ex)) {
    // +5 s a loading week to 60 s, then +15 s (the steps timed sets are written in), to 120 s.
    let seconds = p.holdSeconds;
    for (let i = 0; i < (w.deload ? 0 : w.loadingIndex) && seconds < 120; i++) {
      seconds += seconds < 60 ? HOLD_STEP_SECONDS : 15;
    }
    const set: PrescribedSetT = {
      seconds,
      load: { type: 'rpe', value: Math.max(1, 10 - w.rir) },
      restSeconds: HOLD_REST_SECONDS,
    };
    return { exerciseId: ex.id, sets: Array.from({ length: sets }, () => set) };
  }
  const range = { min: dose.reps.min, max: dose.reps.max };
  if (p.e1rm !== undefined && isLoaded(ex)) {
    const reps = dose.reps.min + Math.floor((dose.reps.max - dose.reps.min) / 2);
    const step = stepKg(ex);
    const floor = ex.equipment.includes('barbell') ? BAR_KG : 1;
    const round = (x: number) => Math.min(MAX_KG, Math.max(floor, roundTo(x, loadGrid(ex, x))));
    const kgAt = (rir: number) => round(epleyLoad(p.e1rm!, reps, rir) + w.block * step);
    // Each loading week at least one rounding step above the one before (light loads on a
    // 1–2.5 kg grid would otherwise repeat), each block one step above the last.
    let kg = kgAt(w.blockRirs[0] ?? w.rir);
    for (let i = 1; i <= w.position && i < w.blockRirs.length; i++) {
      kg = Math.max(kgAt(w.blockRirs[i]!), Math.min(MAX_KG, kg + loadGrid(ex, kg)));
    }
    if (w.deload) kg = round(0.9 * round(epleyLoad(p.e1rm!, reps, w.rir - 1)));
    const set: PrescribedSetT = {
      reps,
      load: { type: 'kg', value: kg },
      restSeconds: dose.restSeconds,
    };
    const progression: ProgressionT = { scheme: 'linear', stepKg: step };
    return { exerciseId: ex.id, sets: Array.from({ length: sets }, () => set), progression };
  }
  const cycle = cycleLength(dose);
  const position = w.deload ? 0 : w.loadingIndex;
  if (isLoaded(ex)) {
    const reps = dose.reps.min + (position % cycle) * repStep(dose);
    const set: PrescribedSetT = { reps, load: { type: 'rir', value: w.rir }, restSeconds: dose.restSeconds };
    const progression: ProgressionT = { scheme: 'double', reps: range, stepKg: stepKg(ex) };
    return { exerciseId: ex.id, sets: Array.from({ length: sets }, () => set), progression };
  }
  // Unloaded: climb the range, then the next harder variant (from the bottom of the range).
  let id = ex.id;
  let left = position;
  while (left >= cycle) {
    const harder = p.next(id, p.allowed);
    if (harder === undefined) break;
    id = harder;
    left -= cycle;
  }
  // At the top with no harder variant that fits: one more set a week, at most two (volume
  // progression, ACSM 2009), then reps above the range (to 30), so every week still progresses.
  const over = Math.max(0, left - (cycle - 1));
  const extra = Math.min(MAX_EXTRA_SETS, over);
  const climbed = over > 0 ? dose.reps.max : dose.reps.min + left * repStep(dose);
  const reps = Math.min(30, climbed + Math.max(0, over - MAX_EXTRA_SETS) * repStep(dose));
  const set: PrescribedSetT = { reps, load: { type: 'rir', value: w.rir }, restSeconds: dose.restSeconds };
  const next = p.next(id, p.allowed);
  const progression: ProgressionT =
    next === undefined
      ? { scheme: 'reps', reps: range }
      : { scheme: 'reps', reps: range, nextExerciseId: next };
  return { exerciseId: id, sets: Array.from({ length: sets + extra }, () => set), progression };
}

/** Sets bodyweight work may add once its reps top out and no harder variant fits. */
export const MAX_EXTRA_SETS = 2;

/**
 * The rule programme's week-1 entry for `e` as an accessory (not the session's opener) of
 * `request`: {@link weekExercise} in the first loading week of the first block, with its dose for
 * the person's focus and level, no training max and no harder variant. For the model path, which
 * adds a preferred exercise the model left out where no exercise of the week could stand in for it.
 */
export function firstWeekEntry(request: PlanRequestT, e: ExerciseT, sets: number): SessionExerciseT {
  const level = request.preferences.experience;
  const rir = RIR_SCHEDULE[level].start;
  const dose = doseFor(focusFor(request.goal.type, request.preferences.trainingFocus), level, e, false);
  return weekExercise(
    { ex: e, dose, holdSeconds: HOLD_SECONDS[level], allowed: new Set([e.id]), next: () => undefined },
    sets,
    { loadingIndex: 0, block: 0, rir, deload: false, blockRirs: [rir], position: 0 },
  );
}
