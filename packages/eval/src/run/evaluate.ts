/**
 * `run` and `compare` as a library call: resolve the models, run each over the suite (or a
 * shard), and build the versioned report with paired comparisons against the first model.
 */

import { metricInfos, RUN_METRICS } from '../metrics/catalogue';
import { resolveModel } from '../model/resolveModel';
import type { PlanModel } from '../model/types';
import { EVAL_REPORT_VERSION, type EvalReportT, type ModelRunT, type ResultRowT } from '../report/schema';
import { comparePair } from '../stats/compare';
import type { Suite } from '../suite/suiteRow';
import { WorkerPool } from './_pool';
import { ResultCache } from './cache';
import { type RunOptions, runModel, type Shard } from './runModel';

export interface EvaluateOptions {
  /** `false` to run without a cache; a folder; default the default cache folder. */
  readonly cache?: false | string;
  readonly concurrency?: number;
  readonly shard?: Shard;
  readonly timeoutMs?: number;
  /** Seed of the bootstrap (default 0). */
  readonly seed?: number;
  readonly resamples?: number;
  readonly alpha?: number;
  readonly onProgress?: (model: string, done: number, total: number, cached: number) => void;
}

/** Paired comparisons of every model against the first, over the given rows. */
export function comparisons(
  rows: readonly ResultRowT[],
  models: readonly string[],
  o: { seed: number; resamples: number; alpha: number },
) {
  const infos = metricInfos();
  const [baseline, ...rest] = models;
  return baseline === undefined ? [] : rest.flatMap((m) => comparePair(rows, baseline, m, infos, o));
}

/** Runs `models` (CLI model arguments) over `suite` and returns the report. */
export async function evaluate(
  modelSpecs: readonly string[],
  suite: Suite,
  options: EvaluateOptions = {},
): Promise<EvalReportT> {
  const cache = options.cache === false ? undefined : new ResultCache(options.cache);
  const settings = {
    seed: options.seed ?? 0,
    bootstrap: options.resamples ?? 2000,
    alpha: options.alpha ?? 0.05,
  };
  const runs: ModelRunT[] = [];
  const rows: ResultRowT[] = [];
  // Every model argument resolves here first, so an unavailable model stops the run before any work.
  const models: PlanModel[] = [];
  try {
    for (const spec of modelSpecs) models.push(await resolveModel(spec));
  } catch (e) {
    await Promise.all(models.map((m) => m.dispose()));
    throw e;
  }
  // One pool of worker processes for every model, started on the first request the cache does
  // not answer: start-up is paid once per run, and not at all by a cached rerun.
  const concurrency = options.concurrency ?? 1;
  let pool: Promise<WorkerPool> | undefined;
  const getPool =
    concurrency > 1 && WorkerPool.available()
      ? () => {
          pool ??= WorkerPool.start(concurrency, options.timeoutMs ?? 120_000);
          return pool;
        }
      : undefined;
  try {
    for (const [k, spec] of modelSpecs.entries()) {
      const model = models[k] as PlanModel;
      const ro: RunOptions = {
        ...(cache ? { cache } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        // Plan models are CPU-bound (the planner's solver, onnxruntime's decode steps and the
        // repair's LPs on the JS thread): with concurrency > 1 each worker process plans on its own core.
        workerSpec: spec,
        ...(getPool ? { _pool: getPool } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        onProgress: (d, t, c) => options.onProgress?.(spec, d, t, c),
      };
      const r = await runModel(model, suite, ro);
      runs.push(r.run);
      rows.push(...r.rows);
    }
  } finally {
    await (await pool?.catch(() => undefined))?.close();
    await Promise.all(models.map((m) => m.dispose()));
  }
  return {
    schema: 'nexfitra-eval-report',
    version: EVAL_REPORT_VERSION,
    createdAt: new Date().toISOString(),
    suite: { name: suite.name, hash: suite.hash, size: suite.rows.length },
    shard: options.shard ?? null,
    settings,
    models: runs,
    metrics: [...metricInfos(), ...RUN_METRICS],
    rows,
    comparisons: options.shard
      ? []
      : comparisons(rows, modelSpecs, {
          seed: settings.seed,
          resamples: settings.bootstrap,
          alpha: settings.alpha,
        }),
  };
}
