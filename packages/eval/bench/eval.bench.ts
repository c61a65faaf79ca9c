/**
 * eval's own cost next to the models it measures, and what the cache saves (issue 11 target: a
 * cached rerun in seconds). Run: `npx vitest bench --run packages/eval/bench/eval.bench.ts`.
 *
 * - Scoring: `computeMetrics` (core's validatePlan + every metric) on one rule-planner plan,
 *   against `planPlan` itself making that plan — the alternative cost per request.
 * - Rerun: the first 5 smoke requests through `runModel` with a warm cache against the same run
 *   without a cache (the ratio is the cached rerun's saving per request).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planPlan } from '@nexfitra/planner';
import { bench, describe } from 'vitest';
import { computeMetrics } from '../src/metrics/catalogue';
import { ruleModel } from '../src/model/rules';
import { ResultCache } from '../src/run/cache';
import { runModel } from '../src/run/runModel';
import { loadSuite } from '../src/suite/loadSuite';

const smoke = loadSuite('smoke');
const five = { ...smoke, rows: smoke.rows.slice(0, 5) };
const request = smoke.rows[0]?.request;
if (request === undefined) throw new Error('smoke is empty');
const planned = await planPlan(request);
if (!planned.ok) throw new Error('bench fixture: the planner did not return a plan');
const outcome = { ok: true, plan: planned.plan, timings: { totalMs: 1 } } as const;
const model = ruleModel('builtin:rules');
const cache = new ResultCache(mkdtempSync(join(tmpdir(), 'nexfitra-eval-bench-')));
await runModel(model, five, { cache });

describe('per request: scoring vs planning', () => {
  bench('computeMetrics (validatePlan + every metric)', () => {
    computeMetrics(request, outcome);
  });
  bench(
    'planPlan (the alternative: making the plan)',
    async () => {
      await planPlan(request);
    },
    { iterations: 5, time: 0 },
  );
});

describe('5 smoke requests: cached rerun vs fresh run', () => {
  bench('runModel, warm cache', async () => {
    await runModel(model, five, { cache });
  });
  bench(
    'runModel, no cache',
    async () => {
      await runModel(model, five);
    },
    { iterations: 2, time: 0 },
  );
});
