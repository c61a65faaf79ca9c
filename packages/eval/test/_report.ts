/**
 * A report built by hand (no planner run) for the report, gate and merge tests: two models,
 * eight requests in two slices, metric values chosen so that every expected number below can be
 * computed by hand.
 */
import { EVAL_REPORT_VERSION, type EvalReportT, metricInfos, RUN_METRICS } from '../src/index';
import { comparisons } from '../src/run/evaluate';

export const SLICES = [
  'general',
  'general',
  'general',
  'general',
  'injuries',
  'injuries',
  'injuries',
  'injuries',
] as const;
/** rules: quality 80…87, latency 100…800 ms; best: quality +10 each, latency ×10, one hard violation on request 3. */
export function handReport(): EvalReportT {
  const rows = ['builtin:rules', 'builtin:rules-best'].flatMap((model, m) =>
    SLICES.map((slice, i) => ({
      model,
      requestId: `r${i}`,
      slice,
      requestHash: String(i).padStart(64, '0'),
      status: 'ok' as const,
      cached: false,
      metrics: {
        validPlan: m === 1 && i === 3 ? 0 : 1,
        hardViolations: m === 1 && i === 3 ? 1 : 0,
        'hard.ALLERGEN_PRESENT': m === 1 && i === 3 ? 1 : 0,
        qualityScore: 80 + i + 10 * m,
        kcalErrorPct: 1 + i / 10,
        latencyMs: (i + 1) * 100 * (m === 1 ? 10 : 1),
        sodiumMgPerDay: 2000 + 100 * i,
        preferredExerciseShare: null,
      },
    })),
  );
  const models = ['builtin:rules', 'builtin:rules-best'];
  return {
    schema: 'nexfitra-eval-report',
    version: EVAL_REPORT_VERSION,
    createdAt: '2026-11-29T00:00:00.000Z',
    suite: { name: 'hand', hash: 'f'.repeat(64), size: 8 },
    shard: null,
    settings: { seed: 0, bootstrap: 500, alpha: 0.05 },
    models: models.map((id, m) => ({
      id,
      kind: 'rules' as const,
      hash: `h${m}`,
      description: id,
      sizeBytes: null,
      peakRssMb: 200,
      wallMs: 1000,
      computed: 8,
      cached: 0,
    })),
    metrics: [...metricInfos(), ...RUN_METRICS],
    rows,
    comparisons: comparisons(rows, models, { seed: 0, resamples: 500, alpha: 0.05 }),
  };
}
