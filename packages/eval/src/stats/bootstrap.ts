/**
 * Paired bootstrap for the mean difference of two models on the same requests.
 *
 * Efron B, Tibshirani RJ. An Introduction to the Bootstrap. Chapman & Hall; 1993: the percentile
 * interval (ch. 13) for the mean of the paired differences, and the test of a zero mean by
 * resampling the differences shifted to mean 0 (§16.4): p = (1 + #{|m* − d̄| ≥ |d̄|}) / (B + 1).
 */
import { createRng } from '@nexfitra/core';

export interface PairedBootstrap {
  /** Pairs used. */
  readonly n: number;
  /** Mean of candidate − baseline. */
  readonly diff: number;
  /** Percentile interval of the mean difference at `1 − alpha`. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided p-value of "mean difference = 0". */
  readonly pValue: number;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * @param diffs paired differences (candidate − baseline), at least 2
 * @param options `resamples` B (default 2000), `seed` (uint32), `alpha` for the interval (default 0.05)
 * @example pairedBootstrap([1, 1, 1, 1], { seed: 1 }) // diff 1, CI [1, 1], p = 1/2001
 */
export function pairedBootstrap(
  diffs: readonly number[],
  options: { resamples?: number; seed?: number; alpha?: number } = {},
): PairedBootstrap {
  const n = diffs.length;
  const B = options.resamples ?? 2000;
  const alpha = options.alpha ?? 0.05;
  const diff = diffs.reduce((s, v) => s + v, 0) / n;
  const rng = createRng(options.seed ?? 0);
  const means = new Float64Array(B);
  let extreme = 0;
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[Math.floor(rng.next() * n)] as number;
    const m = s / n;
    means[b] = m;
    // Same resample, shifted to mean 0: |m − d̄| ≥ |d̄| (a tiny tolerance for float noise).
    if (Math.abs(m - diff) >= Math.abs(diff) - 1e-12 * Math.max(1, Math.abs(diff))) extreme++;
  }
  means.sort();
  return {
    n,
    diff,
    ciLow: quantile(means, alpha / 2),
    ciHigh: quantile(means, 1 - alpha / 2),
    pValue: (1 + extreme) / (B + 1),
  };
}

/**
 * Holm's step-down adjustment (Holm S. A simple sequentially rejective multiple test procedure.
 * Scand J Stat 1979;6:65–70): sorted p₍ᵢ₎ becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎),
 * which controls the family-wise error rate at alpha.
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
