/** @internal Number formatting and the headline metrics shared by the text reports. */
import type { ComparisonT, EvalReportT } from './schema';

/** The metrics the tables show first (all metrics are in the JSON). */
export const HEADLINE = [
  'validPlan',
  'hardViolations',
  'refused',
  'kcalErrorPct',
  'kcalErrorPctBeforeRepair',
  'proteinErrorG',
  'proteinErrorGBeforeRepair',
  'fatErrorGBeforeRepair',
  'carbsErrorGBeforeRepair',
  'daysInBandShare',
  'sodiumMgPerDay',
  'sodiumDaysOverShare',
  'dri.calcium_mg',
  'singleUseFoodShare',
  'softViolations',
  'weeklySetsInRangeShare',
  'patternCoverage',
  'progressionShare',
  'sessionFitShare',
  'preferredExerciseShare',
  'cuisineFit',
  'repairChangePct',
  'repairGramsPerDay',
  'repairItemsResized',
  'repairSwaps',
  'latencyMs',
  'cpuMs',
  'firstOutputMs',
  'tokensPerSecond',
  'qualityScore',
] as const;

export function fmt(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (unit === 'share') return `${(v * 100).toFixed(1)} %`;
  const a = Math.abs(v);
  const s = a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
  return s;
}

/** A model's mean in a table: `n/a` where the metric does not apply to the model (e.g. before-repair error of a rule model). */
export function fmtMean(v: number | null | undefined, unit = ''): string {
  return v === null || v === undefined ? 'n/a' : fmt(v, unit);
}

export function fmtDiff(c: ComparisonT | undefined, unit: string): string {
  if (c === undefined || c.diff === null) return '';
  const k = unit === 'share' ? 100 : 1;
  const u = unit === 'share' ? ' pp' : '';
  const f = (x: number | null) => (x === null ? '–' : (x * k).toFixed(Math.abs(x * k) >= 100 ? 0 : 2));
  return `${c.diff * k >= 0 ? '+' : ''}${f(c.diff)}${u} [${f(c.ciLow)}, ${f(c.ciHigh)}] ${c.verdict}`;
}

/** Metrics to show: the headline ones present in the report, then any hard-violation code that occurred. */
export function shownMetrics(report: EvalReportT): string[] {
  const present = new Set(
    report.rows.flatMap((r) => Object.keys(r.metrics).filter((k) => r.metrics[k] !== null)),
  );
  const hard = [...present].filter(
    (k) => k.startsWith('hard.') && report.rows.some((r) => (r.metrics[k] ?? 0) > 0),
  );
  return [...HEADLINE.filter((k) => present.has(k)), ...hard.sort()];
}

/**
 * What a report covers, for its title lines: "500 requests", or for a shard "shard 1/10 of the
 * 500 requests (50 here; paired verdicts come from `nexfitra-eval merge` of every shard)": a
 * shard's report holds no comparisons, and its header must not claim the whole suite.
 */
export function scopeText(report: EvalReportT): string {
  const n = report.suite.size;
  if (!report.shard) return `${n} requests`;
  const here = new Set(report.rows.map((r) => r.requestId)).size;
  return `shard ${report.shard.index}/${report.shard.count} of the ${n} requests (${here} here; paired verdicts come from \`nexfitra-eval merge\` of every shard)`;
}
