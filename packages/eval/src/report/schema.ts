/**
 * The JSON document `run`, `compare` and `merge` write, versioned: a reader checks `schema` and
 * the major of `version` before trusting the rest. Per-request rows are kept (not only
 * summaries) so that shards merge exactly and paired statistics can be recomputed.
 */
import { z } from 'zod';

/** Semantic version of the report format; a reader accepts the same major. */
export const EVAL_REPORT_VERSION = '1.1.0';

export const ResultRow = z.strictObject({
  model: z.string().min(1),
  requestId: z.string().min(1),
  slice: z.string().min(1),
  requestHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** `error`: the model threw (a bug in the model path, reported with its message). */
  status: z.enum(['ok', 'refused', 'failed', 'error']),
  error: z.string().optional(),
  cached: z.boolean(),
  metrics: z.record(z.string(), z.number().nullable()),
});

export const ModelRun = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['rules', 'text']),
  hash: z.string(),
  description: z.string(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** Weight dtype a text model ran (`fp32`, `fp16`, `int8`, `int4`); absent for rule models and 1.0 reports. */
  dtype: z.string().optional(),
  /** Peak resident memory sampled while this model ran, MiB (eval included). */
  peakRssMb: z.number().nonnegative().nullable(),
  /** Wall time of this model over the suite (or shard), ms, cache hits included. */
  wallMs: z.number().nonnegative(),
  computed: z.number().int().nonnegative(),
  cached: z.number().int().nonnegative(),
});

export const MetricInfoSchema = z.strictObject({
  key: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower', 'neutral']),
  group: z.string(),
  doc: z.string(),
});

export const Verdict = z.enum(['better', 'worse', 'no significant difference', 'differs', 'n/a']);

export const Comparison = z.strictObject({
  baseline: z.string(),
  candidate: z.string(),
  metric: z.string(),
  /** Requests where both models have a value (the pairs). */
  n: z.number().int().nonnegative(),
  meanBaseline: z.number().nullable(),
  meanCandidate: z.number().nullable(),
  /** mean(candidate − baseline) over the pairs. */
  diff: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /** Two-sided paired bootstrap p-value, and after Holm's step-down over this pair's metrics. */
  pValue: z.number().nullable(),
  pAdjusted: z.number().nullable(),
  verdict: Verdict,
});

export const EvalReport = z.strictObject({
  schema: z.literal('nexfitra-eval-report'),
  version: z.string().regex(/^1\.\d+\.\d+$/, 'a 1.x report (this reader)'),
  createdAt: z.string(),
  suite: z.strictObject({ name: z.string(), hash: z.string(), size: z.number().int().positive() }),
  shard: z
    .strictObject({ index: z.number().int().positive(), count: z.number().int().positive() })
    .nullable(),
  settings: z.strictObject({
    seed: z.number().int().nonnegative(),
    bootstrap: z.number().int().positive(),
    alpha: z.number().positive().max(0.5),
  }),
  models: z.array(ModelRun).min(1),
  metrics: z.array(MetricInfoSchema),
  rows: z.array(ResultRow),
  comparisons: z.array(Comparison),
});

export type ResultRowT = z.infer<typeof ResultRow>;
export type ModelRunT = z.infer<typeof ModelRun>;
export type ComparisonT = z.infer<typeof Comparison>;
export type VerdictT = z.infer<typeof Verdict>;
export type EvalReportT = z.infer<typeof EvalReport>;
