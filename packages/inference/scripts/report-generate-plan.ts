/**
 * generatePlan end to end over generated requests with an adversarial random-weight model
 * (test/_randomModel.ts: unconstrained, it writes foods and exercises the request forbids, in no
 * order the language allows): counts ok plans, typed refusals and failures, and hard violations
 * found by core `validatePlan` run again here on every returned plan (must be 0); medians of the
 * time per plan and of what the repair changed; tokens emitted vs tokens run through the model.
 *
 *   npx tsx --conditions=@nexfitra/source packages/inference/scripts/report-generate-plan.ts [n] [days]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byIdLookup, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests } from '@nexfitra/planner';
import { registerModelFolder } from '../src/node';
import { generatePlan } from '../src/plan/generatePlan';
import { createRegistry } from '../src/registry/createRegistry';
import { writeRandomPlanModel } from '../test/_randomModel';

const N = Number(process.argv[2] ?? 200);
const DAYS = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;

const dir = await mkdtemp(join(tmpdir(), 'nf-report-'));
try {
  await writeRandomPlanModel(dir, { seed: 11, adversarial: true });
  const registry = createRegistry();
  registerModelFolder(registry, dir, { id: 'random' });
  const outcomes = new Map<string, number>();
  let hard = 0;
  const ms: number[] = [];
  const grams: number[] = [];
  const swaps: number[] = [];
  let offBand = 0;
  let days = 0;
  let emitted = 0;
  let run = 0;
  const requests = generateRequests(N, 2026).map((r) => (DAYS === undefined ? r : { ...r, days: DAYS }));
  for (const [i, request] of requests.entries()) {
    const t0 = performance.now();
    const r = await generatePlan(request, { registry, model: 'random', seed: i });
    const key = r.ok
      ? 'ok'
      : r.refused
        ? `refused:${r.refusal.reasons.map((x) => x.code).join('+')}`
        : r.failure.code;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    if (!r.ok) continue;
    ms.push(performance.now() - t0);
    hard += validatePlan(r.plan, context).violations.filter((v) => v.severity === 'hard').length;
    grams.push(r.report.repair.gramsMoved);
    swaps.push(r.report.repair.swaps.length);
    offBand += r.report.repair.daysOffBand.length;
    days += r.plan.mealPlan.days.length;
    emitted += r.report.tokens?.emitted ?? 0;
    run += r.report.tokens?.run ?? 0;
  }
  console.log(
    `generatePlan, adversarial random model, ${N} generated requests${DAYS ? ` (${DAYS} days each)` : ''}:`,
  );
  console.log(`  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  hard violations in returned plans (core validatePlan): ${hard}`);
  console.log(`  time per plan: median ${median(ms).toFixed(0)} ms, p95 ${p95(ms).toFixed(0)} ms`);
  console.log(
    `  repair: median ${median(grams).toFixed(0)} g moved, median ${median(swaps)} items swapped; ${offBand} of ${days} days outside a band after repair`,
  );
  console.log(
    `  tokens: ${emitted} emitted, ${run} run through the model (${((100 * (emitted - run)) / Math.max(emitted, 1)).toFixed(1)} % jump-forward)`,
  );
  await registry.dispose();
} finally {
  await rm(dir, { recursive: true, force: true });
}
