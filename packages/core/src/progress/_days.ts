import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { LogDay } from './checkLog';

/** Longest log the estimators accept, days (100 years: a guard against a mistyped year). */
export const MAX_LOG_SPAN_DAYS = 36_525;

/** @internal Validates the days handed to the progress estimators (as checkProgressLog returns them). */
export function readDays(
  fn: string,
  days: unknown,
  checkWorkouts?: (fn: string, index: number, workouts: unknown) => void,
): readonly LogDay[] {
  if (!Array.isArray(days)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['days'],
      value: days,
      allowed: 'checkProgressLog(entries).days',
    });
  }
  let prev = -Infinity;
  const firstDay = (days[0] as { day?: unknown } | undefined)?.day;
  days.forEach((d: unknown, i) => {
    const o = checkObject(fn, `days.${i}`, d);
    const day = checkNumber(fn, ['days', i, 'day'], o['day'], { integer: true, min: -1e6, max: 1e6 });
    if (day <= prev) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['days', i, 'day'],
        value: day,
        allowed: 'strictly increasing days',
      });
    }
    if (typeof firstDay === 'number' && day - firstDay > MAX_LOG_SPAN_DAYS) {
      throw new NexFitraError({
        code: 'OUT_OF_RANGE',
        fn,
        path: ['days', i, 'day'],
        value: day,
        allowed: `at most ${MAX_LOG_SPAN_DAYS} days after the first`,
      });
    }
    prev = day;
    if (o['weightKg'] !== undefined)
      checkNumber(fn, ['days', i, 'weightKg'], o['weightKg'], { min: 2, max: 400 });
    if (o['intakeKcal'] !== undefined)
      checkNumber(fn, ['days', i, 'intakeKcal'], o['intakeKcal'], { min: 0, max: 20000 });
    if (typeof o['date'] !== 'string') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['days', i, 'date'],
        value: o['date'],
        allowed: 'a date string',
      });
    }
    if (o['intakeComplete'] !== undefined && typeof o['intakeComplete'] !== 'boolean') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['days', i, 'intakeComplete'],
        value: o['intakeComplete'],
        allowed: 'a boolean',
      });
    }
    if (o['macros'] !== undefined) {
      const m = checkObject(fn, `days.${i}.macros`, o['macros']);
      for (const k of ['proteinG', 'fatG', 'carbsG'])
        checkNumber(fn, ['days', i, 'macros', k], m[k], { min: 0, max: 3000 });
    }
    const w = o['workouts'];
    if (checkWorkouts && w !== undefined && !(Array.isArray(w) && w.length === 0)) checkWorkouts(fn, i, w);
  });
  return days as readonly LogDay[];
}
