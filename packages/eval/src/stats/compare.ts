/**
 * Paired comparison of two models on the same requests, metric by metric: mean difference with
 * a bootstrap percentile interval (95 %, unadjusted), a bootstrap p-value, and Holm's adjustment
 * over all metrics compared for the pair; the verdict (better / worse / no significant
 * difference) follows the Holm-adjusted p at `alpha` and the metric's direction.
 */

import type { z } from 'zod';
import type { ComparisonT, MetricInfoSchema, ResultRowT, VerdictT } from '../report/schema';
import { holm, pairedBootstrap } from './bootstrap';

export interface CompareOptions {
  readonly seed?: number;
  readonly resamples?: number;
  readonly alpha?: number;
}

type Info = z.infer<typeof MetricInfoSchema>;

/** Comparisons of `candidate` against `baseline` for every metric with at least two pairs. */
export function comparePair(
  rows: readonly ResultRowT[],
  baseline: string,
  candidate: string,
  metrics: readonly Info[],
  options: CompareOptions = {},
): ComparisonT[] {
  const alpha = options.alpha ?? 0.05;
  const base = new Map(rows.filter((r) => r.model === baseline).map((r) => [r.requestId, r]));
  const cand = rows.filter((r) => r.model === candidate);
  const out: ComparisonT[] = [];
  const tested: number[] = [];
  metrics.forEach((m, k) => {
    const pairs: [number, number][] = [];
    for (const c of cand) {
      const a = base.get(c.requestId)?.metrics[m.key];
      const b = c.metrics[m.key];
      if (typeof a === 'number' && typeof b === 'number') pairs.push([a, b]);
    }
    const mean = (i: 0 | 1) =>
      pairs.length === 0 ? null : pairs.reduce((s, p) => s + p[i], 0) / pairs.length;
    const row = {
      baseline,
      candidate,
      metric: m.key,
      n: pairs.length,
      meanBaseline: mean(0),
      meanCandidate: mean(1),
    };
    if (pairs.length < 2) {
      out.push({
        ...row,
        diff: null,
        ciLow: null,
        ciHigh: null,
        pValue: null,
        pAdjusted: null,
        verdict: 'n/a',
      });
      return;
    }
    const diffs = pairs.map(([a, b]) => b - a);
    const bs = diffs.every((d) => d === 0)
      ? { diff: 0, ciLow: 0, ciHigh: 0, pValue: 1 }
      : pairedBootstrap(diffs, {
          seed: ((options.seed ?? 0) + k) >>> 0,
          resamples: options.resamples ?? 2000,
          alpha,
        });
    tested.push(out.length);
    out.push({
      ...row,
      diff: bs.diff,
      ciLow: bs.ciLow,
      ciHigh: bs.ciHigh,
      pValue: bs.pValue,
      pAdjusted: null,
      verdict: 'n/a',
    });
  });
  const adjusted = holm(tested.map((i) => out[i]?.pValue as number));
  tested.forEach((i, j) => {
    const c = out[i] as ComparisonT;
    const info = metrics.find((m) => m.key === c.metric) as Info;
    const p = adjusted[j] as number;
    let verdict: VerdictT = 'no significant difference';
    if (p < alpha && c.diff !== 0) {
      if (info.better === 'neutral') verdict = 'differs';
      else verdict = (c.diff as number) > 0 === (info.better === 'higher') ? 'better' : 'worse';
    }
    out[i] = { ...c, pAdjusted: p, verdict };
  });
  return out;
}
