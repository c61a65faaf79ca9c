/**
 * Runner, cache, shards and merge with a counting stand-in model (so the cache is tested on its
 * own), then the real rule planner on a slice of `smoke`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EVAL_REPORT_VERSION,
  EvalReport,
  type EvalReportT,
  evaluate,
  loadSuite,
  mergeReports,
  metricInfos,
  type PlanModel,
  ResultCache,
  RUN_METRICS,
  runModel,
  type Suite,
} from '../src/index';
import { comparisons } from '../src/run/evaluate';
import { dayTotal, FULL_BODY, type Item, plainFoods, plan, weeks } from './_plans';

const smoke = loadSuite('smoke');
const [a] = plainFoods as [Item['food']];

/** Answers every request with the same hand-built plan (for that request) and counts its calls. */
function countingModel(id = 'stand-in'): PlanModel & { calls: number } {
  const m = {
    id,
    kind: 'text' as const,
    hash: `hash-of-${id}`,
    description: 'counting stand-in',
    calls: 0,
    async plan(request: Suite['rows'][number]['request']) {
      m.calls++;
      const meals: Item[][] = Array.from({ length: 3 }, () => [{ food: a, grams: 100 }]);
      const kcal = dayTotal(meals.flat(), (f) => f.per100g.kcal);
      return {
        ok: true,
        plan: {
          ...plan(
            meals,
            { kcal, proteinG: 1, fatG: 1, carbsG: 1 },
            weeks(
              2,
              FULL_BODY,
              () => 3,
              (w) => 8 + w,
            ),
          ),
          request,
        },
        timings: { totalMs: 5 },
      };
    },
    async dispose() {},
  };
  return m;
}

function asReport(
  suite: Suite,
  run: Awaited<ReturnType<typeof runModel>>,
  shard: { index: number; count: number } | null,
): EvalReportT {
  return {
    schema: 'nexfitra-eval-report',
    version: EVAL_REPORT_VERSION,
    createdAt: new Date().toISOString(),
    suite: { name: suite.name, hash: suite.hash, size: suite.rows.length },
    shard,
    settings: { seed: 0, bootstrap: 200, alpha: 0.05 },
    models: [run.run],
    metrics: [...metricInfos(), ...RUN_METRICS],
    rows: run.rows,
    comparisons: comparisons(run.rows, [run.run.id], { seed: 0, resamples: 200, alpha: 0.05 }),
  };
}

describe('cache', () => {
  it('a rerun computes nothing and returns the same rows', async () => {
    const cache = new ResultCache(mkdtempSync(join(tmpdir(), 'nexfitra-cache-')));
    const m = countingModel();
    const first = await runModel(m, smoke, { cache });
    expect([m.calls, first.run.computed, first.run.cached]).toEqual([20, 20, 0]);
    const second = await runModel(m, smoke, { cache });
    expect([m.calls, second.run.computed, second.run.cached]).toEqual([20, 0, 20]);
    expect(second.rows.map((r) => r.metrics)).toEqual(first.rows.map((r) => r.metrics));
    // Another model hash or other settings miss the cache.
    const other = countingModel('other');
    await runModel(other, smoke, { cache, settings: { weeks: 6 } });
    expect(other.calls).toBe(20);
  });
});

describe('shards and merge', () => {
  it('shards 1/3, 2/3, 3/3 partition the suite and merge to the unsharded rows', async () => {
    const m = countingModel();
    const whole = await runModel(m, smoke);
    const parts = await Promise.all(
      [1, 2, 3].map((index) => runModel(m, smoke, { shard: { index, count: 3 } })),
    );
    expect(parts.map((p) => p.rows.length)).toEqual([7, 7, 6]);
    const merged = mergeReports(parts.map((p, i) => asReport(smoke, p, { index: i + 1, count: 3 })));
    expect(EvalReport.safeParse(merged).success).toBe(true);
    const key = (r: { requestId: string }) => r.requestId;
    // cpuMs is measured (the process's CPU over the call), so it differs run to run: left out.
    const measured = (m: Record<string, number | null>) =>
      Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'cpuMs'));
    expect(
      [...merged.rows].sort((x, y) => key(x).localeCompare(key(y))).map((r) => measured(r.metrics)),
    ).toEqual([...whole.rows].sort((x, y) => key(x).localeCompare(key(y))).map((r) => measured(r.metrics)));
    expect(merged.models[0]?.computed).toBe(20);
  });

  it('a missing or repeated shard, or another suite, is refused', async () => {
    const m = countingModel();
    const p1 = asReport(smoke, await runModel(m, smoke, { shard: { index: 1, count: 2 } }), {
      index: 1,
      count: 2,
    });
    const p2 = asReport(smoke, await runModel(m, smoke, { shard: { index: 2, count: 2 } }), {
      index: 2,
      count: 2,
    });
    expect(() => mergeReports([p1])).toThrow(/all 2 shards/);
    expect(() => mergeReports([p1, p1])).toThrow(/each shard once/);
    expect(() => mergeReports([p1, { ...p2, suite: { ...p2.suite, hash: 'e'.repeat(64) } }])).toThrow(
      /suite/,
    );
    expect(() => mergeReports([{ schema: 'nope' }])).toThrow(/nexfitra-eval report/);
  });
});

describe('rule planner on smoke', () => {
  it('builtin:rules plans the first two smoke requests with no hard violation', async () => {
    const suite: Suite = { ...smoke, rows: smoke.rows.slice(0, 2) };
    const r = await evaluate(['builtin:rules'], suite, { cache: false, resamples: 200 });
    expect(EvalReport.safeParse(r).success).toBe(true);
    for (const row of r.rows) {
      expect(row.status, row.error).toBe('ok');
      expect(row.metrics['hardViolations']).toBe(0);
      expect(row.metrics['latencyMs']).toBeGreaterThan(0);
    }
    expect(r.models[0]?.kind).toBe('rules');
    expect(r.models[0]?.sizeBytes).toBeNull();
  }, 60_000);
});
