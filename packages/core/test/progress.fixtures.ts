/** Shared helpers for the progress tests: build logs from weights and intakes. */
import { createRng } from '../src/random';

export const date = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** One entry per day from `weights` (null = no weigh-in that day). */
export const weightEntries = (weights: readonly (number | null)[]) =>
  weights.flatMap((kg, i) =>
    kg === null ? [] : [{ date: date(i), weight: { value: kg, unit: 'kg' as const } }],
  );

/** Standard normal draws from core's seeded RNG (Box–Muller). */
export function gaussian(seed: number): () => number {
  const rng = createRng(seed);
  return () => {
    const u = Math.max(rng.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
}

/**
 * A simulated log: true weight falling linearly at `rateKgPerWeek` from `startKg`, weigh-ins with
 * N(0, noiseSd) scatter, and a constant logged intake.
 */
export function simulatedLog(opts: {
  days: number;
  startKg: number;
  rateKgPerWeek: number;
  noiseSd: number;
  intakeKcal: number;
  seed: number;
}) {
  const z = gaussian(opts.seed);
  const truth: number[] = [];
  const entries = [];
  for (let i = 0; i < opts.days; i++) {
    const t = opts.startKg + (opts.rateKgPerWeek / 7) * i;
    truth.push(t);
    entries.push({
      date: date(i),
      weight: { value: t + opts.noiseSd * z(), unit: 'kg' as const },
      intakeKcal: opts.intakeKcal,
    });
  }
  return { truth, entries };
}
