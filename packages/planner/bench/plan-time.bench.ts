/**
 * createPlan time (issue 8 target: p95 ≤ 100 ms, p99 ≤ PLAN_TIME_BUDGET_MS) and the speed-ups
 * behind it, each against the alternative in the same run (vitest prints the ratios in its
 * summary). Run: `npx vitest bench --run packages/planner/bench/plan-time.bench.ts`.
 *
 * - createPlan, search `fast` (default) vs `best` (the slow teacher setting), over the same 8
 *   generated weekly requests per iteration (seed 20240601, the report's seed; HiGHS loaded and
 *   the JIT warmed before timing). Tail figures (p95/p99 over 500 requests, CPU time) come from
 *   `npm run report:planner`.
 * - One LP of a dish day (model built and solved): the structured model on the persistent HiGHS model (what the
 *   solver does now) vs the same model as LP text through the legacy `solve` (what it did
 *   before: write and parse the text, create a solver per call).
 * - A doomed dish try (a day whose energy and macros no portions can meet): fit only (closest
 *   `none`, what a dish day's first pass does now: the capped LP, whose dual ray proves the
 *   energy and macro bands infeasible, and nothing else) vs closest `lp` (what it did before:
 *   the uncapped LP, then the soft LP and its rounding for a plan that was then thrown away).
 */
import { FOODS } from '@nexfitra/core/foods';
import { bench, describe } from 'vitest';
import { createPlan } from '../src/plan/planPlan';
import { generateRequests } from '../src/requests/generateRequests';
import { lpData, lpText } from '../src/solver/_lp';
import { buildLp, columnNames } from '../src/solver/_model';
import { normalizeProblem } from '../src/solver/_normalize';
import { loadLpSolver, solveDataSync, solveLpSync, withLpSolver } from '../src/solver/highs';
import { solvePortionsWith } from '../src/solver/solvePortions';

await loadLpSolver();
const requests = generateRequests(8, 20240601, { foodIds: FOODS.map((f) => f.id) });
for (const r of generateRequests(3, 7, { foodIds: FOODS.map((f) => f.id) })) await createPlan(r);

describe('createPlan, 8 generated weekly requests', () => {
  bench(
    'search fast (default)',
    async () => {
      for (const r of requests) await createPlan(r);
    },
    { time: 4000, warmupIterations: 1 },
  );
  bench(
    'search best (teacher)',
    async () => {
      for (const r of requests) await createPlan(r, { search: 'best' });
    },
    { time: 4000, warmupIterations: 1 },
  );
});

// A dish day as the solver sees it: 3 meals of 4–6 items with sides, bands of the day's targets
// (the shape of `_dishDay` problems; numbers from the USDA rows of oats, milk, chicken, rice,
// broccoli, olive oil, apple, lentils, bread).
const food = (id: string, kcal: number, p: number, f: number, c: number, fib: number, na: number) => ({
  id,
  per100g: { kcal, proteinG: p, fatG: f, carbsG: c, fiberG: fib, sodiumMg: na },
});
const dayItems = [
  { ...food('0:oats', 379, 13.2, 6.5, 67.7, 10.1, 6), minG: 40, maxG: 100, stepG: 5 },
  { ...food('0:milk', 61, 3.2, 3.3, 4.8, 0, 43), minG: 150, maxG: 300, stepG: 5 },
  { ...food('0:apple', 52, 0.3, 0.2, 13.8, 2.4, 1), minG: 100, maxG: 200, stepG: 5, optional: true },
  { ...food('1:chicken', 165, 31, 3.6, 0, 0, 74), minG: 100, maxG: 220, stepG: 5 },
  { ...food('1:rice', 130, 2.7, 0.3, 28.2, 0.4, 1), minG: 120, maxG: 300, stepG: 5 },
  { ...food('1:broccoli', 35, 2.4, 0.4, 7.2, 3.3, 41), minG: 80, maxG: 200, stepG: 5 },
  { ...food('1:oil', 884, 0, 100, 0, 0, 2), minG: 5, maxG: 20, stepG: 1 },
  { ...food('2:lentils', 116, 9, 0.4, 20.1, 7.9, 2), minG: 150, maxG: 350, stepG: 5 },
  { ...food('2:bread', 247, 13, 3.4, 41, 6, 450), minG: 30, maxG: 90, stepG: 5, optional: true },
  { ...food('2:oil', 884, 0, 100, 0, 0, 2), minG: 5, maxG: 20, stepG: 1 },
];
const dayMeals = [
  { id: 'b', itemIds: ['0:oats', '0:milk', '0:apple'], kcalShare: 0.3 },
  { id: 'l', itemIds: ['1:chicken', '1:rice', '1:broccoli', '1:oil'], kcalShare: 0.35 },
  { id: 'd', itemIds: ['2:lentils', '2:bread', '2:oil'], kcalShare: 0.35 },
];
const day = normalizeProblem({
  items: dayItems,
  targets: {
    kcal: 2200,
    proteinG: 120,
    fatG: 70,
    carbsG: 270,
    fiberMinG: 30,
    sodiumMaxMg: 2300,
    kcalMin: 1500,
  },
  meals: dayMeals,
});
const lp = buildLp(day, columnNames(day), { integer: false, hard: true, objective: 'full', sodiumCap: true });

describe("one LP of a dish day (the solver's most frequent call)", () => {
  bench('structured model, persistent HiGHS (now)', async () => {
    await withLpSolver((h) => solveDataSync(h, lpData(lp, h.infinity), { presolve: 'off' }, 'bench'));
  });
  bench('LP text through the legacy solve (before)', async () => {
    await withLpSolver((h) => solveLpSync(h, lpText(lp), { presolve: 'off' }, 'bench'));
  });
});

// The same foods with 140 g protein and 40 g fat at 2,200 kcal: each band alone is within
// reach of the items, together they are not (no plan, integer or not: the LP is infeasible).
const doomed = {
  items: dayItems,
  targets: {
    kcal: 2200,
    proteinG: 140,
    fatG: 40,
    carbsG: 250,
    fiberMinG: 30,
    sodiumMaxMg: 2300,
    kcalMin: 1500,
  },
  meals: dayMeals,
};

describe('a doomed dish try (energy and macros out of reach together)', () => {
  bench('fit only, closest none (now)', async () => {
    await solvePortionsWith(doomed, { closest: 'none' });
  });
  bench('closest plan from the soft LP, closest lp (before)', async () => {
    await solvePortionsWith(doomed, { closest: 'lp' });
  });
});
