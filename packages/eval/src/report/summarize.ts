/**
 * Summary tables of a report with danfojs-node group-bys: the mean of each metric per model and
 * per model × slice, over the requests where the metric applies (nulls left out: a value column
 * with nulls as 0 and an indicator column are summed per group and divided — danfojs's own
 * `mean` counts nulls as 0). Latency percentiles are computed directly (danfojs has no grouped
 * quantile).
 */
import type { EvalReportT } from './schema';

export interface SummaryRow {
  readonly model: string;
  readonly slice?: string;
  /** Requests in the group. */
  readonly n: number;
  /** Mean of each metric over the requests where it applies; `null` where none does. */
  readonly means: Readonly<Record<string, number | null>>;
}

export interface Summary {
  readonly byModel: readonly SummaryRow[];
  readonly bySlice: readonly SummaryRow[];
  /** Per model: latency p50 and p95 (ms) of computed (uncached) and cached results alike. */
  readonly latency: Readonly<Record<string, { readonly p50: number; readonly p95: number }>>;
}

/** Linear-interpolation quantile of a sorted array (type 7 of Hyndman & Fan 1996, R's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

type Danfo = typeof import('danfojs-node');

function groupMeans(
  dfd: Danfo,
  report: EvalReportT,
  keys: readonly string[],
  by: readonly ('model' | 'slice')[],
): SummaryRow[] {
  const cols: Record<string, (string | number)[]> = { model: [], slice: [], one: [] };
  const safe = keys.map((_, i) => `m${i}`);
  for (const s of safe) {
    cols[s] = [];
    cols[`${s}_n`] = [];
  }
  for (const r of report.rows) {
    cols['model']?.push(r.model);
    cols['slice']?.push(r.slice);
    cols['one']?.push(1);
    keys.forEach((k, i) => {
      const v = r.metrics[k];
      cols[safe[i] as string]?.push(typeof v === 'number' ? v : 0);
      cols[`${safe[i]}_n`]?.push(typeof v === 'number' ? 1 : 0);
    });
  }
  const df = new dfd.DataFrame(cols);
  const valueCols = ['one', ...safe.flatMap((s) => [s, `${s}_n`])];
  const summed = dfd.toJSON(
    df
      .groupby([...by])
      .col(valueCols)
      .sum(),
  ) as Record<string, string | number>[];
  return summed.map((g) => {
    const means: Record<string, number | null> = {};
    keys.forEach((k, i) => {
      const n = g[`${safe[i]}_n_sum`] as number;
      means[k] = n > 0 ? (g[`${safe[i]}_sum`] as number) / n : null;
    });
    return {
      model: String(g['model']),
      ...(by.includes('slice') ? { slice: String(g['slice']) } : {}),
      n: g['one_sum'] as number,
      means,
    };
  });
}

/** The summary tables of `report` (metrics in the report's order). danfojs-node is loaded on first use (it takes seconds). */
export async function summarize(report: EvalReportT): Promise<Summary> {
  const m = (await import('danfojs-node')) as Danfo & { default?: Danfo };
  const dfd = typeof m.DataFrame === 'function' ? m : (m.default as Danfo);
  const keys = report.metrics.map((m) => m.key).filter((k) => report.rows.some((r) => k in r.metrics));
  const order = new Map(report.models.map((m, i) => [m.id, i]));
  const byModel = groupMeans(dfd, report, keys, ['model']).sort(
    (a, b) => (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0),
  );
  const bySlice = groupMeans(dfd, report, keys, ['model', 'slice']).sort(
    (a, b) =>
      (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0) || (a.slice ?? '').localeCompare(b.slice ?? ''),
  );
  const latency: Record<string, { p50: number; p95: number }> = {};
  for (const m of report.models) {
    const xs = report.rows
      .filter((r) => r.model === m.id)
      .map((r) => r.metrics['latencyMs'])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    latency[m.id] = { p50: quantileSorted(xs, 0.5), p95: quantileSorted(xs, 0.95) };
  }
  return { byModel, bySlice, latency };
}
