/**
 * Meal planner and whole-plan speed (issue 4 target: a 7-day, 4-meals-a-day plan in ≤ 50 ms
 * median). Run: `npx vitest bench --run packages/planner/bench/plan.bench.ts`.
 *
 * Fixture: the first 4-meal request of the seeded generator (seed 4) and its core targets; HiGHS
 * is loaded before timing (the first load, ~50–100 ms, is a one-off per process). Each iteration
 * plans the same week, so the figure is the steady-state cost of food selection, portion solving
 * and (for planPlan) the workout program and core's validators.
 */
import { FOODS } from '@nexfitra/core/foods';
import { bench, describe } from 'vitest';
import { planMeals } from '../src/meal/planMeals';
import { planPlan } from '../src/plan/planPlan';
import { planTargets } from '../src/plan/planTargets';
import { generateRequests } from '../src/requests/generateRequests';
import { loadLpSolver } from '../src/solver/highs';

await loadLpSolver();
const request = generateRequests(50, 4, { foodIds: FOODS.map((f) => f.id) }).find(
  (r) => r.preferences.mealsPerDay === 4 && r.preferences.diet === 'omnivore',
)!;
const t = planTargets(request);
if (!t.ok) throw new Error('bench fixture refused');
const targets = t.targets;

describe('7-day plan, 4 meals a day', () => {
  bench(
    'planMeals (selection + HiGHS portions)',
    async () => {
      await planMeals(request, targets);
    },
    { time: 3000, warmupIterations: 2 },
  );
  bench(
    'planPlan (targets + meals + 4-week program + validatePlan)',
    async () => {
      await planPlan(request);
    },
    { time: 3000, warmupIterations: 2 },
  );
});
