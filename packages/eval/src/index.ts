/**
 * @packageDocumentation
 * `@nexfitra/eval`: the `nexfitra-eval` CLI as a library — run plan models over benchmark
 * suites, score every plan with core's validators, compare models pairwise with bootstrap
 * intervals and Holm-adjusted verdicts, and write terminal, JSON, Markdown and HTML reports.
 */

// suites
export { buildSuites, stressRows } from './suite/buildSuites';
export type { ShippedSuites } from './suite/buildSuites';
export { loadSuite, SHIPPED_SUITES } from './suite/loadSuite';
export type { LoadSuiteOptions } from './suite/loadSuite';
export { readSuiteFile, SuiteValidationError, suiteHash } from './suite/readSuite';
export type { SuiteProblem } from './suite/readSuite';
export { STRESS_SLICES } from './suite/stressSlices';
export { SliceName, SuiteRow } from './suite/suiteRow';
export type { Suite, SuiteRowT } from './suite/suiteRow';
export { suiteToArrow, writeSuiteFile } from './suite/writeSuite';

// models
export { folderIdentity, inferenceModel, ModelUnavailableError } from './model/inference';
export { resolveModel } from './model/resolveModel';
export { RULE_MODEL_IDS, ruleModel } from './model/rules';
export type { RuleModelId } from './model/rules';
export type { PlanModel, PlanModelKind, PlanOutcome, RepairSummary } from './model/types';

// metrics
export {
  computeMetrics,
  METRIC_FAMILIES,
  METRICS_VERSION,
  metricInfo,
  metricInfos,
  REQUEST_METRICS,
  RUN_METRICS,
} from './metrics/catalogue';
export { DRI_NUTRIENTS, SODIUM_CDRR_MG } from './metrics/nutrition';
export { QUALITY_PARTS, qualityScore } from './metrics/other';
export { PATTERN_GROUPS } from './metrics/training';
export type { Direction, MetricFamily, MetricGroup, MetricInfo, RequestMetric } from './metrics/types';

// running
export { DEFAULT_CACHE_DIR, ResultCache, requestHash } from './run/cache';
export type { CacheEntry } from './run/cache';
export { comparisons, evaluate } from './run/evaluate';
export type { EvaluateOptions } from './run/evaluate';
export { mergeReports } from './run/merge';
export { runModel, shardRows } from './run/runModel';
export type { RunOptions, Shard } from './run/runModel';

// statistics
export { holm, pairedBootstrap } from './stats/bootstrap';
export type { PairedBootstrap } from './stats/bootstrap';
export { comparePair } from './stats/compare';
export type { CompareOptions } from './stats/compare';

// reports and gates
export { failingModels, parseGate } from './gate/failIf';
export { htmlReport } from './report/html';
export {
  Comparison,
  EVAL_REPORT_VERSION,
  EvalReport,
  MetricInfoSchema,
  ModelRun,
  ResultRow,
  Verdict,
} from './report/schema';
export type { ComparisonT, EvalReportT, ModelRunT, ResultRowT, VerdictT } from './report/schema';
export { quantileSorted, summarize } from './report/summarize';
export type { Summary, SummaryRow } from './report/summarize';
export { markdownReport, terminalReport } from './report/text';

// CLI
export { EXIT, main, USAGE } from './cli/main';
