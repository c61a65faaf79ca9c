import type { SessionExerciseT, SessionT, WorkoutProgramT } from '@nexfitra/core';

/** `n` sets of `reps` at 2 reps in reserve with `restSeconds` rest: a hand-written programme entry. */
export const entry = (
  exerciseId: string,
  n: number,
  reps: number,
  restSeconds: number,
): SessionExerciseT => ({
  exerciseId,
  sets: Array.from({ length: n }, () => ({ reps, load: { type: 'rir' as const, value: 2 }, restSeconds })),
});

/** A one-week programme (no deload) of `sessions`: a hand-written proposal. */
export const oneWeek = (split: string, sessions: SessionT[]): WorkoutProgramT => ({
  schemaVersion: '1.0.0',
  split,
  weeks: [{ deload: false, sessions }],
});
