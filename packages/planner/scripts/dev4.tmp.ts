import { FOODS } from '@nexfitra/core/foods';
import { createRng, DEFAULT_MEAL_SHARES } from '@nexfitra/core';
import { generateRequests } from '../src/requests/generateRequests';
import { solvePortions } from '../src/solver/solvePortions';
import { buildPools, selectDay } from '../src/meal/_select';
import { problemOf } from '../src/meal/_solveDay';
import { planTargets } from '../src/plan/planTargets';
const r = generateRequests(6, 1, { foodIds: FOODS.map((f) => f.id) })[5]!;
const t = planTargets(r); if (!t.ok) throw 0;
const slots = DEFAULT_MEAL_SHARES[r.preferences.mealsPerDay as 2].map((s) => ({ type: s.mealType, share: s.share }));
const sel = selectDay(slots, r.preferences.diet, buildPools(FOODS, r.preferences), { used: new Map(), previous: [] }, createRng(1));
const p = problemOf(sel, { ...t.targets, fiberMinG: t.targets.fiberG!, kcalTolerancePercent: 3, macroToleranceG: 5, mealShareTolerance: 0.05, maxAttempts: 1 }, 0.05);
for (let i = 0; i < 10; i++) { const t0 = performance.now(); const res = await solvePortions(p); console.log((performance.now() - t0).toFixed(1), res.solveMs.toFixed(1), res.method, res.status, p.items.length); }
