import { checkNumber } from '../../_check';
import type { BandPoint } from '../charts/weightCharts';
import { type HallOptions, type HallProfile, projectWeight } from './projectWeight';

/**
 * A projection with a band for charts: `projectWeight` at `intakeKcal`, and at intake ±
 * `uncertaintyKcal` — the uncertainty of the deficit, e.g. the half-width of
 * `adaptiveExpenditure`'s 95 % interval. Low is the lower weight of the two edges.
 *
 * @throws {NexFitraError} naming the field
 */
export function projectionBand(
  profile: HallProfile,
  intakeKcal: number,
  days: number,
  uncertaintyKcal: number,
  options: HallOptions = {},
): BandPoint[] {
  const fn = 'projectionBand';
  const u = checkNumber(fn, 'uncertaintyKcal', uncertaintyKcal, { min: 0, max: 2000, unit: 'kcal/d' });
  const i = checkNumber(fn, 'intakeKcal', intakeKcal, { min: 0, max: 10000, unit: 'kcal/d' });
  const mid = projectWeight(profile, i, days, options).days;
  const low = projectWeight(profile, Math.max(0, i - u), days, options).days;
  const high = projectWeight(profile, Math.min(10000, i + u), days, options).days;
  return mid.map((d, k) => ({
    day: d.day,
    lowKg: low[k]!.weightKg,
    midKg: d.weightKg,
    highKg: high[k]!.weightKg,
  }));
}
