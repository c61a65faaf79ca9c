/**
 * Where eval's time goes beyond planning, in CPU ms (load-independent) and wall ms: per request,
 * `planPlan` against scoring (`computeMetrics`: core's validatePlan + every metric, timed on a
 * second, warm pass), then per report of 5 models × 500 requests (the standard compare's size,
 * synthetic rows from the real metric rows): paired bootstrap comparisons, danfojs summaries,
 * JSON, Markdown, HTML and terminal rendering.
 * Run: `npx tsx --conditions=@nexfitra/source packages/eval/scripts/profile.ts [requests=8]`.
 */

import { cpuUsage } from 'node:process';
import { planPlan } from '@nexfitra/planner';
import {
  comparisons,
  computeMetrics,
  htmlReport,
  loadSuite,
  markdownReport,
  metricInfos,
  RUN_METRICS,
  summarize,
  terminalReport,
} from '../src/index';
import { metricInput } from '../src/metrics/_input';

const N = Number(process.argv[2] ?? 8);
const smoke = loadSuite('smoke');
const rows = smoke.rows.slice(0, N);
let tPlan = 0,
  tInput = 0,
  tMetrics = 0,
  cPlan = 0,
  cMetrics = 0;
const metricRows: Record<string, number | null>[] = [];
for (const r of rows) {
  let c0 = cpuUsage();
  let t0 = performance.now();
  const p = await planPlan(r.request);
  tPlan += performance.now() - t0;
  cPlan += cpuUsage(c0).user / 1000;
  const outcome = p.ok
    ? { ok: true, plan: p.plan, timings: { totalMs: 1 } }
    : { ok: false, failure: { code: 'X', message: '', hardCodes: [] }, timings: { totalMs: 1 } };
  computeMetrics(r.request, outcome as never); // warm-up pass (JIT), not timed
  t0 = performance.now();
  metricInput(r.request, outcome as never);
  tInput += performance.now() - t0;
  c0 = cpuUsage();
  t0 = performance.now();
  metricRows.push(computeMetrics(r.request, outcome as never));
  tMetrics += performance.now() - t0;
  cMetrics += cpuUsage(c0).user / 1000;
}
console.log(
  `per request (n=${N}): planPlan ${(tPlan / N).toFixed(0)} ms wall / ${(cPlan / N).toFixed(0)} ms cpu; computeMetrics ${(tMetrics / N).toFixed(0)} ms wall / ${(cMetrics / N).toFixed(0)} ms cpu (metricInput alone ${(tInput / N).toFixed(0)} ms); scoring/planning cpu ${(cMetrics / cPlan).toFixed(3)}`,
);
// synthetic report: 5 models × 500 requests from the real metric rows, jittered
const models = ['builtin:rules', 'builtin:rules-best', 'm#fp32', 'm#int8', 'm#int4'];
const reportRows = models.flatMap((model, mi) =>
  Array.from({ length: 500 }, (_, i) => {
    const base = metricRows[i % metricRows.length]!;
    const metrics: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(base))
      metrics[k] = typeof v === 'number' ? v * (1 + 0.05 * Math.sin(i * 7 + mi + k.length)) : v;
    return {
      model,
      requestId: `r${i}`,
      slice: `s${i % 8}`,
      requestHash: 'a'.repeat(64),
      status: 'ok' as const,
      cached: false,
      metrics,
    };
  }),
);
const report = {
  schema: 'nexfitra-eval-report' as const,
  version: '1.1.0',
  createdAt: '',
  suite: { name: 'standard', hash: 'x', size: 500 },
  shard: null,
  settings: { seed: 0, bootstrap: 2000, alpha: 0.05 },
  models: models.map((id) => ({
    id,
    kind: 'rules' as const,
    hash: 'h',
    description: id,
    sizeBytes: null,
    peakRssMb: 100,
    wallMs: 1,
    computed: 500,
    cached: 0,
  })),
  metrics: [...metricInfos(), ...RUN_METRICS],
  rows: reportRows,
  comparisons: [] as never[],
};
const time = async (label: string, f: () => unknown) => {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const r = await f();
  console.log(
    `${label}: ${(performance.now() - t0).toFixed(0)} ms wall, ${(cpuUsage(c0).user / 1000).toFixed(0)} ms cpu`,
  );
  return r;
};
console.log(`metrics per row: ${Object.keys(metricRows[0]!).length}`);
const cmp = (await time('comparisons (4 pairs × all metrics, 2000 resamples)', () =>
  comparisons(reportRows, models, { seed: 0, resamples: 2000, alpha: 0.05 }),
)) as never[];
report.comparisons = cmp;
const summary = await time('summarize (danfojs)', () => summarize(report as never));
await time('JSON.stringify', () => JSON.stringify(report));
await time('markdown', () => markdownReport(report as never, summary as never));
await time('html', () => htmlReport(report as never, summary as never));
await time('terminal', () => terminalReport(report as never, summary as never));
