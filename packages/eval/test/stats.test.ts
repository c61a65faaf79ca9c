/**
 * Bootstrap and Holm against independent expectations: Holm's worked example (values by hand
 * from the definition), a constant difference (CI collapses to the constant), a symmetric
 * zero-mean sample (p large), and the normal-theory interval for a large sample.
 */
import { describe, expect, it } from 'vitest';
import { comparePair, holm, metricInfos, pairedBootstrap, type ResultRowT } from '../src/index';

describe('holm', () => {
  it('matches the step-down definition by hand', () => {
    // sorted 0.01, 0.03, 0.04 × (3, 2, 1) = 0.03, 0.06, 0.04 → running max 0.03, 0.06, 0.06
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });
});

describe('pairedBootstrap', () => {
  it('a constant difference: CI = [c, c], p = 1/(B+1)', () => {
    const r = pairedBootstrap([2, 2, 2, 2, 2], { resamples: 999, seed: 3 });
    expect(r.diff).toBe(2);
    expect(r.ciLow).toBe(2);
    expect(r.ciHigh).toBe(2);
    expect(r.pValue).toBeCloseTo(1 / 1000, 12);
  });

  it('a symmetric sample around 0 is not significant', () => {
    const r = pairedBootstrap([-3, -2, -1, 0, 1, 2, 3], { resamples: 2000, seed: 1 });
    expect(r.diff).toBe(0);
    expect(r.pValue).toBeGreaterThan(0.5);
  });

  it('a large sample: the 95 % interval ≈ mean ± 1.96·sd/√n (normal theory)', () => {
    // d_i = (i mod 10) − 4.5 + 1: mean 1, population sd √8.25 (uniform 0…9), n = 1000.
    const d = Array.from({ length: 1000 }, (_, i) => (i % 10) - 4.5 + 1);
    const r = pairedBootstrap(d, { resamples: 4000, seed: 7 });
    const half = (1.96 * Math.sqrt(8.25)) / Math.sqrt(1000);
    expect(r.ciLow).toBeCloseTo(1 - half, 1);
    expect(r.ciHigh).toBeCloseTo(1 + half, 1);
    expect(r.pValue).toBeLessThan(0.001);
  });

  it('is deterministic for a seed', () => {
    const d = [0.3, -0.1, 0.7, 0.2, 0.4];
    expect(pairedBootstrap(d, { seed: 5 })).toEqual(pairedBootstrap(d, { seed: 5 }));
  });
});

describe('comparePair', () => {
  const row = (model: string, i: number, metrics: Record<string, number | null>): ResultRowT => ({
    model,
    requestId: `r${i}`,
    slice: 's',
    requestHash: '0'.repeat(64),
    status: 'ok',
    cached: false,
    metrics,
  });
  it('verdicts follow the direction: lower latency is better, lower validity is worse, equal is no difference', () => {
    const rows = [
      ...Array.from({ length: 30 }, (_, i) =>
        row('a', i, { latencyMs: 100 + i, validPlan: 1, kcalErrorPct: 1 }),
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        row('b', i, { latencyMs: 50 + i, validPlan: i < 20 ? 1 : 0, kcalErrorPct: 1 }),
      ),
    ];
    const c = comparePair(rows, 'a', 'b', metricInfos(), { seed: 1 });
    const v = (k: string) => c.find((x) => x.metric === k);
    expect(v('latencyMs')?.verdict).toBe('better');
    expect(v('latencyMs')?.diff).toBe(-50);
    expect(v('validPlan')?.verdict).toBe('worse');
    expect(v('validPlan')?.diff).toBeCloseTo(-10 / 30, 12);
    expect(v('kcalErrorPct')?.verdict).toBe('no significant difference');
    expect(v('sodiumMgPerDay')?.verdict).toBe('n/a');
    // Holm never lowers a p-value.
    for (const x of c) if (x.pValue !== null) expect(x.pAdjusted).toBeGreaterThanOrEqual(x.pValue);
  });
});
