import { NexFitraError } from '../errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * @internal Day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD` calendar date, so that
 * gaps between log entries are whole days whatever the time zone. Rejects impossible dates
 * (2026-02-30) rather than rolling them over as `Date` does.
 */
export function dayNumber(fn: string, path: readonly (string | number)[], date: unknown): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return Math.round(ms / MS_PER_DAY);
    }
  }
  throw new NexFitraError({
    code: 'INVALID_TYPE',
    fn,
    path,
    value: date,
    allowed: 'a calendar date YYYY-MM-DD',
  });
}

/** @internal The `YYYY-MM-DD` date of a day number (inverse of {@link dayNumber}). */
export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** @internal Throws `INVALID_TYPE` unless `value` is an array. */
export function checkArray(
  fn: string,
  path: readonly (string | number)[],
  value: unknown,
): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value, allowed: 'an array' });
  }
  return value;
}
