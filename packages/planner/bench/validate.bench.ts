/**
 * What checking a finished plan costs (issues 8 and 9): core `validatePlan` on untrusted input
 * (parses the whole `Plan`, then the checks) against the planners' path, `validateParsedPlan`
 * on the plan their own `parseOrThrow(Plan, …)` returned (the checks alone), and the parse
 * alone, side by side in one run. Run: `npx vitest bench --run packages/planner/bench/validate.bench.ts`.
 *
 * Fixture: 20 weekly plans (7 days, 4-week programme) of the rule planner on the seeded request
 * generator (seed 11), made once before timing; each iteration checks all 20 with the core
 * catalogues' lookups, built once (their records are frozen, so each is zod-checked once per
 * process). Per plan = the figure ÷ 20. Measured here (2 shared cores): a weekly plan's
 * `validatePlan` went from about 5–7 ms to 2–2.5 ms CPU, and the model path's assemble + check
 * from about 6–8 ms to 2.5 ms (docs/validation-speed.md).
 */
import { byIdLookup, Plan, type PlanT, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { validateParsedPlan } from '@nexfitra/core/internal';
import { bench, describe } from 'vitest';
import { planPlan } from '../src/plan/planPlan';
import { generateRequests } from '../src/requests/generateRequests';

const plans: PlanT[] = [];
for (const request of generateRequests(20, 11, { days: 7 })) {
  const r = await planPlan(request);
  if (r.ok) plans.push(r.plan);
}
const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };

describe(`check ${plans.length} weekly plans`, () => {
  bench(
    'validatePlan (parse + checks)',
    () => {
      for (const p of plans) validatePlan(p, context);
    },
    { time: 2000, warmupIterations: 2 },
  );
  bench(
    'validateParsedPlan (checks of an already parsed plan)',
    () => {
      for (const p of plans) validateParsedPlan(p, context);
    },
    { time: 2000, warmupIterations: 2 },
  );
  bench(
    'Plan schema parse alone',
    () => {
      for (const p of plans) Plan.parse(p);
    },
    { time: 2000, warmupIterations: 2 },
  );
});
