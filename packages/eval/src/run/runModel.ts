/**
 * Runs one model over a suite (or one shard of it): cached results are reused, the rest are
 * planned with at most `concurrency` calls in flight, and every outcome becomes a row of
 * metrics. A model that throws gives an `error` row with the message; the run goes on.
 */

import type { PlanModel } from '../model/types';
import type { ModelRunT, ResultRowT } from '../report/schema';
import type { Suite, SuiteRowT } from '../suite/suiteRow';
import { type PlanOneResult, planOne } from './_planOne';
import { WorkerPool } from './_pool';
import { type ResultCache, requestHash } from './cache';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface RunOptions {
  readonly cache?: ResultCache;
  /**
   * Calls in flight at once (default 1). With `workerSpec`, that many worker processes each load
   * the model, so a CPU-bound model (the rule planner) uses that many cores; otherwise calls
   * overlap in this thread (for models that wait on I/O or a runtime's own threads).
   */
  readonly concurrency?: number;
  /** The model's CLI argument, for worker processes to resolve it themselves (see `concurrency`). */
  readonly workerSpec?: string;
  readonly shard?: Shard;
  /** Per-request wall limit, ms, passed to the model as an AbortSignal (default 120 000). */
  readonly timeoutMs?: number;
  /** Settings that change a model's output (part of the cache key). */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly onProgress?: (done: number, total: number, cached: number) => void;
  /** @internal The pool of worker processes shared by the models of one `evaluate` (started on first use; used with `workerSpec`). */
  readonly _pool?: () => Promise<WorkerPool>;
}

/** The rows of a shard: row i (0-based) belongs to shard (i mod count) + 1. */
export function shardRows(rows: readonly SuiteRowT[], shard?: Shard): SuiteRowT[] {
  if (shard === undefined) return [...rows];
  return rows.filter((_, i) => i % shard.count === shard.index - 1);
}

/** Runs `model` over `suite` and returns its rows and run-level figures. */
export async function runModel(
  model: PlanModel,
  suite: Suite,
  options: RunOptions = {},
): Promise<{ run: ModelRunT; rows: ResultRowT[] }> {
  const rows = shardRows(suite.rows, options.shard);
  const settings = options.settings ?? {};
  const out: ResultRowT[] = new Array(rows.length);
  let done = 0;
  let cached = 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  sampler.unref();
  const t0 = performance.now();
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, rows.length));
  const spec = options.workerSpec;
  const timeoutMs = options.timeoutMs ?? 120_000;
  // Worker processes start on the first request the cache does not answer (a cached rerun starts none).
  let own: WorkerPool | undefined;
  let poolP: Promise<WorkerPool | undefined> | undefined;
  const getPool = (): Promise<WorkerPool | undefined> => {
    poolP ??=
      spec === undefined || concurrency < 2
        ? Promise.resolve(undefined)
        : options._pool
          ? options._pool()
          : WorkerPool.available()
            ? WorkerPool.start(concurrency, timeoutMs, spec).then((p) => {
                own = p;
                return p;
              })
            : Promise.resolve(undefined);
    return poolP;
  };
  const plan = async (request: SuiteRowT['request']): Promise<PlanOneResult> => {
    const pool = await getPool();
    return pool && spec !== undefined ? pool.run(spec, request) : planOne(model, request, timeoutMs);
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= rows.length) return;
      const row = rows[i] as SuiteRowT;
      const reqHash = requestHash(row.request);
      const key = options.cache?.key(model.hash, reqHash, settings);
      const hit = key === undefined ? undefined : options.cache?.get(key);
      const base = { model: model.id, requestId: row.id, slice: row.slice, requestHash: reqHash };
      if (hit) {
        out[i] = {
          ...base,
          status: hit.status,
          ...(hit.error !== undefined ? { error: hit.error } : {}),
          cached: true,
          metrics: hit.metrics,
        };
        cached++;
      } else {
        const r = await plan(row.request);
        peak = Math.max(peak, process.memoryUsage().rss);
        out[i] = { ...base, ...r, cached: false };
        if (key !== undefined && r.status !== 'error')
          options.cache?.set(key, {
            status: r.status,
            metrics: r.metrics,
            ...(r.error !== undefined ? { error: r.error } : {}),
          });
      }
      done++;
      options.onProgress?.(done, rows.length, cached);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearInterval(sampler);
    // With worker processes the model ran in them: report the largest worker's memory.
    const pool = poolP ? await poolP.catch(() => undefined) : undefined;
    if (pool && spec !== undefined) peak = pool.peakRssOf(spec) || peak;
    await own?.close();
  }
  const computed = rows.length - cached;
  return {
    run: {
      id: model.id,
      kind: model.kind,
      hash: model.hash,
      description: model.description,
      sizeBytes: model.sizeBytes ?? null,
      ...(model.dtype !== undefined ? { dtype: model.dtype } : {}),
      peakRssMb: computed > 0 ? peak / 2 ** 20 : null,
      wallMs: performance.now() - t0,
      computed,
      cached,
    },
    rows: out,
  };
}
