/**
 * Every metric eval reports, each defined once: key, unit, direction, group, documentation and
 * computation live in one object (the `doc` text is what reports print). Per-request metrics
 * are computed by {@link computeMetrics}; run-level ones (peak memory, size) by the runner.
 */
import type { PlanRequestT } from '@nexfitra/core';
import type { PlanOutcome } from '../model/types';
import { metricInput } from './_input';
import { BEFORE_REPAIR_METRICS, NUTRITION_FAMILIES, NUTRITION_METRICS } from './nutrition';
import { PREFERENCE_METRICS, QUALITY_SCORE, qualityScore } from './other';
import { TRAINING_FAMILIES, TRAINING_METRICS } from './training';
import type { MetricFamily, MetricInfo, RequestMetric } from './types';
import { VALIDITY_FAMILIES, VALIDITY_METRICS } from './validity';

/** Bump when a metric's definition changes: cached results of older versions are recomputed. */
export const METRICS_VERSION = 2;

export const REQUEST_METRICS: readonly RequestMetric[] = [
  ...VALIDITY_METRICS,
  ...NUTRITION_METRICS,
  ...BEFORE_REPAIR_METRICS,
  ...TRAINING_METRICS,
  ...PREFERENCE_METRICS,
  QUALITY_SCORE,
];
export const METRIC_FAMILIES: readonly MetricFamily[] = [
  ...VALIDITY_FAMILIES,
  ...NUTRITION_FAMILIES,
  ...TRAINING_FAMILIES,
];

/** Run-level metrics: one value per model and run. */
export const RUN_METRICS: readonly MetricInfo[] = [
  {
    key: 'peakRssMb',
    unit: 'MiB',
    better: 'lower',
    group: 'size',
    doc: "Peak resident memory while the model ran, MiB: the eval process sampled every 25 ms, or with --concurrency > 1 the largest worker RSS after a request of this model (workers serve the models in turn, so a later model may carry some of an earlier one's heap); includes eval itself.",
  },
  {
    key: 'modelSizeMb',
    unit: 'MiB',
    better: 'lower',
    group: 'size',
    doc: "Bytes on disk of the files the model loads / 2^20: the folder without the other dtypes' weights and training checkpoints (folder#int4 counts onnx/model_q4.onnx, not model.onnx or model.safetensors); null for rule models (code, not weights).",
  },
];

/** Every per-request metric key with its info, families expanded. */
export function metricInfos(): MetricInfo[] {
  const singles: MetricInfo[] = REQUEST_METRICS.map(({ compute: _c, ...info }) => info);
  const fams = METRIC_FAMILIES.flatMap(({ prefix, members, compute: _c, ...info }) =>
    members().map((m) => ({ ...info, key: `${prefix}.${m}` })),
  );
  return [...singles, ...fams];
}

const VALUE_BY_KEY = new Map(metricInfos().map((m) => [m.key, m]));

/** The info of a metric key (families included), or `undefined`. */
export function metricInfo(key: string): MetricInfo | undefined {
  return VALUE_BY_KEY.get(key) ?? RUN_METRICS.find((m) => m.key === key);
}

/** Every per-request metric for one request and the model's outcome; `null` where one does not apply. */
export function computeMetrics(request: PlanRequestT, outcome: PlanOutcome): Record<string, number | null> {
  const x = metricInput(request, outcome);
  const out: Record<string, number | null> = {};
  for (const m of REQUEST_METRICS) out[m.key] = m.compute(x);
  for (const f of METRIC_FAMILIES) {
    const vals = f.compute(x);
    for (const member of f.members()) out[`${f.prefix}.${member}`] = vals[member] ?? null;
    for (const [member, v] of Object.entries(vals)) out[`${f.prefix}.${member}`] = v;
  }
  const sodium = out['sodiumDaysOverShare'];
  out['qualityScore'] = qualityScore(
    { ...out, sodiumOk: sodium === null || sodium === undefined ? null : 1 - sodium },
    out['validPlan'] === 1,
  );
  return out;
}
