import type { ExerciseT } from '@nexfitra/core/exercises';
import { isHold } from './_prescription';
import type { Dose } from './types';

/**
 * @internal Session-length model (ours; every term is stated so a reviewer can redo it):
 * - a rep takes 3 s (ACSM 2009's moderate velocity, 1–2 s concentric + 1–2 s eccentric), plus
 *   5 s to set up each set; a hold takes its seconds plus 5 s; unilateral work counts twice;
 * - the prescribed rest follows every set (the last one's covers moving on);
 * - 60 s per exercise to set up equipment;
 * - warm-up: sessionMinutes / 6, rounded, at least 5 and at most 10 minutes — the schema's
 *   sessionMinutes includes the warm-up.
 * Reps are taken at the top of the prescribed range (the slowest case).
 */
export const SECONDS_PER_REP = 3;
export const SET_SETUP_SECONDS = 5;
export const EXERCISE_SETUP_SECONDS = 60;

export function warmUpMinutes(sessionMinutes: number): number {
  return Math.min(10, Math.max(5, Math.round(sessionMinutes / 6)));
}

/** Seconds one set of `e` takes with its rest, under `dose` (reps) or `holdSeconds`. */
export function setSeconds(e: ExerciseT, dose: Dose, holdSeconds: number, holdRest: number): number {
  const sides = e.unilateral ? 2 : 1;
  if (isHold(e)) return sides * (holdSeconds + SET_SETUP_SECONDS) + holdRest;
  return sides * (SET_SETUP_SECONDS + SECONDS_PER_REP * dose.reps.max) + dose.restSeconds;
}
