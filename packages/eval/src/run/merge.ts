/**
 * Joins shard reports of one run into the report of the whole suite: same suite hash, same
 * models (by id and hash), settings equal, shards 1…n each once, no request twice. Comparisons
 * are recomputed on the joined rows; run-level figures are summed (wall time, counts) or maxed
 * (peak memory).
 */
import { NexFitraError } from '@nexfitra/core';
import { EvalReport, type EvalReportT, type ModelRunT } from '../report/schema';
import { comparisons } from './evaluate';

const FN = 'mergeReports';
const bad = (path: (string | number)[], value: unknown, allowed: string) =>
  new NexFitraError({ code: 'INCONSISTENT', fn: FN, path, value, allowed });

/** @throws {NexFitraError} `SCHEMA` for a document that is not a 1.x report, `INCONSISTENT` for shards that do not belong together */
export function mergeReports(inputs: readonly unknown[]): EvalReportT {
  const reports = inputs.map((r, i) => {
    const p = EvalReport.safeParse(r);
    if (!p.success)
      throw new NexFitraError({
        code: 'SCHEMA',
        fn: FN,
        path: [i, ...(p.error.issues[0]?.path ?? [])].map(String),
        value: p.error.issues[0]?.message,
        allowed: 'a nexfitra-eval report 1.x',
      });
    return p.data;
  });
  const [first] = reports;
  if (first === undefined) throw bad(['reports'], 0, 'at least one report');
  const count = first.shard?.count ?? 1;
  const seen = new Set<number>();
  reports.forEach((r, i) => {
    if (r.suite.hash !== first.suite.hash)
      throw bad(
        [i, 'suite', 'hash'],
        r.suite.hash,
        `the suite of report 0 (${first.suite.hash.slice(0, 12)}…)`,
      );
    if (JSON.stringify(r.settings) !== JSON.stringify(first.settings))
      throw bad([i, 'settings'], r.settings, JSON.stringify(first.settings));
    const ids = r.models.map((m) => `${m.id}@${m.hash}`).join(',');
    if (ids !== first.models.map((m) => `${m.id}@${m.hash}`).join(','))
      throw bad([i, 'models'], ids, 'the same models (id and hash) as report 0');
    const idx = r.shard?.index ?? 1;
    if ((r.shard?.count ?? 1) !== count) throw bad([i, 'shard', 'count'], r.shard?.count ?? 1, String(count));
    if (seen.has(idx)) throw bad([i, 'shard', 'index'], idx, 'each shard once');
    seen.add(idx);
  });
  if (seen.size !== count) throw bad(['shards'], [...seen].sort(), `all ${count} shards`);
  const rows = reports.flatMap((r) => r.rows);
  const keys = new Set<string>();
  for (const r of rows) {
    const k = `${r.model}\n${r.requestId}`;
    if (keys.has(k)) throw bad(['rows'], r.requestId, 'each request once per model');
    keys.add(k);
  }
  if (keys.size !== first.suite.size * first.models.length)
    throw bad(['rows'], keys.size, `${first.suite.size * first.models.length} rows (suite size × models)`);
  const models: ModelRunT[] = first.models.map((m) => {
    const parts = reports.map((r) => r.models.find((x) => x.id === m.id) as ModelRunT);
    const peaks = parts.map((p) => p.peakRssMb).filter((v): v is number => v !== null);
    return {
      ...m,
      wallMs: parts.reduce((s, p) => s + p.wallMs, 0),
      computed: parts.reduce((s, p) => s + p.computed, 0),
      cached: parts.reduce((s, p) => s + p.cached, 0),
      peakRssMb: peaks.length ? Math.max(...peaks) : null,
    };
  });
  const ids = models.map((m) => m.id);
  return {
    ...first,
    createdAt: new Date().toISOString(),
    shard: null,
    models,
    rows,
    comparisons: comparisons(rows, ids, {
      seed: first.settings.seed,
      resamples: first.settings.bootstrap,
      alpha: first.settings.alpha,
    }),
  };
}
