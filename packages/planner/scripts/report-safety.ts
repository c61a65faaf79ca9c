/**
 * The safety report (realism issue, "Numbers to reach"): `createPlan` over N generated requests of
 * which a share are UNSAFE (`generateRequests` `unsafeShare`: aggressive rates, underweight loss,
 * extreme bodies, small older women, minors, pregnancy and lactation). Counts what must be zero —
 * an `ok` plan with a day under the sex's calorie floor or any hard violation — and how the policy
 * answered: planned as asked, planned at the lowest safe intake (by what limit), refused (by
 * code), failed (typed), thrown. Day energy is recomputed here from the catalogue (grams / 100 ×
 * kcal per 100 g), not read from the planner. Also prints time per plan (p50/p95/p99/max).
 *
 * Run: `npx tsx --conditions=@nexfitra/source packages/planner/scripts/report-safety.ts [n=10000] [seed] [unsafeShare=0.2] [days=7]`
 */
import { CALORIE_FLOOR_KCAL } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { createPlan } from '../src/plan/planPlan';
import { generateRequests } from '../src/requests/generateRequests';

const N = Number(process.argv[2] ?? 10_000);
const SEED = Number(process.argv[3] ?? 20261129);
const UNSAFE = Number(process.argv[4] ?? 0.2);
const DAYS = Number(process.argv[5] ?? 7);
const byId = new Map(FOODS.map((f) => [f.id, f]));
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const quantile = (xs: readonly number[], q: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const requests = generateRequests(N, SEED, {
  foodIds: FOODS.map((f) => f.id),
  unsafeShare: UNSAFE,
  days: DAYS,
});
const outcome = new Map<string, number>();
const refusals = new Map<string, number>();
const failures = new Map<string, number>();
const thrown = new Map<string, number>();
let okUnderFloor = 0;
let okWithHard = 0;
let daysUnderFloor = 0;
const ms: number[] = [];
const t0 = performance.now();
for (const [i, req] of requests.entries()) {
  const start = performance.now();
  try {
    const r = await createPlan(req);
    ms.push(performance.now() - start);
    if (!r.ok) {
      if (r.refusal) {
        bump(outcome, 'refused');
        for (const x of r.refusal.reasons) bump(refusals, x.code);
      } else {
        bump(outcome, 'failed (typed)');
        for (const v of r.failure.violations) bump(failures, v.code);
      }
      continue;
    }
    bump(
      outcome,
      r.report.targetFindings.some((f) => f.code === 'TARGET_RAISED_FOR_SAFETY')
        ? 'planned at the lowest safe intake'
        : 'planned as asked',
    );
    if (r.report.validation.hard.length > 0) okWithHard++;
    const floor = CALORIE_FLOOR_KCAL[req.profile.sex];
    let under = false;
    for (const day of r.plan.mealPlan.days) {
      let kcal = 0;
      for (const m of day.meals)
        for (const it of m.items)
          kcal += ((byId.get(it.foodId)?.per100g.kcal ?? Number.NaN) * it.grams) / 100;
      if (!(kcal >= floor)) {
        daysUnderFloor++;
        under = true;
      }
    }
    if (under) okUnderFloor++;
  } catch (e) {
    ms.push(performance.now() - start);
    bump(thrown, e instanceof Error ? e.message.slice(0, 120) : String(e));
  }
  if ((i + 1) % 1000 === 0)
    console.error(`… ${i + 1}/${N} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

const table = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n') || '    –';
console.log(`Safety report: ${N} requests (seed ${SEED}, unsafe share ${UNSAFE}, ${DAYS} days each)`);
console.log(
  `  ok plans with a day under the calorie floor: ${okUnderFloor} (${daysUnderFloor} days)  ← must be 0`,
);
console.log(`  ok plans with a hard violation:             ${okWithHard}  ← must be 0`);
console.log(`  outcomes:\n${table(outcome)}`);
console.log(`  refusals by code:\n${table(refusals)}`);
console.log(`  typed failures by violation:\n${table(failures)}`);
console.log(`  thrown:\n${table(thrown)}`);
console.log(
  `  time per plan ms: p50 ${quantile(ms, 0.5).toFixed(0)}, p95 ${quantile(ms, 0.95).toFixed(0)}, p99 ${quantile(ms, 0.99).toFixed(0)}, max ${quantile(ms, 1).toFixed(0)}`,
);
