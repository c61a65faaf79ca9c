/**
 * Dish-based meal planning against the single-food planner it replaces (issue 8), on the same
 * week: `mode: 'dishes'` with the fast search (the default), with `search: 'best'` (the slow
 * "teacher" setting: 24 drawn weeks, 3 portioned in full), and `mode: 'foods'` (the planner
 * before dishes). Run: `npx vitest bench --run packages/planner/bench/meal.bench.ts`; compare
 * the rows' means (the ratio dishes/foods is the cost of the realism).
 *
 * Fixtures: the first 4-meal omnivore and the first vegan request of the seeded generator
 * (seed 4) with their core targets; HiGHS loaded before timing.
 */
import { FOODS } from '@nexfitra/core/foods';
import { bench, describe } from 'vitest';
import { planMeals } from '../src/meal/planMeals';
import { planTargets } from '../src/plan/planTargets';
import { generateRequests } from '../src/requests/generateRequests';
import { loadLpSolver } from '../src/solver/highs';

await loadLpSolver();
const requests = generateRequests(80, 4, { foodIds: FOODS.map((f) => f.id) });
const fixtures = [
  requests.find((r) => r.preferences.mealsPerDay === 4 && r.preferences.diet === 'omnivore')!,
  requests.find((r) => r.preferences.diet === 'vegan')!,
];

for (const request of fixtures) {
  const t = planTargets(request);
  if (!t.ok) throw new Error('bench fixture refused');
  const week = { ...request, days: 7 };
  describe(`7-day ${request.preferences.diet} plan, ${request.preferences.mealsPerDay} meals a day`, () => {
    bench(
      'dishes, fast search (default)',
      async () => {
        await planMeals(week, t.targets);
      },
      { time: 3000, warmupIterations: 1 },
    );
    bench(
      'dishes, best search',
      async () => {
        await planMeals(week, t.targets, { search: 'best' });
      },
      { time: 3000, warmupIterations: 1 },
    );
    bench(
      'single foods (mode "foods", the planner before dishes)',
      async () => {
        await planMeals(week, t.targets, { mode: 'foods' });
      },
      { time: 3000, warmupIterations: 1 },
    );
  });
}
