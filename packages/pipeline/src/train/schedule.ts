import { NexFitraError } from '@nexfitra/core';

export interface LrSchedule {
  /** Peak learning rate, reached at the end of warm-up. */
  readonly peak: number;
  /** Final learning rate at `totalSteps` (cosine floor). */
  readonly min: number;
  readonly warmupSteps: number;
  readonly totalSteps: number;
}

/**
 * Learning rate of optimizer step `step` (0-based): linear warm-up from peak/warmup to peak over
 * `warmupSteps`, then half-cosine decay to `min` at `totalSteps` (Loshchilov & Hutter 2017,
 * "SGDR", eq. 5 without restarts); `min` after the end.
 * @example lrAt(0, { peak: 1e-3, min: 1e-4, warmupSteps: 10, totalSteps: 100 }) // 1e-4
 */
export function lrAt(step: number, s: LrSchedule): number {
  if (!Number.isInteger(step) || step < 0) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: 'lrAt',
      path: ['step'],
      value: step,
      allowed: 'an integer ≥ 0',
    });
  }
  if (step < s.warmupSteps) return (s.peak * (step + 1)) / s.warmupSteps;
  if (step >= s.totalSteps) return s.min;
  const span = Math.max(1, s.totalSteps - s.warmupSteps);
  const progress = (step - s.warmupSteps) / span;
  return s.min + 0.5 * (s.peak - s.min) * (1 + Math.cos(Math.PI * progress));
}
