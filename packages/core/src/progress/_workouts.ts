import { z } from 'zod';
import { NexFitraError } from '../errors';
import { CompletedWorkout } from '../schemas/progress';
import { readDays } from './_days';
import type { LogDay } from './checkLog';

const WORKOUTS = z.array(CompletedWorkout);

/**
 * @internal {@link readDays} that also checks each day's workouts against the CompletedWorkout
 * schema (kept apart so that the weight and energy functions do not bundle the schemas).
 */
export function readDaysWithWorkouts(fn: string, days: unknown): readonly LogDay[] {
  return readDays(fn, days, (f, i, w) => {
    const r = WORKOUTS.safeParse(w);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new NexFitraError({
        code: 'SCHEMA',
        fn: f,
        path: [
          'days',
          i,
          'workouts',
          ...issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
        ],
        value: w,
        allowed: `CompletedWorkout objects (${issue.message})`,
      });
    }
  });
}
